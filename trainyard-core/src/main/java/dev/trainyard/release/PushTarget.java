package dev.trainyard.release;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.util.Objects;

/**
 * Where and how {@code cut --push} publishes.
 *
 * @param remote a configured remote name ({@code origin}) or a URL
 * @param token a GitHub token sent as the password of user {@code x-access-token}, or null; it is
 *     only ever sent to {@code tokenHost}, over HTTPS (plain HTTP only to a loopback address)
 * @param tokenHost the host the token may go to (the configured GitHub server's), or null
 * @param local true for a remote on this machine ({@code file://} or a path): pushed with the system
 *     {@code git}, so the remote's hooks ({@code pre-receive}, {@code update}) run and can refuse
 */
public record PushTarget(String remote, String token, String tokenHost, boolean local) {
  public PushTarget {
    Objects.requireNonNull(remote, "remote");
    if (token != null && tokenHost == null) {
      // Releases builds a token-carrying target only for a host the token may go to: never a user's doing.
      throw new TrainyardException(FailureKind.INTERNAL, "a push token without the host it may be sent to");
    }
  }

  /** A remote reached without credentials. */
  public static PushTarget anonymous(String remote, boolean local) {
    return new PushTarget(remote, null, null, local);
  }

  @Override
  public String toString() {
    return "PushTarget[remote=" + remote + ", token=" + (token == null ? "none" : "*** for " + tokenHost)
        + (local ? ", local" : "") + "]";
  }
}
