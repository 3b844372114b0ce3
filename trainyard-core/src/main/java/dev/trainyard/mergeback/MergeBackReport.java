package dev.trainyard.mergeback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run found. A stale ref or a fork out of sync is a failing verdict, not an error:
 * the CLI maps {@link #failing()} to exit 1.
 *
 * @param forkSync null unless a fork remote was asked for
 * @param skipped refs that matched a pattern but lie outside the horizon
 */
public record MergeBackReport(
    String mainRef,
    String mainTip,
    Instant checkedAt,
    Duration staleAfter,
    List<RefResult> refs,
    int skipped,
    ForkSyncResult forkSync) {

  public MergeBackReport {
    Objects.requireNonNull(mainRef, "mainRef");
    Objects.requireNonNull(mainTip, "mainTip");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(staleAfter, "staleAfter");
    refs = List.copyOf(refs);
  }

  public List<RefResult> stale() {
    return refs.stream().filter(RefResult::stale).toList();
  }

  public List<RefResult> notMerged() {
    return refs.stream().filter(r -> r.status() != RefStatus.MERGED).toList();
  }

  public boolean failing() {
    return !stale().isEmpty() || (forkSync != null && !forkSync.inSync());
  }

  public MergeBackReport withForkSync(ForkSyncResult result) {
    return new MergeBackReport(mainRef, mainTip, checkedAt, staleAfter, refs, skipped, result);
  }
}
