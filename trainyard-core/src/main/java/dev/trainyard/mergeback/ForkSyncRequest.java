package dev.trainyard.mergeback;

/**
 * @param remote {@code REMOTE} or {@code REMOTE/BRANCH}
 * @param fetch fetch the fork's branch first (otherwise the remote-tracking ref must be current)
 * @param token for fetching a private fork over HTTPS; null for none
 * @param tokenHost the only host the token may go to (the configured GitHub server's), over HTTPS
 */
public record ForkSyncRequest(String remote, boolean fetch, String token, String tokenHost) {
  public ForkSyncRequest {
    if (remote == null || remote.isBlank()) {
      throw dev.trainyard.TrainyardException.invalidInput("--fork-sync: no remote given",
          "pass a remote name, e.g. --fork-sync security");
    }
  }

  @Override
  public String toString() {
    return "ForkSyncRequest[remote=" + remote + ", fetch=" + fetch + ", token=" + (token == null ? "none" : "*** for " + tokenHost) + "]";
  }
}
