package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.MainBranch;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
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
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Decides for each release branch and tag whether its work reached main, trying the cheap proofs
 * first: ancestry (merge commit or fast-forward), then patch ids per commit (cherry-picks), then
 * the ref's combined change as one commit on main (squash merge), then content containment for a
 * squash whose conflicts were resolved, then (optionally) a merged pull request. Needs only the
 * local clone.
 */
public final class MergeBackAnalyzer {
  /** How far down a branch's own first-parent chain to look for a squashed prefix. */
  private static final int MAX_SQUASH_PREFIX = 64;

  private final Reporter reporter;
  private final MergedPullRequests pullRequests;
  private boolean pullRequestsUnavailable;
  private final List<MergeBackReport.Problem> problems = new ArrayList<>();

  /** @param pullRequests null when no token is available: the answer then comes from git alone */
  public MergeBackAnalyzer(Reporter reporter, MergedPullRequests pullRequests) {
    this.reporter = reporter;
    this.pullRequests = pullRequests;
  }

  public MergeBackReport analyze(MergeBackRequest request) {
    return analyze(request, null);
  }

  /** The whole scheduled check: release refs, then (when asked) the fork's main. */
  public MergeBackReport analyze(MergeBackRequest request, ForkSyncRequest fork) {
    try (GitRepository repo = GitRepository.openHistory(request.repository())) {
      Repository repository = repo.repository();
      MergeBackReport report = analyze(repo, request);
      if (fork == null) {
        return report;
      }
      if (fork.fetch()) {
        ForkSync.fetch(repository, report.mainRef(), fork.remote(), fork.token(), fork.tokenHost(), reporter);
      }
      return report.withForkSync(ForkSync.compare(repository, report.mainRef(), fork.remote()));
    }
  }

