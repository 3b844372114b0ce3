package dev.trainyard.mergeback;

import java.util.List;

/**
 * The {@code merge-back} flags as given, null (or empty, or blank) where not given.
 * {@link MergeBackJob#resolve} puts them over the {@code merge-back:} configuration.
 *
 * @param fetch fetch the {@code --fork-sync} remote first
 * @param offline never call GitHub, even with a token
 */
public record MergeBackFlags(
    String main,
    List<String> branches,
    List<String> tags,
    List<String> exclude,
    boolean all,
    Integer horizonDays,
    Integer horizonRefs,
    String staleAfter,
    String remote,
    String forkSync,
    boolean fetch,
    boolean trackingIssue,
    String label,
    boolean offline) {

  public static final MergeBackFlags NONE =
      new MergeBackFlags(null, null, null, null, false, null, null, null, null, null, false, false, null, false);

  /** The remote (and branch) whose main must equal ours, or null. */
  public String forkSync(MergeBackConfig config) {
    return given(forkSync) ? forkSync : given(config.forkSync()) ? config.forkSync() : null;
  }

  /** Whether to keep the tracking issue in step: the flag, or the configuration. */
  public boolean trackingIssue(MergeBackConfig config) {
    return trackingIssue || Boolean.TRUE.equals(config.trackingIssue());
  }

  /** The tracking issue's label, or null for the default. */
  public String label(MergeBackConfig config) {
    return given(label) ? label : given(config.label()) ? config.label() : null;
  }

  static boolean given(String value) {
    return value != null && !value.isBlank();
  }

  static boolean given(List<String> values) {
    return values != null && !values.isEmpty();
  }
}
