package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseExecutorTest {
  @TempDir Path tmp;

  static NextVersionRequest train(boolean patch) {
    return new NextVersionRequest(new VersionScheme.Train(1), patch, null, "main", null, false);
  }

  ReleasePlan plan(Path dir, NextVersionRequest request) {
    try (GitRepository repo = GitRepository.open(dir)) {
      return new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent())
          .plan(repo, request, ReleaseTestRepos.monorepoConfig(), ReleasePlannerTest.LINKS);
    }
  }

  ReleaseOutcome execute(Path dir, ReleasePlan plan, PushTarget push, ReleaseExecutor executor) {
    try (GitRepository repo = GitRepository.open(dir)) {
      return executor.execute(repo, plan, push, null, null);
    }
  }

  /** Every ref and the work tree's files, to compare before and after a failed release. */
  static Map<String, String> snapshot(GitFixture fx) throws Exception {
    Map<String, String> state = new TreeMap<>();
    for (Ref ref : fx.repository().getRefDatabase().getRefs()) {
      state.put(ref.getName(), ref.isSymbolic() ? "-> " + ref.getTarget().getName() : ref.getObjectId().name());
    }
    state.put("HEAD", fx.repository().exactRef("HEAD").getTarget().getName());
    try (var files = Files.walk(fx.dir())) {
      for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/")).toList()) {
        state.put(fx.dir().relativize(file).toString(), Files.readString(file));
      }
    }
    state.put("clean", String.valueOf(fx.git().status().call().isClean()));
    return state;
  }

  @Test
  void regularTrainCreatesBranchCommitAndAnnotatedTag() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      ObjectId base = fx.repository().resolve("HEAD");
      ReleaseOutcome outcome = execute(tmp, plan(tmp, train(false)), null, new ReleaseExecutor(Reporter.silent()));
      Repository r = fx.repository();
      assertThat(r.getBranch()).isEqualTo("train-11");
      assertThat(r.exactRef("refs/heads/main").getObjectId()).isEqualTo(base);
      try (RevWalk walk = new RevWalk(r)) {
        RevCommit release = walk.parseCommit(r.resolve("train-11"));
        assertThat(release.getFullMessage()).isEqualTo("Release 1.11.0\n");
        assertThat(release.getParent(0)).isEqualTo(base);
        assertThat(release.getAuthorIdent().getName()).isEqualTo("Fixture Author");
        RevTag tag = walk.parseTag(r.exactRef("refs/tags/v1.11.0").getObjectId());
        assertThat(tag.getFullMessage()).isEqualTo("Train release 11\n");
        assertThat(tag.getObject()).isEqualTo(release);
        assertThat(outcome.commit()).isEqualTo(release.name());
      }
      assertThat(Files.readString(tmp.resolve("packages/auth/CHANGELOG.md"))).startsWith("# Change history\n\n## 1.11.0\n");
      assertThat(fx.git().status().call().isClean()).isTrue();
    }
  }

  @Test
  void reRunningFindsTheReleaseOnTheTrainBranchAndOnMain() {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      execute(tmp, plan(tmp, train(false)), null, new ReleaseExecutor(Reporter.silent()));
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThat(new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).existingRelease(repo, train(false)))
            .get().extracting(t -> t.name()).isEqualTo("v1.11.0");
      }
      fx.checkout("main");
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThat(new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).existingRelease(repo, train(false)))
            .get().extracting(t -> t.name()).isEqualTo("v1.11.0");
      }
    }
  }

  @Test
  void aFailedPushPutsTheRepositoryBackExactly() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      Path repoDir = tmp.resolve("repo");
      Map<String, String> before = snapshot(fx);
      ReleasePlan plan = plan(repoDir, train(false));
      PushTarget nowhere = PushTarget.anonymous(tmp.resolve("no-such-remote.git").toUri().toString(), true);
      assertThatThrownBy(() -> execute(repoDir, plan, nowhere, new ReleaseExecutor(Reporter.silent())))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
            assertThat(e.getMessage()).startsWith("release failed: ")
                .endsWith("; the repository was put back as it was").doesNotContain("\n");
          });
      assertThat(snapshot(fx)).isEqualTo(before);
    }
  }

  @Test
  void aTagThatAppearsConcurrentlyRollsBackTheCommitAndBranch() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      Map<String, String> before = snapshot(fx);
      ReleasePlan plan = plan(tmp, train(false));
      ReleaseExecutor executor = new ReleaseExecutor(Reporter.silent(), step -> {
        if (step == ReleaseExecutor.Step.COMMITTED) {
          try (Git other = Git.open(tmp.toFile())) {
            other.tag().setName("v1.11.0").setAnnotated(false).setObjectId(null).call();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
      assertThatThrownBy(() -> execute(tmp, plan, null, executor))
          .hasMessage("release failed: tag v1.11.0 appeared while the release was being cut; the repository was put back as it was");
      Map<String, String> after = snapshot(fx);
      // the concurrent tag is someone else's and stays; everything of ours is gone
      assertThat(after.remove("refs/tags/v1.11.0")).isNotNull();
      assertThat(after).isEqualTo(before);
    }
  }

  @Test
  void aFailedPatchResetsTheTrainBranchAndRestoresTheFiles() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      execute(tmp, plan(tmp, train(false)), null, new ReleaseExecutor(Reporter.silent()));
      fx.commit("fix(auth): hotfix", "packages/auth/index.js", "3");
      Map<String, String> before = snapshot(fx);
      ReleasePlan patch = plan(tmp, train(true));
      assertThat(patch.next().tag()).isEqualTo("v1.11.1");
      assertThat(patch.tagMessage()).isEqualTo("Patch release 1.11.1");
      assertThat(patch.pushCommands()).containsExactly("git push origin train-11", "git push origin v1.11.1");
      ReleaseExecutor failing = new ReleaseExecutor(Reporter.silent(), step -> {
        if (step == ReleaseExecutor.Step.TAGGED) {
          throw new IllegalStateException("disk full");
        }
      });
      assertThatThrownBy(() -> execute(tmp, patch, null, failing))
          .hasMessage("release failed: disk full; the repository was put back as it was");
      assertThat(snapshot(fx)).isEqualTo(before);
    }
  }

  @Test
  void pushSendsTheBranchAndThenOnlyTheNewTag() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      Path repoDir = tmp.resolve("repo");
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", bare.toUri().toString());
      config.save();
      List<String> steps = new java.util.ArrayList<>();
      ReleaseOutcome outcome = execute(repoDir, plan(repoDir, train(false)), PushTarget.anonymous("origin", true),
          new ReleaseExecutor(Reporter.silent(), step -> steps.add(step.name())));
      assertThat(outcome.pushedRefs()).containsExactly("refs/heads/train-11", "refs/tags/v1.11.0");
      assertThat(steps).containsSubsequence("BRANCH_PUSHED", "TAG_PUSHED");
      try (Repository remote = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
        assertThat(remote.getRefDatabase().getRefs()).extracting(Ref::getName)
            .containsExactlyInAnyOrder("refs/heads/train-11", "refs/tags/v1.11.0");
        assertThat(remote.exactRef("refs/tags/v1.11.0").getObjectId())
            .isEqualTo(fx.repository().exactRef("refs/tags/v1.11.0").getObjectId());
      }
    }
  }

  @Test
  void anUnsupportedSignatureFormatIsRefusedBeforeAnyWrite() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      var config = fx.repository().getConfig();
      config.setBoolean("tag", null, "gpgSign", true);
      config.setString("gpg", null, "format", "x509");
      config.save();
      Map<String, String> before = snapshot(fx);
      ReleasePlan plan = plan(tmp, train(false));
      assertThat(plan.sign()).isTrue();
      assertThatThrownBy(() -> execute(tmp, plan, null, new ReleaseExecutor(Reporter.silent())))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
            assertThat(e.getMessage()).contains("x509").contains("gpg.format");
          });
      assertThat(snapshot(fx)).isEqualTo(before);
    }
  }

  @Test
  void aDateTagWithoutFilesGoesOnHeadWithoutACommit() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("2026.11.19");
      RevCommit head = fx.commit("fix: b", "a", "2");
      NextVersionRequest date = new NextVersionRequest(new VersionScheme.Date(java.time.DayOfWeek.THURSDAY), false,
          null, "main", null, false);
      ReleasePlan plan;
      try (GitRepository repo = GitRepository.open(tmp)) {
        plan = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent())
            .plan(repo, date, ReleaseConfig.DEFAULTS, ReleasePlannerTest.LINKS);
      }
      assertThat(plan.commitMessage()).isNull();
      assertThat(plan.pushCommands()).containsExactly("git push origin 2026.11.26");
      assertThat(plan.compareUrl()).isEqualTo("https://github.com/mozilla/fxa/compare/2026.11.19...2026.11.26");
      execute(tmp, plan, null, new ReleaseExecutor(Reporter.silent()));
      assertThat(fx.repository().resolve("2026.11.26^{commit}")).isEqualTo(head);
      assertThat(fx.repository().resolve("HEAD")).isEqualTo(head);
    }
  }

  @Test
  void theNotesOfAnExistingReleaseAreTheNotesItWasCutWith() {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      ReleasePlan plan = plan(tmp, train(false));
      execute(tmp, plan, null, new ReleaseExecutor(Reporter.silent()));
      try (GitRepository repo = GitRepository.open(tmp)) {
        ReleasePlanner planner = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent());
        var tag = planner.existingRelease(repo, train(false)).orElseThrow();
        assertThat(planner.releaseNotes(repo, tag, train(false), ReleaseTestRepos.monorepoConfig(), ReleasePlannerTest.LINKS))
            .isEqualTo(plan.releaseNotes())
            .contains("# auth").contains("sign in with passkeys");
      }
    }
  }

  @Test
  void aTrainBranchMadeAheadOfTimeAtHeadIsUsedAndRestoredOnFailure() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      fx.git().branchCreate().setName("train-11").call();
      Map<String, String> before = snapshot(fx);
      ReleasePlan plan = plan(tmp, train(false));
      assertThat(plan.next().createsBranch()).isFalse();
      ReleaseExecutor failing = new ReleaseExecutor(Reporter.silent(), step -> {
        if (step == ReleaseExecutor.Step.COMMITTED) {
          throw new IllegalStateException("power cut");
        }
      });
      assertThatThrownBy(() -> execute(tmp, plan, null, failing)).hasMessageEndingWith("put back as it was");
      assertThat(snapshot(fx)).isEqualTo(before);
      execute(tmp, plan(tmp, train(false)), null, new ReleaseExecutor(Reporter.silent()));
      assertThat(fx.repository().getBranch()).isEqualTo("train-11");
      assertThat(fx.repository().exactRef("refs/heads/main").getObjectId())
          .isEqualTo(fx.repository().resolve("train-11~1"));
    }
  }

  @Test
  void aTagRejectedByTheRemoteAfterTheBranchArrivedNamesWhatToUndoThere() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    try (GitFixture other = GitFixture.init(tmp.resolve("other"))) {
      other.commit("someone else's release", "x", "1");
      other.tag("v1.11.0");
      other.git().push().setRemote(bare.toUri().toString()).add("refs/tags/v1.11.0").call();
    }
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      Path repoDir = tmp.resolve("repo");
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", bare.toUri().toString());
      config.save();
      Map<String, String> before = snapshot(fx);
      ReleasePlan plan = plan(repoDir, train(false));
      assertThatThrownBy(() -> execute(repoDir, plan, PushTarget.anonymous("origin", true), new ReleaseExecutor(Reporter.silent())))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
            assertThat(e.getMessage()).startsWith("release failed: push of refs/tags/v1.11.0 to origin was rejected")
                .endsWith("; undo by hand: git push origin --delete train-11   # it reached the remote")
                .doesNotContain("\n");
          });
      assertThat(snapshot(fx)).isEqualTo(before);
      try (Repository remote = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
        assertThat(remote.exactRef("refs/heads/train-11")).isNotNull();
      }
    }
  }
}