  public MergeBackReport analyze(GitRepository repo, MergeBackRequest request) {
    repo.requireNotShallow("so merge-back would report merged work as missing");
    Repository repository = repo.repository();
    Ref mainRef = MainBranch.resolve(repository, request.mainBranch(), request.remote(), "--main",
        "pass --main BRANCH or set merge-back.main in .trainyard.yml");
    MergeBases mergeBases = null;
    try (RevWalk walk = new RevWalk(repository); PatchIds ids = new PatchIds(repository)) {
      RevCommit mainTip = walk.parseCommit(mainRef.getObjectId());
      List<Candidate> matching = inScope(repository, walk, request, mainRef);
      List<Candidate> candidates = request.all() ? matching : withinHorizon(matching, request);
      int matched = matching.size();
      reporter.info("checking " + candidates.size() + " release refs against " + mainRef.getName()
          + (matched > candidates.size() ? " (" + (matched - candidates.size()) + " outside the horizon)" : ""));

      RevFlag onMain = walk.newFlag("on-main");
      markReachable(walk, mainTip, onMain);
      mergeBases = new MergeBases(repository, walk, mainTip);
      long started = System.nanoTime();

      Map<Candidate, RefResult> results = new LinkedHashMap<>();
      List<Pending> pending = new ArrayList<>();
      for (Candidate c : candidates) {
        Unique unique = uniqueCommits(walk, c.tip(), onMain);
        if (unique.commits().isEmpty()) {
          results.put(c, merged(c, MergeMethod.ANCESTRY, "tip is an ancestor of " + shortName(mainRef)));
        } else {
          results.put(c, null);
          pending.add(new Pending(c, unique.commits(), mergeBases.of(unique, c.tip())));
        }
      }
      // Refs outside the horizon are not reported, but one built on an unmerged in-scope ref may be
      // the squash that carried it (tag 1.4.1 squash-merged, 1.4.0 in scope): classify those too.
      Map<Candidate, RefResult> carriers = new LinkedHashMap<>();
      List<Pending> carrierPending = new ArrayList<>();
      if (!pending.isEmpty() && candidates.size() < matching.size()) {
        Set<RevCommit> unmergedTips = new HashSet<>();
        pending.forEach(p -> unmergedTips.add(p.candidate().tip()));
        Set<Candidate> scoped = new HashSet<>(candidates);
        for (Candidate outside : matching) {
          if (scoped.contains(outside)) {
            continue;
          }
          Unique unique = uniqueCommits(walk, outside.tip(), onMain);
          if (unique.commits().stream().anyMatch(unmergedTips::contains)) {
            carrierPending.add(new Pending(outside, unique.commits(), mergeBases.of(unique, outside.tip())));
          }
        }
      }
      if (!pending.isEmpty()) {
        List<Pending> all = new ArrayList<>(pending);
        all.addAll(carrierPending);
        ObjectId base = mergeBases.common(all);
        reporter.debug(pending.size() + " refs need patch checks (" + elapsed(started) + ")");
        MainHistory main = new MainHistory(ids, mainTip, base);
        reporter.debug("indexed " + main.size() + " commits of main since "
            + (base == null ? "the root" : base.abbreviate(10).name()) + " (" + elapsed(started) + ")");
        for (Pending p : pending) {
          results.put(p.candidate(), classify(p, main, ids, walk, request));
        }
        for (Pending p : carrierPending) {
          carriers.put(p.candidate(), classify(p, main, ids, walk, request));
        }
        Map<Candidate, RefResult> everything = new LinkedHashMap<>(results);
        everything.putAll(carriers);
        Map<Candidate, Set<RevCommit>> uniqueByRef = new HashMap<>();
        for (Pending p : all) {
          uniqueByRef.put(p.candidate(), new HashSet<>(p.unique()));
        }
        creditSquashedDescendants(results, everything, uniqueByRef);
        reporter.debug("classified (" + elapsed(started) + ")");
      }
      return new MergeBackReport(mainRef.getName(), mainTip.name(), request.now(), request.staleAfter(),
          new ArrayList<>(results.values()), matched - candidates.size(), null, problems);
    } catch (IOException | UncheckedIOException e) {
      // A missing or corrupt object is a property of this clone, not a defect of trainyard.
      throw new TrainyardException(dev.trainyard.FailureKind.REPOSITORY_STATE, "cannot read the git repository at "
          + repository.getDirectory() + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "),
          "check the clone with 'git fsck'; in CI, check out again with fetch-depth: 0", e);
    } finally {
      if (mergeBases != null) {
        mergeBases.close();
      }
    }
  }

  private static String elapsed(long since) {
    return (System.nanoTime() - since) / 1_000_000 + " ms";
  }

  record Candidate(String ref, String shortName, RefKind kind, RevCommit tip, Instant date) {}

  private record Pending(Candidate candidate, List<RevCommit> unique, RevCommit mergeBase) {}

  private RefResult classify(Pending p, MainHistory main, PatchIds ids, RevWalk walk, MergeBackRequest request)
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
          Set<RevCommit> covered = ancestorsWithin(walk, prefix, uniqueSet);
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
  private static void creditSquashedDescendants(Map<Candidate, RefResult> results,
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

  private static Set<RevCommit> ancestorsWithin(RevWalk walk, RevCommit from, Set<RevCommit> within)
      throws IOException {
    Set<RevCommit> seen = new HashSet<>();
    Deque<RevCommit> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      RevCommit c = todo.pop();
      if (!within.contains(c) || !seen.add(c)) {
        continue;
      }
      for (RevCommit parent : c.getParents()) {
        todo.push(walk.parseCommit(parent));
      }
    }
    return seen;
  }

  private static void markReachable(RevWalk walk, RevCommit tip, RevFlag flag) throws IOException {
    Deque<RevCommit> todo = new ArrayDeque<>();
    todo.push(tip);
    while (!todo.isEmpty()) {
      RevCommit c = todo.pop();
      if (c.has(flag)) {
        continue;
      }
      walk.parseHeaders(c);
      c.add(flag);
      for (RevCommit parent : c.getParents()) {
        if (!parent.has(flag)) {
          todo.push(parent);
        }
      }
    }
  }

