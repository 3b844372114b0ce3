package dev.trainyard.git;

import java.io.File;
import java.util.Map;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How trainyard reaches a remote, the way git would: an SSH remote ({@code git@github.com:o/n.git},
 * {@code ssh://...}) over JGit's Apache MINA sshd transport with the user's {@code ~/.ssh/config},
 * keys, {@code known_hosts} and SSH agent ({@code SSH_AUTH_SOCK}); an HTTPS remote on the GitHub
 * server with the token as the password of user {@code x-access-token} when there is one, and no
 * other host ({@link HostBoundCredentials}). The home folder and the
 * agent socket come from the environment the caller passes, never from the process's own.
 */
public final class GitTransport implements AutoCloseable {
  private final String token;
  private final String tokenHost;
  private final Map<String, String> env;
  private SshdSessionFactory ssh;

  private GitTransport(String token, String tokenHost, Map<String, String> env) {
    this.token = token;
    this.tokenHost = tokenHost;
    this.env = env == null ? Map.of() : env;
  }

  /**
   * @param token the GitHub token, or null
   * @param tokenHost the only host the token may go to (the GitHub server's), over HTTPS or to a
   *     loopback address over HTTP ({@link HostBoundCredentials}); null sends no token
   * @param env the caller's environment: {@code HOME} for {@code ~/.ssh}, {@code SSH_AUTH_SOCK} for the agent
   */
  public static GitTransport of(String token, String tokenHost, Map<String, String> env) {
    return new GitTransport(token, tokenHost, env);
  }

  /** True for the URL forms git reaches over SSH: {@code ssh://}, {@code git+ssh://}, {@code user@host:path}. */
  public static boolean isSsh(String url) {
    if (url == null) {
      return false;
    }
    if (url.startsWith("ssh://") || url.startsWith("git+ssh://") || url.startsWith("ssh+git://")) {
      return true;
    }
    // scp-like syntax: [user@]host:path, with no slash before the colon
    int colon = url.indexOf(':');
    return colon > 0 && !url.contains("://") && url.indexOf('/') > colon && !url.startsWith("/")
        && !(colon == 1 && Character.isLetter(url.charAt(0)));
  }

  /** True for {@code http://} and {@code https://} URLs. */
  public static boolean isHttp(String url) {
    return url != null && (url.startsWith("https://") || url.startsWith("http://"));
  }

  /** Sets credentials and the SSH session factory on a push, fetch or ls-remote. */
  public <C extends TransportCommand<C, ?>> C configure(C command) {
    if (token != null && tokenHost != null) {
      // Asked with the URI JGit is talking to at that moment, after any redirect.
      command.setCredentialsProvider(new HostBoundCredentials(tokenHost, token));
    }
    command.setTransportConfigCallback(transport -> {
      if (transport instanceof SshTransport sshTransport) {
        sshTransport.setSshSessionFactory(sshFactory());
      }
    });
    return command;
  }

  private synchronized SshdSessionFactory sshFactory() {
    if (ssh == null) {
      String homeVariable = env.get("HOME");
      File home = homeVariable == null ? new File(System.getProperty("user.home")) : new File(homeVariable);
      ssh = new SshdSessionFactoryBuilder()
          .setHomeDirectory(home)
          .setSshDirectory(new File(home, ".ssh"))
          .setConnectorFactory(SshAgentConnector.factory(env.get("SSH_AUTH_SOCK")))
          .build(new JGitKeyCache());
    }
    return ssh;
  }

  /** Ends the SSH client, if one was started. */
  @Override
  public synchronized void close() {
    if (ssh != null) {
      ssh.close();
      ssh = null;
    }
  }
}
