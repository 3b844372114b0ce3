package dev.trainyard.changelog;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Lists the commits of a release range, newest first, the way {@code git log from..to -- paths}
 * would, and reads each as a conventional commit.
 *
 * <p>Merge commits: a merge is left out when everything it brings in is already in the list (its
 * other parents are listed commits) or was released before (its other parents lie outside the
 * range). Its branch's own commits describe the change better than "Merge pull request #12", and
 * listing both would count the change twice. A merge is kept only when its other side is in range
 * but none of it was listed, so its content would otherwise vanish. Squash merges are ordinary
 * single-parent commits and always stay. The branch commits of a left-out GitHub merge ("Merge pull
 * request #N") that name no pull request of their own get N, so clog and fxa can still link it.
 *
 * <p>Speed: {@code fromExclusive} is marked uninteresting, so the walk stops at the previous
 * release instead of reading the whole history.
 */
public final class CommitCollector {

  private CommitCollector() {}

  /**
   * @param fromExclusive the previous release, or null to start at the root commits
   * @param toInclusive the new release's commit (usually HEAD)
   * @param paths folders or files relative to the repository root; empty for the whole repository
   */
  public static List<ConventionalCommit> collect(
      Repository repo, ObjectId fromExclusive, ObjectId toInclusive, List<String> paths) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(toInclusive, "toInclusive");
    List<String> cleanPaths = normalise(paths == null ? List.of() : paths);
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(toInclusive));
      if (fromExclusive != null) {
        walk.markUninteresting(walk.parseCommit(fromExclusive));
      }
      if (!cleanPaths.isEmpty()) {
        walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(cleanPaths), TreeFilter.ANY_DIFF));
      }
      List<RevCommit> inRange = new ArrayList<>();
      for (RevCommit commit : walk) {
        inRange.add(commit);
      }
      Set<AnyObjectId> listedIds = new HashSet<>();
      for (RevCommit commit : inRange) {
        listedIds.add(commit);
      }
      refuseShallowCut(repo, inRange, fromExclusive);
      Map<AnyObjectId, Integer> mergedPullRequests = pullRequestsOfMergedBranches(repo, fromExclusive, toInclusive);
      List<ConventionalCommit> result = new ArrayList<>(inRange.size());
      for (RevCommit commit : inRange) {
        if (commit.getParentCount() > 1 && mergeIsRepresented(commit, listedIds)) {
          continue;
        }
        ConventionalCommit parsed = ConventionalCommitParser.parse(
            commit.getFullMessage(),
            commit.getName(),
            commit.getAuthorIdent().getName(),
            commit.getAuthorIdent().getWhenAsInstant());
        Integer viaMerge = mergedPullRequests.get(commit);
        if (parsed.pr() == null && viaMerge != null) {
          parsed = withPullRequest(parsed, viaMerge);
        }
        result.add(parsed);
      }
      return result;
    } catch (MissingObjectException e) {
      throw new TrainyardException(
          FailureKind.REPOSITORY_STATE,
          "commit " + e.getObjectId().name() + " is missing from the repository",
          "the clone is probably shallow; fetch the full history (actions/checkout with fetch-depth: 0)",
          e);
    } catch (IOException e) {
      throw new TrainyardException(
          FailureKind.REPOSITORY_STATE, "cannot read the commit history: " + e.getMessage(), null, e);
    } catch (RevWalkException e) {
      // A walk that meets a damaged object fails inside the iterator, as an unchecked exception.
      throw GitFailures.translate(e).orElseThrow(() -> e);
    }
  }

  /**
   * Commits that reached the range through a GitHub "Merge pull request #N" merge, mapped to N. The
   * merge itself is left out of the list, so its number would otherwise be lost. Merges are read
   * oldest first and the first number wins: a commit merged into a train branch by its own pull
   * request keeps that number when the train is later merged back by another one.
   */
  private static Map<AnyObjectId, Integer> pullRequestsOfMergedBranches(
      Repository repo, ObjectId fromExclusive, ObjectId toInclusive) throws IOException {
    List<RevCommit> merges = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRevFilter(RevFilter.ONLY_MERGES);
      walk.markStart(walk.parseCommit(toInclusive));
      if (fromExclusive != null) {
        walk.markUninteresting(walk.parseCommit(fromExclusive));
      }
      for (RevCommit merge : walk) {
        if (ConventionalCommitParser.githubMergePullRequest(merge.getShortMessage()) != null) {
          merges.add(merge);
        }
      }
      if (merges.isEmpty()) {
        return Map.of();
      }
      Collections.reverse(merges);
      Map<AnyObjectId, Integer> numbers = new HashMap<>();
      for (RevCommit merge : merges) {
        Integer number = ConventionalCommitParser.githubMergePullRequest(merge.getShortMessage());
        try (RevWalk side = new RevWalk(repo)) {
          side.setRetainBody(false);
          side.markStart(side.parseCommit(merge.getParent(1)));
          side.markUninteresting(side.parseCommit(merge.getParent(0)));
          if (fromExclusive != null) {
            side.markUninteresting(side.parseCommit(fromExclusive));
          }
          for (RevCommit commit : side) {
            numbers.putIfAbsent(commit.copy(), number);
          }
        }
      }
      return numbers;
    }
  }

  private static ConventionalCommit withPullRequest(ConventionalCommit c, int pr) {
    return new ConventionalCommit(c.type(), c.scope(), c.subject(), c.body(), c.breaking(), c.breakingNote(), pr,
        c.releaseAs(), c.hash(), c.author(), c.date(), c.closes(), c.rawSubject());
  }

  /**
   * A shallow clone (the default of actions/checkout) ends in commits whose parents are missing.
   * JGit walks them as if they were root commits, so a range that reaches the cut would silently
   * lose everything below it: refuse instead.
   */
  private static void refuseShallowCut(Repository repo, List<RevCommit> inRange, ObjectId fromExclusive)
      throws IOException {
    Set<ObjectId> shallow = repo.getObjectDatabase().getShallowCommits();
    if (shallow.isEmpty()) {
      return;
    }
    for (RevCommit commit : inRange) {
      if (shallow.contains(commit)) {
        String target = fromExclusive == null ? "the first commit" : fromExclusive.name();
        throw new TrainyardException(
            FailureKind.REPOSITORY_STATE,
            "the clone is shallow: history ends at " + commit.name() + " before reaching " + target,
            "fetch the full history and tags (actions/checkout with fetch-depth: 0, or git fetch --unshallow --tags)");
      }
    }
  }

  private static boolean mergeIsRepresented(RevCommit merge, Set<AnyObjectId> listedIds) {
    for (int i = 1; i < merge.getParentCount(); i++) {
      RevCommit side = merge.getParent(i);
      boolean listed = listedIds.contains(side);
      boolean released = side.has(RevFlag.UNINTERESTING);
      if (!listed && !released) {
        return false;
      }
    }
    return true;
  }

  private static List<String> normalise(List<String> paths) {
    List<String> clean = new ArrayList<>();
    for (String path : paths) {
      if (path == null) {
        continue;
      }
      String p = path.replace('\\', '/').strip();
      while (p.startsWith("./")) {
        p = p.substring(2);
      }
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      if (p.isEmpty() || p.equals(".")) {
        // "." means the whole repository: no filter at all.
        return List.of();
      }
      if (p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../")) {
        throw TrainyardException.invalidInput(
            "path '" + path + "' is not inside the repository",
            "give package folders relative to the repository root, e.g. packages/auth-server");
      }
      clean.add(p);
    }
    return clean;
  }
}