  /** The ref's commits that main cannot reach (oldest first) and the main commits they grow from. */
  private record Unique(List<RevCommit> commits, Set<RevCommit> boundary) {}

  private static Unique uniqueCommits(RevWalk walk, RevCommit tip, RevFlag onMain) throws IOException {
    List<RevCommit> unique = new ArrayList<>();
    Set<RevCommit> boundary = new HashSet<>();
    Set<RevCommit> seen = new HashSet<>();
    Deque<RevCommit> todo = new ArrayDeque<>();
    todo.push(tip);
    while (!todo.isEmpty()) {
      RevCommit c = todo.pop();
      if (c.has(onMain)) {
        boundary.add(c);
        continue;
      }
      if (!seen.add(c)) {
        continue;
      }
      walk.parseBody(c);
      unique.add(c);
      for (RevCommit parent : c.getParents()) {
        todo.push(parent);
      }
    }
    unique.sort(Comparator.comparingInt(RevCommit::getCommitTime).thenComparing(RevCommit::name));
    return new Unique(unique, boundary);
  }

  /**
   * Merge bases, cheaply: when a ref's own commits grow from a single main commit, that commit is
   * the merge base (every path from the tip into main's history passes through it), which is the
   * usual shape of a release branch. Only other shapes pay for a merge-base walk, on one reused
   * walk so main's commits are parsed once.
   */
  private static final class MergeBases implements AutoCloseable {
    private final RevWalk walk;
    private final RevCommit mainTip;
    private final Map<ObjectId, Integer> firstParentDepth = new java.util.HashMap<>();

    MergeBases(Repository repository, RevWalk parsed, RevCommit mainTip) throws IOException {
      this.walk = new RevWalk(repository);
      this.mainTip = mainTip;
      int depth = 0;
      for (RevCommit c = mainTip; c != null; c = c.getParentCount() == 0 ? null : c.getParent(0)) {
        parsed.parseHeaders(c);
        firstParentDepth.put(c.copy(), depth++);
      }
    }

    RevCommit of(Unique unique, RevCommit tip) throws IOException {
      if (unique.boundary().size() == 1) {
        return unique.boundary().iterator().next();
      }
      if (unique.boundary().isEmpty()) {
        return null;
      }
      return between(tip, mainTip);
    }

    RevCommit between(ObjectId a, ObjectId b) throws IOException {
      walk.reset();
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(a));
      walk.markStart(walk.parseCommit(b));
      return walk.next();
    }

    /**
     * A commit below every pending ref's merge base, so one index of main serves them all: the
     * deepest of them when all lie on main's first-parent line (then it is an ancestor of the
     * others), else a pairwise merge-base fold. Null means all of main's history.
     */
    ObjectId common(List<Pending> pending) throws IOException {
      ObjectId deepest = null;
      int deepestDepth = -1;
      boolean onFirstParentLine = true;
      for (Pending p : pending) {
        if (p.mergeBase() == null) {
          return null;
        }
        Integer depth = firstParentDepth.get(p.mergeBase());
        if (depth == null) {
          onFirstParentLine = false;
          break;
        }
        if (depth > deepestDepth) {
          deepestDepth = depth;
          deepest = p.mergeBase();
        }
      }
      if (onFirstParentLine) {
        return deepest;
      }
      ObjectId base = null;
      for (Pending p : pending) {
        if (base == null) {
          base = p.mergeBase();
        } else if (!base.equals(p.mergeBase())) {
          base = between(base, p.mergeBase());
          if (base == null) {
            return null;
          }
        }
      }
      return base;
    }

