package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.MainBranch;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Decides for each release branch and tag whether its work reached main: picks the refs in scope
 * ({@link ReleaseRefs}), settles the ones main reaches by ancestry (merge commit or fast-forward),
 * and hands the others, with their merge bases ({@link MergeBases}), to {@link RefClassifier}.
 * Needs only the local clone.
 */
public final class MergeBackAnalyzer {
  private final Reporter reporter;
  private final RefClassifier classifier;

  /** @param pullRequests null when no token is available: the answer then comes from git alone */
  public MergeBackAnalyzer(Reporter reporter, MergedPullRequests pullRequests) {
    this.reporter = reporter;
    this.classifier = new RefClassifier(reporter, pullRequests);
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
      List<Candidate> matching = ReleaseRefs.matching(repository, walk, request, mainRef);
      List<Candidate> candidates = request.all() ? matching : ReleaseRefs.withinHorizon(matching, request);
      int matched = matching.size();
      reporter.info("checking " + candidates.size() + " release refs against " + mainRef.getName()
          + (matched > candidates.size() ? " (" + (matched - candidates.size()) + " outside the horizon)" : ""));

      RevFlag onMain = walk.newFlag("on-main");
      CommitGraph.markReachable(walk, mainTip, onMain);
      mergeBases = new MergeBases(repository, walk, mainTip);
      long started = System.nanoTime();

      Map<Candidate, RefResult> results = new LinkedHashMap<>();
      List<Pending> pending = new ArrayList<>();
      for (Candidate c : candidates) {
        CommitGraph.Unique unique = CommitGraph.uniqueCommits(walk, c.tip(), onMain);
        if (unique.commits().isEmpty()) {
          results.put(c, RefClassifier.merged(c, MergeMethod.ANCESTRY, "tip is an ancestor of " + shortName(mainRef)));
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
          CommitGraph.Unique unique = CommitGraph.uniqueCommits(walk, outside.tip(), onMain);
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
          results.put(p.candidate(), classifier.classify(p, main, ids, walk, request));
        }
        for (Pending p : carrierPending) {
          carriers.put(p.candidate(), classifier.classify(p, main, ids, walk, request));
        }
        Map<Candidate, RefResult> everything = new LinkedHashMap<>(results);
        everything.putAll(carriers);
        Map<Candidate, Set<RevCommit>> uniqueByRef = new HashMap<>();
        for (Pending p : all) {
          uniqueByRef.put(p.candidate(), new HashSet<>(p.unique()));
        }
        RefClassifier.creditSquashedDescendants(results, everything, uniqueByRef);
        reporter.debug("classified (" + elapsed(started) + ")");
      }
      return new MergeBackReport(mainRef.getName(), mainTip.name(), request.now(), request.staleAfter(),
          new ArrayList<>(results.values()), matched - candidates.size(), null, classifier.problems());
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


  private static String shortName(Ref ref) {
    return Repository.shortenRefName(ref.getName());
  }
}
