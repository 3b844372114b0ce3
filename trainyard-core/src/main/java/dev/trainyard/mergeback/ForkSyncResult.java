package dev.trainyard.mergeback;

import java.util.List;
import java.util.Objects;

/**
 * @param remoteRef the fork's main as a remote-tracking ref, e.g. {@code refs/remotes/security/main}
 * @param onlyOnOurs commits on our main the fork lacks, newest first
 * @param onlyOnFork commits on the fork's main our main lacks, newest first
 */
public record ForkSyncResult(
    String remoteRef,
    String remoteTip,
    String ourRef,
    String ourTip,
    ForkSyncState state,
    List<String> onlyOnOurs,
    List<String> onlyOnFork) {

  public ForkSyncResult {
    Objects.requireNonNull(remoteRef, "remoteRef");
    Objects.requireNonNull(state, "state");
    onlyOnOurs = List.copyOf(onlyOnOurs);
    onlyOnFork = List.copyOf(onlyOnFork);
  }

  public boolean inSync() {
    return state == ForkSyncState.EQUAL;
  }
}
