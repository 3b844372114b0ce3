package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing half-done: a lock left by another git process is refused before anything is written, a
 * cancellation (what Ctrl-C raises) stops the release at the next step and rolls back, and the
 * rollback claims "put back as it was" only for what it verified; otherwise it names the commands.
 */
class RollbackTest {
  @TempDir Path tmp;

  private ReleasePlan plan(GitRepository repo) {
    return new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).plan(repo, ReleaseExecutorTest.train(false),
        ReleaseTestRepos.monorepoConfig(), ReleasePlannerTest.LINKS);
  }

  @Test
  void aGitLockIsRefusedBeforeAnythingIsWritten() throws Exception {
    for (String lock : List.of("index.lock", "HEAD.lock", "refs/heads/train-11.lock", "packed-refs.lock")) {
      Path dir = tmp.resolve(lock.replace('/', '-'));
      try (GitFixture fx = ReleaseTestRepos.trainMonorepo(dir)) {
        Path file = dir.resolve(".git").resolve(lock);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
        try (GitRepository repo = GitRepository.open(dir)) {
          ReleasePlan plan = plan(repo);
          assertThatThrownBy(() -> new ReleaseExecutor(Reporter.silent()).execute(repo, plan, null, null, null))
              .as(lock)
              .isInstanceOfSatisfying(TrainyardException.class, e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
                assertThat(e.getMessage()).isEqualTo("git lock " + file + " exists: another git process is running, or remove "
                    + file);
              });
        }
        assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
      }
    }
  }

  @Test
  void aRollbackThatCannotDeleteTheBranchSaysSoAndNamesTheCommand() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      try (GitRepository repo = GitRepository.open(tmp)) {
        ReleasePlan plan = plan(repo);
        ReleaseExecutor executor = new ReleaseExecutor(Reporter.silent(), step -> {
          if (step == ReleaseExecutor.Step.TAGGED) {
            try {
              // Another process takes the branch's lock before the failure below is rolled back.
              Files.writeString(tmp.resolve(".git/refs/heads/train-11.lock"), "");
            } catch (java.io.IOException e) {
              throw new IllegalStateException(e);
            }
            throw TrainyardException.remote("simulated push failure", null, null);
          }
        });
        assertThatThrownBy(() -> executor.execute(repo, plan, null, null, null))
            .isInstanceOfSatisfying(TrainyardException.class, e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
              assertThat(e.getMessage()).startsWith("release failed: simulated push failure; the rollback failed (")
                  .endsWith("undo by hand: git checkout -f main && git branch -D train-11")
                  .doesNotContain("put back as it was");
            });
      }
      assertThat(fx.repository().exactRef("refs/tags/v1.11.0")).as("what could be undone was").isNull();
      assertThat(fx.repository().getBranch()).as("what the message says is left").isEqualTo("train-11");
      assertThat(fx.repository().exactRef("refs/heads/train-11")).isNotNull();
    }
  }

  @Test
  void aCancellationStopsAtTheNextStepAndRollsBack() throws Exception {
    for (ReleaseExecutor.Step at : List.of(ReleaseExecutor.Step.BRANCH_CREATED, ReleaseExecutor.Step.FILES_WRITTEN,
        ReleaseExecutor.Step.COMMITTED, ReleaseExecutor.Step.TAGGED)) {
      Path dir = tmp.resolve(at.name());
      try (GitFixture fx = ReleaseTestRepos.trainMonorepo(dir)) {
        Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
        Cancellation cancellation = new Cancellation();
        List<List<String>> seen = new ArrayList<>();
        List<ReleaseExecutor.Step> steps = new ArrayList<>();
        try (GitRepository repo = GitRepository.open(dir)) {
          ReleasePlan plan = plan(repo);
          ReleaseExecutor executor = new ReleaseExecutor(Reporter.silent(), step -> {
            steps.add(step);
            if (step == at) {
              seen.add(cancellation.undoCommands());
              cancellation.cancel("SIGINT");
            }
          }, cancellation);
          assertThatThrownBy(() -> executor.execute(repo, plan, null, null, null))
              .as(at.name())
              .isInstanceOfSatisfying(TrainyardException.class, e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.INTERRUPTED);
                assertThat(e.getMessage()).isEqualTo("release interrupted (SIGINT); the repository was put back as it was");
              });
        }
        assertThat(steps).as("no step after the signal").endsWith(at);
        assertThat(ReleaseExecutorTest.snapshot(fx)).as(at.name()).isEqualTo(before);
        assertThat(cancellation.undoCommands()).as("nothing left to undo").isEmpty();
        assertThat(seen.get(0)).as("what a stuck release would have printed at " + at).contains("git checkout -f main",
            "git branch -D train-11");
        if (at == ReleaseExecutor.Step.TAGGED) {
          assertThat(seen.get(0)).startsWith("git tag -d v1.11.0");
        }
      }
    }
  }

  @Test
  void aCancellationBeforeTheFirstWriteChangesNothing() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      Cancellation cancellation = new Cancellation();
      cancellation.cancel("SIGTERM");
      try (GitRepository repo = GitRepository.open(tmp)) {
        ReleasePlan plan = plan(repo);
        assertThatThrownBy(() -> new ReleaseExecutor(Reporter.silent(), step -> {}, cancellation)
            .execute(repo, plan, null, null, null))
            .isInstanceOfSatisfying(TrainyardException.class, e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.INTERRUPTED);
              assertThat(e.getMessage()).isEqualTo("interrupted (SIGTERM)");
            });
      }
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
    }
  }
}
