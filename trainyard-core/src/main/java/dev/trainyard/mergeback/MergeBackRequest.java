package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to check.
 *
 * @param repository a work tree or git directory (or anything below a work tree)
 * @param mainBranch null to find it: {@code main}, then {@code master}, then {@code origin/HEAD}
 * @param branchGlobs release branch short names, matched on local branches and on {@code remote}'s
 * @param tagGlobs release tag names
 * @param excludeGlobs short names never checked (e.g. feature tags {@code *-feature})
 * @param all ignore the horizon
 * @param horizonDays refs whose date lies within this many days are checked
 * @param horizonRefs the newest this-many branches and this-many tags are checked whatever their age
 * @param remote the remote whose branches count as release branches too (usually {@code origin})
 */
public record MergeBackRequest(
    Path repository,
    String mainBranch,
    List<String> branchGlobs,
    List<String> tagGlobs,
    List<String> excludeGlobs,
    boolean all,
    int horizonDays,
    int horizonRefs,
    Duration staleAfter,
    Instant now,
    String remote) {

  public static final List<String> DEFAULT_BRANCHES = List.of("train-*", "release/*", "release-*");
  public static final List<String> DEFAULT_TAGS = List.of("v[0-9]*", "[0-9]*");
  public static final int DEFAULT_HORIZON_DAYS = 180;
  public static final int DEFAULT_HORIZON_REFS = 10;
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(7);

  public MergeBackRequest {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(now, "now");
    branchGlobs = branchGlobs == null || branchGlobs.isEmpty() ? DEFAULT_BRANCHES : List.copyOf(branchGlobs);
    tagGlobs = tagGlobs == null || tagGlobs.isEmpty() ? DEFAULT_TAGS : List.copyOf(tagGlobs);
    excludeGlobs = excludeGlobs == null ? List.of() : List.copyOf(excludeGlobs);
    staleAfter = staleAfter == null ? DEFAULT_STALE_AFTER : staleAfter;
    remote = remote == null || remote.isBlank() ? "origin" : remote;
    if (horizonDays < 0) {
      throw TrainyardException.invalidInput("horizon days must not be negative: " + horizonDays,
          "give a number of days, e.g. 180, or use --all");
    }
    if (horizonRefs < 0) {
      throw TrainyardException.invalidInput("horizon ref count must not be negative: " + horizonRefs,
          "give a number of refs, e.g. 10, or use --all");
    }
    if (staleAfter.isNegative()) {
      throw TrainyardException.invalidInput("stale-after must not be negative: " + staleAfter, "use e.g. 7d");
    }
    if (mainBranch != null && mainBranch.isBlank()) {
      mainBranch = null;
    }
  }

  /**
   * Flags over the {@code merge-back:} configuration over defaults. Throws only
   * {@link dev.trainyard.TrainyardException}, naming the flag (configuration values were checked
   * when loaded).
   */
  public static MergeBackRequest resolve(MergeBackConfig config, MergeBackFlags flags, Path repository, Instant now) {
    MergeBackConfig c = config == null ? MergeBackConfig.DEFAULTS : config;
    Duration staleAfter = flags.staleAfter() != null ? StaleThreshold.parse(flags.staleAfter(), "--stale-after")
        : c.staleAfter() != null ? StaleThreshold.parse(c.staleAfter(), "merge-back.stale-after")
        : DEFAULT_STALE_AFTER;
    requireNotNegative(flags.horizonDays(), "--horizon-days", "give a number of days, e.g. 180, or use --all");
    requireNotNegative(flags.horizonRefs(), "--horizon-refs", "give a number of refs, e.g. 10, or use --all");
    return new MergeBackRequest(
        repository,
        MergeBackFlags.given(flags.main()) ? flags.main() : c.main(),
        MergeBackFlags.given(flags.branches()) ? flags.branches() : c.branches(),
        MergeBackFlags.given(flags.tags()) ? flags.tags() : c.tags(),
        MergeBackFlags.given(flags.exclude()) ? flags.exclude() : c.exclude(),
        flags.all(),
        flags.horizonDays() != null ? flags.horizonDays() : c.horizonDays() != null ? c.horizonDays() : DEFAULT_HORIZON_DAYS,
        flags.horizonRefs() != null ? flags.horizonRefs() : c.horizonRefs() != null ? c.horizonRefs() : DEFAULT_HORIZON_REFS,
        staleAfter,
        now,
        MergeBackFlags.given(flags.remote()) ? flags.remote() : c.remote());
  }

  private static void requireNotNegative(Integer value, String flag, String hint) {
    if (value != null && value < 0) {
      throw TrainyardException.invalidInput(flag + " must not be negative, got " + value, hint);
    }
  }

  /** A request with every default, as {@code trainyard merge-back} with no flags and no config. */
  public static MergeBackRequest defaults(Path repository, Instant now) {
    return new MergeBackRequest(repository, null, null, null, null, false, DEFAULT_HORIZON_DAYS,
        DEFAULT_HORIZON_REFS, DEFAULT_STALE_AFTER, now, "origin");
  }

  public MergeBackRequest withAll(boolean everything) {
    return new MergeBackRequest(repository, mainBranch, branchGlobs, tagGlobs, excludeGlobs, everything,
        horizonDays, horizonRefs, staleAfter, now, remote);
  }

  public MergeBackRequest withMain(String branch) {
    return new MergeBackRequest(repository, branch, branchGlobs, tagGlobs, excludeGlobs, all,
        horizonDays, horizonRefs, staleAfter, now, remote);
  }

  public MergeBackRequest withGlobs(List<String> branches, List<String> tags) {
    return new MergeBackRequest(repository, mainBranch, branches, tags, excludeGlobs, all,
        horizonDays, horizonRefs, staleAfter, now, remote);
  }

  public MergeBackRequest withStaleAfter(Duration threshold) {
    return new MergeBackRequest(repository, mainBranch, branchGlobs, tagGlobs, excludeGlobs, all,
        horizonDays, horizonRefs, threshold, now, remote);
  }
}
