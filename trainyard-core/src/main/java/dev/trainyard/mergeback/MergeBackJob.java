package dev.trainyard.mergeback;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One scheduled merge-back check: what to analyse, and what to do besides.
 *
 * @param forkSync the remote (and branch) whose main must equal ours, or null
 * @param fetch fetch that remote first
 * @param trackingIssue keep one GitHub issue in step with the verdict
 * @param label the tracking issue's label, or null for {@link TrackingIssue#DEFAULT_LABEL}
 * @param offline never call GitHub, even with a token
 */
public record MergeBackJob(
    MergeBackRequest request, String forkSync, boolean fetch, boolean trackingIssue, String label, boolean offline) {

  public MergeBackJob {
    Objects.requireNonNull(request, "request");
  }

  /**
   * Flags over the {@code merge-back:} configuration over defaults. Throws only
   * {@link dev.trainyard.TrainyardException}, naming the flag.
   */
  public static MergeBackJob resolve(MergeBackConfig config, MergeBackFlags flags, Path repository, Instant now) {
    MergeBackConfig c = config == null ? MergeBackConfig.DEFAULTS : config;
    return new MergeBackJob(MergeBackRequest.resolve(c, flags, repository, now), flags.forkSync(c), flags.fetch(),
        flags.trackingIssue(c), flags.label(c), flags.offline());
  }
}
