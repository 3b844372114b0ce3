package dev.trainyard.release;

import java.util.Objects;

/**
 * Where and how {@code cut --push} publishes.
 *
 * @param remote a configured remote name ({@code origin}) or a URL
 * @param token a GitHub token sent as the password of user {@code x-access-token} over HTTPS, or null
 */
public record PushTarget(String remote, String token) {
  public PushTarget {
    Objects.requireNonNull(remote, "remote");
  }

  @Override
  public String toString() {
    return "PushTarget[remote=" + remote + ", token=" + (token == null ? "none" : "***") + "]";
  }
}
