package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Decides for one release ref that main cannot reach whether its work reached main anyway, trying
 * the cheap proofs first: patch ids per commit (cherry-picks), then the ref's combined change, or a
 * prefix of it, as one commit on main (squash merge), then content containment for a squash whose
 * conflicts were resolved, then (optionally) a merged pull request.
 */
final class RefClassifier {
  /** How far down a branch's own first-parent chain to look for a squashed prefix. */
  private static final int MAX_SQUASH_PREFIX = 64;

  private final Reporter reporter;
  private final MergedPullRequests pullRequests;
  private boolean pullRequestsUnavailable;
  private final List<MergeBackReport.Problem> problems = new ArrayList<>();

  RefClassifier(Reporter reporter, MergedPullRequests pullRequests) {
    this.reporter = reporter;
    this.pullRequests = pullRequests;
  }

  /** The remote lookups that failed and were done without, with their kind. */
  List<MergeBackReport.Problem> problems() {
    return List.copyOf(problems);
  }

  RefResult classify(Pending p, MainHistory main, PatchIds ids, RevWalk walk, MergeBackRequest request)
      throws IOException {
    Candidate c = p.candidate();
    List<RevCommit> own = p.unique().stream().filter(u -> u.getParentCount() <= 1).toList();
    List<RevCommit> missing = new ArrayList<>();
    Set<RevCommit> foundOnMain = new LinkedHashSet<>();
    for (RevCommit commit : own) {
      List<RevCommit> matches = presentOnMain(ids, main, commit.getParentCount() == 0 ? null
          : walk.parseCommit(commit.getParent(0)).getTree(), commit.getTree());
      if (matches == null) {
        missing.add(commit);
      } else {
        foundOnMain.addAll(matches);
      }
    }
    if (missing.isEmpty()) {
      return merged(c, MergeMethod.CHERRY_PICK, own.size() + " commit" + (own.size() == 1 ? "" : "s")
          + " found on main by patch id" + examples(foundOnMain));
    }

    if (p.mergeBase() != null) {
      RevCommit base = walk.parseCommit(p.mergeBase());
      Set<RevCommit> uniqueSet = new HashSet<>(p.unique());
      RevCommit prefix = c.tip();
      for (int depth = 0; depth < MAX_SQUASH_PREFIX && prefix != null && uniqueSet.contains(prefix); depth++) {
        List<RevCommit> squash = presentOnMain(ids, main, base.getTree(), prefix.getTree());
        if (squash != null && !squash.isEmpty()) {
          if (prefix.equals(c.tip())) {
            return merged(c, MergeMethod.SQUASH, "its combined change equals main commit "
                + abbreviate(squash.get(0)));
          }
          Set<RevCommit> covered = CommitGraph.ancestorsWithin(walk, prefix, uniqueSet);
          List<RevCommit> after = missing.stream().filter(m -> !covered.contains(m)).toList();
          if (after.size() == missing.size()) {
            // The prefix's commits were already found one by one; the squash explains nothing new.
            break;
          }
          if (after.isEmpty()) {
            return merged(c, MergeMethod.SQUASH, "its change up to " + abbreviate(prefix)
                + " equals main commit " + abbreviate(squash.get(0)));
          }
          return notMerged(c, RefStatus.PARTIAL, after, "squashed into main as " + abbreviate(squash.get(0))
              + " up to " + abbreviate(prefix) + "; " + after.size() + " later commit"
              + (after.size() == 1 ? "" : "s") + " missing", request);
        }
        prefix = prefix.getParentCount() == 0 ? null : walk.parseCommit(prefix.getParent(0));
      }
      Optional<RevCommit> carrier = contentCarrier(ids, main, base, c.tip());
      if (carrier.isPresent()) {
        return merged(c, MergeMethod.SQUASH, "main commit " + abbreviate(carrier.get())
            + " carries every line the ref added (squash with resolved conflicts)");
      }
    }
    if (pullRequests != null && !pullRequestsUnavailable) {
      try {
        Optional<String> pr = pullRequests.mergedWithHead(c.tip().name());
        if (pr.isPresent()) {
          return merged(c, MergeMethod.SQUASH, pr.get() + " with this head was merged");
        }
      } catch (TrainyardException e) {
        // The pull request lookup is an extra proof on top of git's answer; a token without
        // pull-request read access must not turn the whole check into an error.
        pullRequestsUnavailable = true;
        reporter.warn("looking up pull requests failed, continuing with git alone: " + e.getMessage());
        problems.add(new MergeBackReport.Problem(e.kind(), "looking up pull requests failed, the verdict is git's alone: "
            + e.getMessage()));
      }
    }
    if (missing.size() < own.size()) {
      return notMerged(c, RefStatus.PARTIAL, missing, (own.size() - missing.size()) + " of " + own.size()
          + " commits found on main by patch id", request);
    }
    return notMerged(c, RefStatus.UNMERGED, missing, "none of its " + own.size() + " commit"
        + (own.size() == 1 ? "" : "s") + " found on main", request);
  }

