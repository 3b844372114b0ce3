package dev.trainyard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a credential (a GitHub token, a Bugzilla API key) may travel at all: over HTTPS, or over
 * plain HTTP only to this machine (a loopback address, for local test servers). Every client that
 * sends one checks here first, so none sends a secret in clear text across a network.
 */
public final class CredentialTransport {
  private CredentialTransport() {}

  /** True when a credential may be sent with this scheme to this host. */
  public static boolean allows(String scheme, String host) {
    if (scheme == null || host == null) {
      return false;
    }
    String s = scheme.toLowerCase(Locale.ROOT);
    return s.equals("https") || (s.equals("http") && loopback(host));
  }

  /** As {@link #allows(String, String)} for the scheme and host of {@code url}; false for a URL that is none. */
  public static boolean allows(String url) {
    try {
      URI uri = new URI(url);
      return allows(uri.getScheme(), uri.getHost());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      return false;
    }
  }

  /** {@code localhost} or a literal loopback address ({@code 127.0.0.1}, {@code [::1]}). */
  public static boolean loopback(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: resolving a name could be steered by whoever controls DNS.
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
