package dev.trainyard.mergeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeBackAnalyzerTest {
  @TempDir Path tmp;
  GitFixture repo;
  History history;

  @BeforeEach
  void init() {
    repo = GitFixture.init(tmp.resolve("repo"));
    history = new History(repo);
    repo.commit("chore: initial", "README.md", "hello\n", "src/app.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\n");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private MergeBackReport analyze() {
    return analyze(MergeBackRequest.defaults(repo.dir(), repo.now().plus(Duration.ofDays(1))));
  }

  private MergeBackReport analyze(MergeBackRequest request) {
    return new MergeBackAnalyzer(Reporter.silent(), null).analyze(request);
  }

  private static RefResult result(MergeBackReport report, String shortName) {
    return report.refs().stream().filter(r -> r.shortName().equals(shortName)).findFirst()
        .orElseThrow(() -> new AssertionError(shortName + " not in " + report.refs()));
  }

  @Test
  void mergeCommitIsMergedByAncestry() {
    repo.branch("train-1").commit("fix: one", "src/a.txt", "a\n");
    repo.tag("v1.1.0");
    repo.checkout("main").commit("feat: other", "src/b.txt", "b\n");
    repo.merge("train-1", "Merge train-1 into main");

    MergeBackReport report = analyze();

    assertThat(result(report, "train-1").status()).isEqualTo(RefStatus.MERGED);
    assertThat(result(report, "train-1").how()).isEqualTo(MergeMethod.ANCESTRY);
    assertThat(result(report, "v1.1.0").how()).isEqualTo(MergeMethod.ANCESTRY);
    assertThat(report.failing()).isFalse();
  }

  @Test
  void fastForwardIsMergedByAncestry() {
    repo.branch("train-2").commit("fix: two", "src/a.txt", "a\n");
    repo.checkout("main");
    history.fastForward("train-2");

    RefResult r = result(analyze(), "train-2");

    assertThat(r.status()).isEqualTo(RefStatus.MERGED);
    assertThat(r.how()).isEqualTo(MergeMethod.ANCESTRY);
    assertThat(r.missing()).isEmpty();
    assertThat(r.since()).isNull();
  }

  @Test
  void cherryPickedCommitsAreMergedByPatchIdEvenWithOtherContext() {
    repo.branch("train-3");
    RevCommit first = repo.commit("fix: first", "src/app.txt", "one\nTWO\nthree\nfour\nfive\nsix\nseven\n");
    RevCommit second = repo.commit("fix: second", "src/c.txt", "c\n");
    repo.checkout("main").commit("feat: unrelated", "src/app.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n");
    history.cherryPick(first);
    history.cherryPick(second);

    RefResult r = result(analyze(), "train-3");

    assertThat(r.status()).isEqualTo(RefStatus.MERGED);
    assertThat(r.how()).isEqualTo(MergeMethod.CHERRY_PICK);
    assertThat(r.evidence()).contains("2 commits");
  }

  @Test
  void squashMergedReleaseBranchIsMergedBySquash() {
    repo.branch("release/1.2");
    repo.commit("fix: a", "src/a.txt", "a\n");
    repo.commit("fix: b", "src/app.txt", "one\ntwo\nthree\nfour\nFIVE\nsix\nseven\n");
    repo.commit("chore: tag 1.2.0", "CHANGELOG.md", "## 1.2.0\n");
    repo.tag("1.2.0");
    repo.checkout("main").commit("feat: meanwhile", "src/z.txt", "z\n");
    history.squashMerge("release/1.2", "chore: release 1.2.0 (#12)");

    MergeBackReport report = analyze();

    assertThat(result(report, "release/1.2").how()).isEqualTo(MergeMethod.SQUASH);
    assertThat(result(report, "release/1.2").evidence()).contains("combined change equals");
    assertThat(result(report, "1.2.0").how()).isEqualTo(MergeMethod.SQUASH);
  }

  @Test
  void partlyCherryPickedBranchIsPartialWithTheMissingCommitAndItsAuthor() {
    repo.branch("train-4");
    RevCommit picked = repo.commit("fix: picked", "src/a.txt", "a\n");
    repo.at(repo.now().plus(Duration.ofDays(2)));
    RevCommit forgotten = history.commitAs("Jane Doe", "fix: forgotten", "src/b.txt", "b\n");
    RevCommit alsoPicked = repo.commit("fix: also picked", "src/c.txt", "c\n");
    repo.checkout("main");
    history.cherryPick(picked);
    history.cherryPick(alsoPicked);

    MergeBackReport report = analyze(MergeBackRequest.defaults(repo.dir(), repo.now().plus(Duration.ofDays(30))));
    RefResult r = result(report, "train-4");

    assertThat(r.status()).isEqualTo(RefStatus.PARTIAL);
    assertThat(r.how()).isNull();
    assertThat(r.missing()).containsExactly(forgotten.name());
    assertThat(r.authors()).containsExactly("Jane Doe <jane.doe@example.com>");
    assertThat(r.since()).isEqualTo(Instant.ofEpochSecond(forgotten.getCommitTime()));
    assertThat(r.stale()).isTrue();
    assertThat(report.failing()).isTrue();
  }

  @Test
  void cherryPickRevertedThenReappliedIsMergedButRevertedForGoodIsMissing() {
    repo.branch("train-5");
    RevCommit fix = repo.commit("fix: flaky", "src/app.txt", "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\n");
    repo.branch("train-6");
    RevCommit other = repo.commit("fix: other", "src/o.txt", "o\n");
    repo.checkout("main");
    RevCommit picked = history.cherryPick(fix);
    RevCommit pickedOther = history.cherryPick(other);
    history.revert(pickedOther);
    history.revert(picked);
    history.cherryPick(fix);

    MergeBackReport report = analyze();

    assertThat(result(report, "train-5").status()).isEqualTo(RefStatus.MERGED);
    assertThat(result(report, "train-5").how()).isEqualTo(MergeMethod.CHERRY_PICK);
    RefResult six = result(report, "train-6");
    assertThat(six.status()).isEqualTo(RefStatus.PARTIAL);
    assertThat(six.missing()).containsExactly(other.name());
  }

  @Test
  void mergeRevertedThenReMergedIsMergedByAncestry() throws Exception {
    repo.branch("train-7").commit("feat: risky", "src/r.txt", "r\n");
    repo.checkout("main");
    repo.merge("train-7", "Merge train-7");
    repo.git().rm().addFilepattern("src/r.txt").call();
    repo.commit("Revert \"Merge train-7\"");
    repo.commit("Reapply \"Merge train-7\"", "src/r.txt", "r\n");

    RefResult r = result(analyze(), "train-7");

    assertThat(r.status()).isEqualTo(RefStatus.MERGED);
    assertThat(r.how()).isEqualTo(MergeMethod.ANCESTRY);
  }

  @Test
  void tagOutlivesItsDeletedBranch() {
    repo.branch("train-8").commit("fix: hot", "src/h.txt", "h\n");
    Instant tagDate = repo.now();
    repo.tag("v1.8.1");
    repo.checkout("main");
    history.deleteBranch("train-8");

    MergeBackReport report = analyze(MergeBackRequest.defaults(repo.dir(), tagDate.plus(Duration.ofDays(3))));

    assertThat(report.refs()).extracting(RefResult::shortName).containsExactly("v1.8.1");
    RefResult tag = result(report, "v1.8.1");
    assertThat(tag.kind()).isEqualTo(RefKind.TAG);
    assertThat(tag.ref()).isEqualTo("refs/tags/v1.8.1");
    assertThat(tag.status()).isEqualTo(RefStatus.UNMERGED);
    assertThat(tag.since()).isEqualTo(tagDate);
    assertThat(tag.stale()).isFalse();
  }

  @Test
  void trainWithTwoPatchTagsWhereOnlyTheFirstWasMerged() {
    repo.branch("train-9").commit("Release 1.9.0", "VERSION", "1.9.0\n");
    repo.tag("v1.9.0");
    repo.commit("fix: patch one", "src/p1.txt", "1\n");
    repo.commit("Release 1.9.1", "VERSION", "1.9.1\n");
    repo.tag("v1.9.1");
    repo.checkout("main").merge("v1.9.1", "Merge train-9 (1.9.1) into main");
    repo.checkout("train-9");
    RevCommit patch2 = repo.commit("fix: patch two", "src/p2.txt", "2\n");
    RevCommit release2 = repo.commit("Release 1.9.2", "VERSION", "1.9.2\n");
    repo.tag("v1.9.2");
    repo.checkout("main");

    MergeBackReport report = analyze();

    assertThat(result(report, "v1.9.0").how()).isEqualTo(MergeMethod.ANCESTRY);
    assertThat(result(report, "v1.9.1").how()).isEqualTo(MergeMethod.ANCESTRY);
    assertThat(result(report, "v1.9.2").status()).isEqualTo(RefStatus.UNMERGED);
    assertThat(result(report, "train-9").status()).isEqualTo(RefStatus.UNMERGED);
    assertThat(result(report, "train-9").missing()).containsExactly(patch2.name(), release2.name());
  }

  @Test
  void squashedReleaseWithALaterPatchIsPartial() {
    repo.branch("release/2.0");
    repo.commit("fix: a", "src/a.txt", "a\n");
    repo.commit("chore: tag 2.0.0", "CHANGELOG.md", "## 2.0.0\n");
    repo.tag("2.0.0");
    repo.checkout("main");
    history.squashMerge("release/2.0", "chore: release 2.0.0 (#20)");
    repo.checkout("release/2.0");
    RevCommit late = repo.commit("fix: late", "src/l.txt", "l\n");
    repo.commit("chore: tag 2.0.1", "CHANGELOG.md", "## 2.0.1\n\n## 2.0.0\n");
    repo.tag("2.0.1");
    repo.checkout("main");

    MergeBackReport report = analyze();

    assertThat(result(report, "2.0.0").how()).isEqualTo(MergeMethod.SQUASH);
    RefResult branch = result(report, "release/2.0");
    assertThat(branch.status()).isEqualTo(RefStatus.PARTIAL);
    assertThat(branch.missing()).hasSize(2).contains(late.name());
    assertThat(result(report, "2.0.1").status()).isEqualTo(RefStatus.PARTIAL);
  }

  @Test
  void anEarlierTagIsMergedWhenALaterTagBuiltOnItWasSquashMerged() {
    repo.branch("release/2.1");
    repo.commit("chore: tag 2.1.0", "VERSION", "2.1.0\n", "CHANGELOG.md", "## 2.1.0\n");
    repo.tag("2.1.0");
    repo.commit("fix: follow-up", "src/f.txt", "f\n");
    repo.commit("chore: tag 2.1.1", "VERSION", "2.1.1\n", "CHANGELOG.md", "## 2.1.1\n\n## 2.1.0\n");
    repo.tag("2.1.1");
    repo.checkout("main").commit("feat: meanwhile", "src/m.txt", "m\n");
    history.squashMerge("2.1.1", "Release/2.1.1 (#211)");
    repo.commit("chore: next version", "VERSION", "2.2.0-dev\n");

    MergeBackReport report = analyze();

    assertThat(result(report, "2.1.1").how()).isEqualTo(MergeMethod.SQUASH);
    RefResult earlier = result(report, "2.1.0");
    assertThat(earlier.status()).isEqualTo(RefStatus.MERGED);
    assertThat(earlier.how()).isEqualTo(MergeMethod.SQUASH);
    assertThat(earlier.evidence()).containsPattern("contained in (release/2\\.1|2\\.1\\.1), which was squash-merged");
  }

  @Test
  void theSquashThatCarriedAnInScopeBranchCountsEvenOutsideTheHorizon() {
    repo.branch("release/5.0");
    repo.commit("chore: tag 5.0.0", "VERSION", "5.0.0\n");
    repo.branch("release-next");
    repo.commit("chore: tag 5.1.0", "VERSION", "5.1.0\n", "CHANGELOG.md", "## 5.1.0\n");
    repo.tag("5.1.0");
    repo.checkout("main");
    history.squashMerge("5.1.0", "Release/5.1.0 (#51)");
    history.deleteBranch("release-next");
    repo.commit("chore: tag 9.0.0", "CHANGELOG.md", "## 9.0.0\n## 5.1.0\n");
    repo.tag("9.0.0");
    MergeBackRequest request = new MergeBackRequest(repo.dir(), null, null, null, null, false, 0, 1,
        Duration.ofDays(7), repo.now().plus(Duration.ofDays(1)), null);

    MergeBackReport report = analyze(request);

    assertThat(report.refs()).extracting(RefResult::shortName).containsExactlyInAnyOrder("release/5.0", "9.0.0");
    RefResult branch = result(report, "release/5.0");
    assertThat(branch.how()).isEqualTo(MergeMethod.SQUASH);
    assertThat(branch.evidence()).startsWith("contained in 5.1.0");
  }

  @Test
  void branchesThatSyncedMainInButNeverWentBackAreUnmerged() {
    repo.branch("train-20");
    RevCommit first = repo.commit("fix: first", "src/t1.txt", "1\n");
    repo.branch("train-21");
    repo.checkout("main").commit("feat: main moves on", "src/m.txt", "m\n");
    repo.checkout("train-20").merge("main", "Merge main into train-20");
    RevCommit second = repo.commit("fix: second", "src/t2.txt", "2\n");
    repo.checkout("train-21").merge("main", "Merge main into train-21");
    repo.checkout("main").commit("feat: more main", "src/n.txt", "n\n");

    MergeBackReport report = analyze();

    RefResult twenty = result(report, "train-20");
    assertThat(twenty.status()).isEqualTo(RefStatus.UNMERGED);
    assertThat(twenty.missing()).containsExactly(first.name(), second.name());
    assertThat(result(report, "train-21").missing()).containsExactly(first.name());
  }

  @Test
  void mergeBackPullRequestThatResolvedConflictsMakesTheTrainAnAncestor() {
    repo.branch("train-10").commit("fix: on train", "src/app.txt", "one\ntwo\nthree-train\nfour\nfive\nsix\nseven\n");
    repo.checkout("main").commit("feat: on main", "src/app.txt", "one\ntwo\nthree-main\nfour\nfive\nsix\nseven\n");
    repo.checkout("train-10").branch("train-10-merge-main");
    history.mergeResolving("main", "Merge main into train-10-merge-main",
        Map.of("src/app.txt", "one\ntwo\nthree-main\nthree-train\nfour\nfive\nsix\nseven\n"));
    repo.checkout("main").merge("train-10-merge-main", "Merge pull request #100 from train-10-merge-main");

    RefResult r = result(analyze(), "train-10");

    assertThat(r.status()).isEqualTo(RefStatus.MERGED);
    assertThat(r.how()).isEqualTo(MergeMethod.ANCESTRY);
  }

  @Test
  void squashThatResolvedConflictsIsFoundByContent() {
    repo.branch("release/3.0");
    repo.commit("fix: on release", "src/app.txt", "one\ntwo\nthree-release\nfour\nfive\nsix\nseven\n");
    repo.commit("chore: tag 3.0.0", "CHANGELOG.md", "## 3.0.0\n- fix on release\n");
    repo.checkout("main").commit("feat: on main", "src/app.txt", "one\ntwo\nthree-main\nfour\nfive\nsix\nseven\n");
    history.squashMergeResolving("release/3.0", "chore: release 3.0.0 (#30)",
        Map.of("src/app.txt", "one\ntwo\nthree-main\nthree-release\nfour\nfive\nsix\nseven\n"));

    RefResult r = result(analyze(), "release/3.0");

    assertThat(r.status()).isEqualTo(RefStatus.MERGED);
    assertThat(r.how()).isEqualTo(MergeMethod.SQUASH);
    assertThat(r.evidence()).contains("resolved conflicts");
  }

  @Test
  void squashWhoseResolutionDroppedTheReleaseLineIsNotMerged() {
    repo.branch("release/3.1");
    repo.commit("fix: on release", "src/app.txt", "one\ntwo\nthree-release\nfour\nfive\nsix\nseven\n");
    repo.checkout("main").commit("feat: on main", "src/app.txt", "one\ntwo\nthree-main\nfour\nfive\nsix\nseven\n");
    history.squashMergeResolving("release/3.1", "chore: release 3.1.0 (#31)",
        Map.of("src/app.txt", "one\ntwo\nthree-main\nfour\nfive\nsix\nseven\n// merged\n"));

    assertThat(result(analyze(), "release/3.1").status()).isEqualTo(RefStatus.UNMERGED);
  }

  @Test
  void aMergedPullRequestWithTheTipAsHeadCountsWhenGitCannotTell() {
    repo.branch("release/4.0").commit("fix: x", "src/x.txt", "x\n");
    RevCommit tip = repo.commit("fix: y", "src/y.txt", "y\n");
    repo.checkout("main").commit("squash rewritten by hand", "src/x.txt", "x, rewritten\n");
    MergedPullRequests prs = sha -> sha.equals(tip.name()) ? Optional.of("pull request #40") : Optional.empty();

    MergeBackReport report = new MergeBackAnalyzer(Reporter.silent(), prs)
        .analyze(MergeBackRequest.defaults(repo.dir(), repo.now()));

    assertThat(result(report, "release/4.0").how()).isEqualTo(MergeMethod.SQUASH);
    assertThat(result(report, "release/4.0").evidence()).contains("pull request #40");
  }

  @Test
  void aFailingPullRequestLookupFallsBackToGitWithOneWarning() {
    repo.branch("release/4.1").commit("fix: x", "src/x.txt", "x\n");
    repo.checkout("main").branch("release/4.2").commit("fix: z", "src/z.txt", "z\n");
    repo.checkout("main");
    java.util.List<String> warnings = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Reporter recording = new Reporter() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    };
    MergedPullRequests forbidden = sha -> {
      calls.incrementAndGet();
      throw new TrainyardException(FailureKind.REMOTE, "GitHub API GET /repos/o/r/commits/x/pulls failed: HTTP 403");
    };

    MergeBackReport report = new MergeBackAnalyzer(recording, forbidden)
        .analyze(MergeBackRequest.defaults(repo.dir(), repo.now()));

    assertThat(report.refs()).extracting(RefResult::status).containsOnly(RefStatus.UNMERGED);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(warnings).singleElement().asString().contains("HTTP 403");
  }

  @Test
  void originHeadNamesMainWhenItIsNeitherMainNorMaster() throws Exception {
    repo.git().branchRename().setOldName("main").setNewName("trunk").call();
    repo.branch("train-30").commit("fix", "x", "x\n");
    repo.checkout("trunk");
    Path clone = tmp.resolve("trunk-clone");
    try (Git git = Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(clone.toFile()).call()) {
      // What `git clone` writes; the clone is then switched away from trunk so HEAD cannot answer.
      git.getRepository().updateRef("refs/remotes/origin/HEAD").link("refs/remotes/origin/trunk");
      git.checkout().setCreateBranch(true).setName("scratch").call();
    }

    MergeBackReport report = analyze(MergeBackRequest.defaults(clone, repo.now()));

    assertThat(report.mainRef()).isEqualTo("refs/remotes/origin/trunk");
    assertThat(report.refs()).extracting(RefResult::ref).containsExactly("refs/remotes/origin/train-30");
  }

  @Test
  void theCheckedOutBranchIsTheLastGuessForMain() throws Exception {
    repo.git().branchRename().setOldName("main").setNewName("trunk").call();
    repo.branch("train-31").commit("fix", "x", "x\n");
    repo.checkout("trunk");

    assertThat(analyze().mainRef()).isEqualTo("refs/heads/trunk");
  }

  @Test
  void featureBranchesAndOtherTagsAreOutOfScope() {
    repo.branch("feature/x").commit("feat: wip", "src/w.txt", "w\n");
    repo.tag("nightly");
    repo.checkout("main");

    assertThat(analyze().refs()).isEmpty();
  }

  @Test
  void horizonSkipsOldRefsUnlessAll() {
    for (int i = 1; i <= 3; i++) {
      repo.checkout("main").branch("train-" + i).commit("fix " + i, "f" + i, "x\n");
    }
    repo.checkout("main");
    Instant muchLater = repo.now().plus(Duration.ofDays(400));
    MergeBackRequest request = new MergeBackRequest(repo.dir(), null, null, null, null, false, 180, 2,
        Duration.ofDays(7), muchLater, null);

    MergeBackReport limited = analyze(request);
    MergeBackReport all = analyze(request.withAll(true));

    assertThat(limited.refs()).extracting(RefResult::shortName).containsExactlyInAnyOrder("train-2", "train-3");
    assertThat(limited.skipped()).isEqualTo(1);
    assertThat(all.refs()).hasSize(3);
  }

  @Test
  void remoteTrackingBranchesOfACloneAreChecked() throws Exception {
    repo.branch("train-11").commit("fix: remote", "src/r.txt", "r\n");
    repo.checkout("main");
    Path clone = tmp.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(clone.toFile()).call()) {
      MergeBackReport report = analyze(MergeBackRequest.defaults(clone, repo.now()));

      assertThat(report.mainRef()).isEqualTo("refs/remotes/origin/main");
      assertThat(report.refs()).extracting(RefResult::ref).containsExactly("refs/remotes/origin/train-11");
    }
  }

  @Test
  void masterIsFoundWhenThereIsNoMain() throws Exception {
    repo.git().branchRename().setOldName("main").setNewName("master").call();
    repo.branch("train-12").commit("fix", "x", "x\n");

    assertThat(analyze().mainRef()).isEqualTo("refs/heads/master");
  }

  @Test
  void unknownMainBranchIsAnInputError() {
    assertThatThrownBy(() -> analyze(MergeBackRequest.defaults(repo.dir(), repo.now()).withMain("trunk")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).contains("--main").contains("trunk");
        });
  }

  @Test
  void shallowCloneIsRefusedWithFetchDepthHint() throws Exception {
    repo.commit("second", "x", "x\n");
    repo.commit("third", "y", "y\n");
    Path clone = tmp.resolve("shallow");
    try (Git git = Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(clone.toFile())
        .setDepth(1).call()) {
      assertThat(clone.resolve(".git/shallow")).exists();
      assertThatThrownBy(() -> analyze(MergeBackRequest.defaults(clone, repo.now())))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
            assertThat(e.getMessage()).contains("shallow");
            assertThat(e.hint()).contains("fetch-depth: 0");
          });
    }
  }

  @Test
  void notARepositoryIsARepositoryStateError() {
    assertThatThrownBy(() -> analyze(MergeBackRequest.defaults(tmp.resolve("nowhere"), Instant.now())))
        .isInstanceOfSatisfying(TrainyardException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE));
  }
}