  /**
   * A squash carries everything below the squashed tip: when tag 1.4.1 was built on top of tag 1.4.0
   * and only 1.4.1's release pull request was squash-merged, 1.4.0's work reached main too, even
   * though 1.4.0's own version bump was overwritten and no commit on main equals it.
   */
  static void creditSquashedDescendants(Map<Candidate, RefResult> results,
      Map<Candidate, RefResult> classified, Map<Candidate, Set<RevCommit>> uniqueByRef) {
    List<Map.Entry<Candidate, RefResult>> squashed = classified.entrySet().stream()
        .filter(e -> e.getValue().how() == MergeMethod.SQUASH).toList();
    for (Map.Entry<Candidate, RefResult> entry : results.entrySet()) {
      if (entry.getValue().status() == RefStatus.MERGED) {
        continue;
      }
      for (Map.Entry<Candidate, RefResult> carrier : squashed) {
        // An unmerged tip lies off main, so it descends into the carrier exactly when it is one of
        // the carrier's own commits: a set lookup instead of a history walk per pair.
        Set<RevCommit> carried = uniqueByRef.getOrDefault(carrier.getKey(), Set.of());
        if (!carrier.getKey().equals(entry.getKey()) && carried.contains(entry.getKey().tip())) {
          entry.setValue(merged(entry.getKey(), MergeMethod.SQUASH, "contained in " + carrier.getKey().shortName()
              + ", which was squash-merged (" + carrier.getValue().evidence() + ")"));
          break;
        }
      }
    }
  }

  /**
   * The main commits carrying the change from {@code from} to {@code to}, or null when main does
   * not carry it. A change counts as present while main applied it more often than it reverted it,
   * so a fix that was reverted and re-applied is present, and one reverted for good is not.
   */
  private static List<RevCommit> presentOnMain(PatchIds ids, MainHistory main, org.eclipse.jgit.revwalk.RevTree from,
      org.eclipse.jgit.revwalk.RevTree to) {
    List<DiffEntry> entries = ids.changes(from, to);
    if (entries.isEmpty()) {
      return List.of();
    }
    ObjectId header = PatchIds.headerKey(entries);
    if (!main.mayContain(header)) {
      return null;
    }
    List<RevCommit> applied = main.withPatchId(header, ids.patchId(entries));
    if (applied.isEmpty()) {
      return null;
    }
    ObjectId inverseHeader = PatchIds.inverseHeaderKey(entries);
    if (main.mayContain(inverseHeader)) {
      List<DiffEntry> inverse = ids.changes(to, from);
      List<RevCommit> reverted = main.withPatchId(inverseHeader, ids.patchId(inverse));
      if (reverted.size() >= applied.size()) {
        return null;
      }
    }
    return applied;
  }

