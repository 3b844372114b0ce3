package dev.trainyard.deploy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.CommitCollector;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.TagRef;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionCalculator;
import dev.trainyard.version.VersionScheme;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The release range a deploy covers and the files changed in it, computed with JGit.
 *
 * <p>The previous release is chosen by the rules {@code next-version} uses (the same code): when
 * HEAD is a release (a tag push), the release it followed; otherwise the release {@code next-version}
 * would name as the previous one (a patch on a {@code train-N} or {@code release/X.Y} branch); on a
 * branch where {@code next-version}'s rules do not apply (a default branch that is not the configured
 * main, a feature branch, nothing new since the last tag), the newest release in HEAD's history.
 */
final class ReleaseRange {
  private ReleaseRange() {}

  /** The range from {@code explicitBase} (or the previous release when null) to HEAD. */
  static ChangeSet of(GitRepository repo, NextVersionRequest rules, String explicitBase, String baseFlag, Clock clock,
      Reporter reporter) {
    repo.requireNotShallow("so the services changed since the previous release cannot be told (--all plans every service)");
    if (explicitBase != null) {
      ObjectId base = repo.resolveCommit(explicitBase, baseFlag);
      ObjectId head = repo.headId();
      return new ChangeSet(explicitBase, base.name(), "HEAD", head.name(), diff(repo, base, head));
    }
    VersionCalculator calculator = new VersionCalculator(clock, reporter);
    Optional<TagRef> release = calculator.existingRelease(repo, rules);
    if (release.isPresent()) {
      TagRef tag = release.get();
      Optional<TagRef> previous = calculator.previousRelease(repo, rules, tag);
      return range(repo, previous.map(TagRef::name).orElse(null), previous.map(TagRef::commit).orElse(null),
          tag.name(), tag.commit());
    }
    NextVersion next;
    try {
      next = calculator.next(repo, forCurrentBranch(repo, rules),
          (from, to) -> CommitCollector.collect(repo.repository(), from, to, List.of()));
    } catch (TrainyardException e) {
      if (e.kind() == FailureKind.INTERNAL) {
        throw e;
      }
      Optional<String> branch = repo.currentBranch();
      if (branch.isPresent()) {
        // next-version's rules want main or a release line (a trunk, a feature branch, nothing
        // committed since the tag): the deploy still covers what HEAD has since its newest release.
        Optional<TagRef> newest = calculator.newestReleaseInHistory(repo, rules);
        reporter.info("the deploy range starts at " + newest.map(TagRef::name).orElse("the first commit")
            + ", the newest release in the history of " + branch.get() + " (next-version says: " + e.getMessage() + ")");
        return range(repo, newest.map(TagRef::name).orElse(null), newest.map(TagRef::commit).orElse(null), "HEAD",
            repo.headId());
      }
      throw new TrainyardException(e.kind(),
          "cannot tell the previous release: " + e.getMessage(),
          "pass --changed-since REF (a tag or commit), or --all to plan every service", e);
    }
    ObjectId head = repo.headId();
    if (next.previousTag() == null) {
      return range(repo, null, null, "HEAD", head);
    }
    TagRef previous = repo.tag(next.previousTag()).orElseThrow();
    return range(repo, previous.name(), previous.commit(), "HEAD", head);
  }

  /** A patch release is what {@code next-version} computes on a train or release branch. */
  private static NextVersionRequest forCurrentBranch(GitRepository repo, NextVersionRequest rules) {
    String branch = repo.currentBranch().orElse("");
    boolean patch = rules.scheme() instanceof VersionScheme.Train ? branch.matches("train-\\d+")
        : rules.scheme() instanceof VersionScheme.Semver && branch.matches("release/\\d+\\.\\d+");
    return new NextVersionRequest(rules.scheme(), patch, rules.date(), rules.mainBranch(), rules.tagFilter(), true);
  }

  private static ChangeSet range(GitRepository repo, String base, ObjectId baseCommit, String head, ObjectId headCommit) {
    return new ChangeSet(base, baseCommit == null ? null : baseCommit.name(), head, headCommit.name(),
        diff(repo, baseCommit, headCommit));
  }

  /** Paths that differ between the two commits' trees; every path of {@code head} without a base. */
  static Set<String> diff(GitRepository repo, ObjectId base, ObjectId head) {
    Set<String> files = new TreeSet<>();
    try (RevWalk walk = new RevWalk(repo.repository());
        ObjectReader reader = repo.repository().newObjectReader();
        TreeWalk tree = new TreeWalk(reader)) {
      RevCommit headCommit = walk.parseCommit(head);
      tree.setRecursive(true);
      if (base == null) {
        tree.addTree(headCommit.getTree());
      } else {
        tree.addTree(walk.parseCommit(base).getTree());
        tree.addTree(headCommit.getTree());
        tree.setFilter(TreeFilter.ANY_DIFF);
      }
      while (tree.next()) {
        files.add(tree.getPathString());
      }
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.REPOSITORY_STATE,
          "cannot compare " + (base == null ? "" : base.abbreviate(7).name() + "..") + head.abbreviate(7).name()
              + " in " + repo.workTree() + ": " + e.getMessage(), "fetch the full history ('git fetch --tags --unshallow')", e);
    }
    return files;
  }
}