    @Override
    public void close() {
      walk.close();
    }
  }

  private List<Candidate> inScope(Repository repository, RevWalk walk, MergeBackRequest request, Ref mainRef)
      throws IOException {
    List<RefGlob> branchGlobs = RefGlob.all(request.branchGlobs());
    List<RefGlob> tagGlobs = RefGlob.all(request.tagGlobs());
    List<RefGlob> excluded = RefGlob.all(request.excludeGlobs());
    String mainShort = MainBranch.branchName(mainRef, request.remote());
    String remotePrefix = Constants.R_REMOTES + request.remote() + "/";

    Map<String, Candidate> branches = new LinkedHashMap<>();
    List<Candidate> out = new ArrayList<>();
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, remotePrefix)) {
      if (ref.isSymbolic()) {
        continue;
      }
      String name = ref.getName();
      String branch = name.startsWith(Constants.R_HEADS) ? name.substring(Constants.R_HEADS.length())
          : name.substring(remotePrefix.length());
      if (branch.equals(mainShort) || branch.equals(Constants.HEAD) || !matchesAny(branchGlobs, branch)
          || matchesAny(excluded, branch)) {
        continue;
      }
      RevObject target = walk.parseAny(ref.getObjectId());
      if (!(target instanceof RevCommit tip)) {
        continue;
      }
      Candidate candidate = new Candidate(name, branch, RefKind.BRANCH, tip, tip.getCommitterIdent().getWhenAsInstant());
      Candidate twin = branches.get(branch);
      if (twin != null && twin.tip().equals(tip)) {
        // The local branch and its remote-tracking twin agree: report the shared (remote) one once.
        if (name.startsWith(remotePrefix)) {
          branches.put(branch, candidate);
        }
        continue;
      }
      branches.put(twin == null ? branch : name, candidate);
    }
    out.addAll(branches.values());

    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      String tag = ref.getName().substring(Constants.R_TAGS.length());
      if (!matchesAny(tagGlobs, tag) || matchesAny(excluded, tag)) {
        continue;
      }
      RevObject object = walk.parseAny(ref.getObjectId());
      Instant date = null;
      while (object instanceof RevTag annotated) {
        PersonIdent tagger = annotated.getTaggerIdent();
        if (date == null && tagger != null) {
          date = tagger.getWhenAsInstant();
        }
        object = walk.parseAny(annotated.getObject());
      }
      if (!(object instanceof RevCommit tip)) {
        continue;
      }
      out.add(new Candidate(ref.getName(), tag, RefKind.TAG, tip,
          date != null ? date : tip.getCommitterIdent().getWhenAsInstant()));
    }
    return out;
  }

  /** Newest {@code horizonRefs} branches and tags, plus anything dated within {@code horizonDays}. */
  private static List<Candidate> withinHorizon(List<Candidate> candidates, MergeBackRequest request) {
    Instant cutoff = request.now().minus(java.time.Duration.ofDays(request.horizonDays()));
    Set<Candidate> keep = new HashSet<>();
    for (RefKind kind : RefKind.values()) {
      List<Candidate> ofKind = candidates.stream().filter(c -> c.kind() == kind)
          .sorted(Comparator.comparing(Candidate::date).reversed()).toList();
      for (int i = 0; i < ofKind.size(); i++) {
        if (i < request.horizonRefs() || !ofKind.get(i).date().isBefore(cutoff)) {
          keep.add(ofKind.get(i));
        }
      }
    }
    return candidates.stream().filter(keep::contains).toList();
  }

  private static boolean matchesAny(List<RefGlob> globs, String name) {
    for (RefGlob g : globs) {
      if (g.matches(name)) {
        return true;
      }
    }
    return false;
  }

  private static RefResult merged(Candidate c, MergeMethod how, String evidence) {
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
    return " (" + commits.stream().limit(3).map(MergeBackAnalyzer::abbreviate).collect(Collectors.joining(", "))
        + (commits.size() > 3 ? ", ..." : "") + ")";
  }

  static String abbreviate(ObjectId id) {
    return id.abbreviate(10).name();
  }

  private static String shortName(Ref ref) {
    return Repository.shortenRefName(ref.getName());
  }
}
