package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import java.util.List;

/**
 * The {@code merge-back} section of {@code .trainyard.yml}. Every key is optional; flags override
 * it and the defaults need no file at all.
 *
 * @param main the branch release work must reach (default: main, then master, then origin/HEAD)
 * @param branches release branch globs (default: train-*, release/*, release-*)
 * @param tags release tag globs (default: v[0-9]*, [0-9]*)
 * @param exclude short ref names never checked, e.g. {@code *-feature} tags
 * @param horizonDays refs dated within this many days are checked (default 180)
 * @param horizonRefs the newest this-many branches and tags are checked whatever their age (default 10)
 * @param staleAfter not merged for longer than this is stale, e.g. {@code 7d}, {@code 36h}, {@code P7D}
 * @param remote whose remote-tracking branches count as release branches (default origin)
 * @param forkSync a remote whose main must equal ours, e.g. a private security fork
 * @param trackingIssue keep one GitHub issue in step with the verdict
 * @param label label of the tracking issue (default merge-back)
 */
public record MergeBackConfig(
    String main,
    List<String> branches,
    List<String> tags,
    List<String> exclude,
    Integer horizonDays,
    Integer horizonRefs,
    String staleAfter,
    String remote,
    String forkSync,
    Boolean trackingIssue,
    String label) {

  public static final MergeBackConfig DEFAULTS =
      new MergeBackConfig(null, null, null, null, null, null, null, null, null, null, null);

  /**
   * This section with every unset key at the value merge-back uses (what {@code trainyard config}
   * prints). {@code main} and {@code fork-sync} stay null when unset: main is found at run time
   * (main, then master, then origin/HEAD) and no fork is compared unless one is named.
   */
  public MergeBackConfig withDefaults() {
    return new MergeBackConfig(main,
        branches != null ? branches : MergeBackRequest.DEFAULT_BRANCHES,
        tags != null ? tags : MergeBackRequest.DEFAULT_TAGS,
        exclude != null ? exclude : List.of(),
        horizonDays != null ? horizonDays : MergeBackRequest.DEFAULT_HORIZON_DAYS,
        horizonRefs != null ? horizonRefs : MergeBackRequest.DEFAULT_HORIZON_REFS,
        staleAfter != null ? staleAfter : MergeBackRequest.DEFAULT_STALE_AFTER.toDays() + "d",
        remote != null ? remote : "origin",
        forkSync,
        trackingIssue != null ? trackingIssue : Boolean.FALSE,
        label != null ? label : TrackingIssue.DEFAULT_LABEL);
  }

  public MergeBackConfig {
    branches = branches == null ? null : List.copyOf(branches);
    tags = tags == null ? null : List.copyOf(tags);
    exclude = exclude == null ? null : List.copyOf(exclude);
    if (horizonDays != null && horizonDays < 0) {
      throw TrainyardException.invalidInput("merge-back.horizon-days must not be negative, got " + horizonDays,
          "give a number of days, e.g. 180");
    }
    if (horizonRefs != null && horizonRefs < 0) {
      throw TrainyardException.invalidInput("merge-back.horizon-refs must not be negative, got " + horizonRefs,
          "give a number of refs, e.g. 10");
    }
    if (staleAfter != null) {
      try {
        StaleThreshold.parse(staleAfter, "stale-after");
      } catch (RuntimeException e) {
        throw TrainyardException.invalidInput(
            "merge-back.stale-after: '" + staleAfter + "' is not a duration like 7d, 36h or P7D", null);
      }
    }
    for (List<String> globs : java.util.Arrays.asList(branches, tags, exclude)) {
      if (globs != null) {
        for (String glob : globs) {
          try {
            RefGlob.of(glob);
          } catch (RuntimeException e) {
            throw TrainyardException.invalidInput("'" + glob + "' is not a valid ref pattern", null);
          }
        }
      }
    }
  }
}