  /**
   * The fallback for a squash merge whose conflicts were resolved by hand, which changes the
   * combined patch id: one commit on main (after the merge base) that changes every file the ref
   * changed, in whose resulting tree every file the ref deleted is gone and every non-blank line
   * the ref added is present. We demand the whole of the ref's content so that a resolution which
   * dropped part of it still reports unmerged and a person takes a look.
   */
  private static Optional<RevCommit> contentCarrier(PatchIds ids, MainHistory main, RevCommit base, RevCommit tip)
      throws IOException {
    List<DiffEntry> entries = ids.changes(base.getTree(), tip.getTree());
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Set<String>> added = new LinkedHashMap<>();
    Set<String> deleted = new HashSet<>();
    int addedLines = 0;
    ObjectReader reader = ids.repository().newObjectReader();
    try (reader) {
      for (DiffEntry e : entries) {
        if (e.getChangeType() == ChangeType.DELETE) {
          deleted.add(e.getOldPath());
          continue;
        }
        RawText after = text(reader, e.getNewId().toObjectId());
        RawText before = e.getChangeType() == ChangeType.ADD ? RawText.EMPTY_TEXT
            : text(reader, e.getOldId().toObjectId());
        if (after == null || before == null) {
          return Optional.empty();
        }
        Set<String> lines = new HashSet<>();
        for (Edit edit : DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.MYERS)
            .diff(RawTextComparator.DEFAULT, before, after)) {
          for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
            String line = after.getString(i).strip();
            if (!line.isEmpty()) {
              lines.add(line);
            }
          }
        }
        addedLines += lines.size();
        added.put(e.getNewPath(), lines);
      }
      if (addedLines == 0) {
        return Optional.empty();
      }
      List<String> paths = entries.stream().map(PatchIds::path).toList();
      for (MainHistory.MainChange candidate : main.touchingAll(paths)) {
        if (carries(reader, candidate.commit, added, deleted)) {
          return Optional.of(candidate.commit);
        }
      }
      return Optional.empty();
    }
  }

  private static boolean carries(ObjectReader reader, RevCommit commit, Map<String, Set<String>> added,
      Set<String> deleted) throws IOException {
    for (String path : deleted) {
      try (TreeWalk tw = TreeWalk.forPath(reader, path, commit.getTree())) {
        if (tw != null) {
          return false;
        }
      }
    }
    for (Map.Entry<String, Set<String>> file : added.entrySet()) {
      try (TreeWalk tw = TreeWalk.forPath(reader, file.getKey(), commit.getTree())) {
        if (tw == null) {
          return false;
        }
        RawText text = text(reader, tw.getObjectId(0));
        if (text == null) {
          return false;
        }
        Set<String> present = new HashSet<>();
        for (int i = 0; i < text.size(); i++) {
          present.add(text.getString(i).strip());
        }
        if (!present.containsAll(file.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static RawText text(ObjectReader reader, ObjectId blob) throws IOException {
    byte[] bytes;
    try {
      bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(16 * 1024 * 1024);
    } catch (org.eclipse.jgit.errors.LargeObjectException tooBig) {
      // Generated or vendored giants are not compared line by line; such a ref falls back to the
      // other proofs.
      return null;
    }
    if (RawText.isBinary(bytes)) {
      return null;
    }
    return new RawText(bytes);
  }

  static RefResult merged(Candidate c, MergeMethod how, String evidence) {
    return new RefResult(c.ref(), c.kind(), c.tip().name(), RefStatus.MERGED, how, List.of(), null, List.of(),
        evidence, false);
  }

  private static RefResult notMerged(Candidate c, RefStatus status, List<RevCommit> missing, String evidence,
      MergeBackRequest request) {
    List<RevCommit> ordered = new ArrayList<>(missing);
    ordered.sort(Comparator.comparingInt(RevCommit::getCommitTime).thenComparing(RevCommit::name));
    Instant since = c.kind() == RefKind.TAG ? c.date()
        : Instant.ofEpochSecond(ordered.get(0).getCommitTime());
    List<String> authors = ordered.stream()
        .map(m -> m.getAuthorIdent().getName() + " <" + m.getAuthorIdent().getEmailAddress() + ">")
        .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
    boolean stale = since.plus(request.staleAfter()).isBefore(request.now());
    return new RefResult(c.ref(), c.kind(), c.tip().name(), status, null,
        ordered.stream().map(RevCommit::name).toList(), since, authors, evidence, stale);
  }

  private static String examples(Collection<RevCommit> commits) {
    if (commits.isEmpty()) {
      return "";
    }
    return " (" + commits.stream().limit(3).map(RefClassifier::abbreviate).collect(Collectors.joining(", "))
        + (commits.size() > 3 ? ", ..." : "") + ")";
  }

  static String abbreviate(ObjectId id) {
    return id.abbreviate(10).name();
  }
}
