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
 * @param problems remote lookups that failed and were done without (e.g. the merged pull request
 *     check): the verdict stands on git alone, and each problem says so with its kind
 */
public record MergeBackReport(
    String mainRef,
    String mainTip,
    Instant checkedAt,
    Duration staleAfter,
    List<RefResult> refs,
    int skipped,
    ForkSyncResult forkSync,
    List<Problem> problems) {

  /** A failure the run went on without, e.g. {@code REMOTE}: "looking up pull requests failed: ...". */
  public record Problem(dev.trainyard.FailureKind kind, String message) {}

  public MergeBackReport(String mainRef, String mainTip, Instant checkedAt, Duration staleAfter, List<RefResult> refs,
      int skipped, ForkSyncResult forkSync) {
    this(mainRef, mainTip, checkedAt, staleAfter, refs, skipped, forkSync, List.of());
  }

  public MergeBackReport {
    Objects.requireNonNull(mainRef, "mainRef");
    Objects.requireNonNull(mainTip, "mainTip");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(staleAfter, "staleAfter");
    refs = List.copyOf(refs);
    problems = problems == null ? List.of() : List.copyOf(problems);
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
    return new MergeBackReport(mainRef, mainTip, checkedAt, staleAfter, refs, skipped, result, problems);
  }
}
