package dev.trainyard.preflight;

import dev.trainyard.TrainyardException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The readiness checks, in the order they run and are shown. */
public enum Check {
  /** No uncommitted or untracked files. */
  CLEAN_TREE,
  /** HEAD is on the branch the scheme releases from (main, train-N, release/X.Y). */
  RELEASE_BRANCH,
  /** The local branch and tags equal the remote's (read with ls-remote, nothing fetched). */
  UP_TO_DATE,
  /** Something was committed since the previous release. */
  NEW_COMMITS,
  /** Date scheme: whether the day's tag exists already (then the next is a -1, -2 re-tag). */
  DATE_TAG,
  /** Previous trains, patches and release branches reached main (the merge-back analysis). */
  MERGED_BACK,
  /** CI is green for HEAD (the verify-ci verdict). */
  CI,
  /** No open issues with the blocker labels or in the blocker milestone. */
  BLOCKERS,
  /** The release day is a configured release weekday and not a holiday. */
  RELEASE_DATE;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return id();
  }

  /** Parses a check id as written after {@code --only}/{@code --skip}; {@code source} names where it came from. */
  public static Check parse(String value, String source) {
    String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (Check check : values()) {
      if (check.id().equals(wanted)) {
        return check;
      }
    }
    throw TrainyardException.invalidInput(source + ": unknown check '" + value + "'",
        "the checks are " + Arrays.stream(values()).map(Check::id).collect(Collectors.joining(", ")));
  }
}
