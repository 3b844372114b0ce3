package dev.trainyard.git;

import dev.trainyard.CredentialTransport;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Gives JGit a GitHub token (for a push, or a fork-sync fetch) only for the one host it belongs to, over HTTPS, or over plain HTTP to a
 * loopback address (a local test server). JGit asks for credentials with the URI it is talking to
 * at that moment, after any redirect, so a remote that answers 401, or redirects elsewhere, gets
 * nothing from a host or scheme the token is not for: it is never sent in clear text, and never to
 * a host other than the configured GitHub server.
 */
public final class HostBoundCredentials extends CredentialsProvider {
  private final String host;
  private final UsernamePasswordCredentialsProvider token;

  public HostBoundCredentials(String host, String token) {
    this.host = host;
    this.token = new UsernamePasswordCredentialsProvider("x-access-token", token);
  }

  /** True when a token for {@code tokenHost} may be sent to {@code uri}. */
  public static boolean allowed(String tokenHost, String scheme, String uriHost) {
    return tokenHost != null && uriHost != null && tokenHost.equalsIgnoreCase(uriHost)
        && CredentialTransport.allows(scheme, uriHost);
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    return token.supports(items);
  }

  @Override
  public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    if (!allowed(host, uri.getScheme(), uri.getHost())) {
      return false;
    }
    return token.get(uri, items);
  }
}
