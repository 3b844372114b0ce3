package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cut workflow behind one entry point: the decisions CutCommand used to make. */
class ReleasesTest {
  @TempDir Path tmp;

  private static CutRequest request(CutFlags flags, GitHubEndpoint gitHub) {
    return CutRequest.resolve(ReleaseTestRepos.monorepoConfig(), flags, gitHub);
  }

  private static CutFlags flags(boolean dryRun, boolean push) {
    return new CutFlags(VersionFlags.NONE, dryRun, push, false);
  }

  @Test
  void aDryRunOfADirtyTreeWarnsAndPlans() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      Files.writeString(tmp.resolve("README.md"), "edited");
      RecordingReporter reporter = new RecordingReporter();
      try (GitRepository repo = GitRepository.open(tmp)) {
        CutOutcome outcome = new Releases(ReleasePlannerTest.CLOCK, reporter)
            .cut(repo, request(flags(true, false), GitHubEndpoint.defaults()));

        assertThat(outcome).isInstanceOfSatisfying(CutOutcome.Planned.class,
            planned -> assertThat(planned.plan().next().tag()).isEqualTo("v1.11.0"));
        assertThat(reporter.warnings()).singleElement().asString().endsWith("(a real cut would refuse)");
      }
    }
  }

  @Test
  void aRealCutOfADirtyTreeIsRefused() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      Files.writeString(tmp.resolve("README.md"), "edited");
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThatThrownBy(() -> new Releases(ReleasePlannerTest.CLOCK, new RecordingReporter())
            .cut(repo, request(flags(false, false), GitHubEndpoint.defaults())))
            .isInstanceOfSatisfying(TrainyardException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE));
      }
    }
  }

  @Test
  void aSecondCutFindsTheReleaseAndChangesNothing() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      try (GitRepository repo = GitRepository.open(tmp)) {
        Releases releases = new Releases(ReleasePlannerTest.CLOCK, new RecordingReporter());
        CutOutcome first = releases.cut(repo, request(flags(false, false), GitHubEndpoint.defaults()));
        CutOutcome second = releases.cut(repo, request(flags(false, false), GitHubEndpoint.defaults()));

        assertThat(first).isInstanceOf(CutOutcome.Released.class);
        assertThat(second).isInstanceOfSatisfying(CutOutcome.AlreadyReleased.class,
            already -> assertThat(already.tag().name()).isEqualTo("v1.11.0"));
      }
    }
  }

  @Test
  void pushToAnSshRemoteThatCannotBeReachedIsRefusedBeforeAnythingIsWritten() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      StoredConfig config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", "ssh://git@127.0.0.1:1/mozilla/fxa.git");
      config.save();
      String head = fx.repository().resolve("HEAD").name();
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThatThrownBy(() -> new Releases(ReleasePlannerTest.CLOCK, new RecordingReporter())
            .cut(repo, request(flags(false, true), GitHubEndpoint.defaults())))
            .isInstanceOfSatisfying(TrainyardException.class, e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
              assertThat(e.getMessage()).startsWith("cannot list the refs of origin (ssh://git@127.0.0.1:1/mozilla/fxa.git)");
            });
      }
      assertThat(fx.repository().resolve("HEAD").name()).isEqualTo(head);
      assertThat(fx.repository().exactRef("refs/tags/v1.11.0")).isNull();
    }
  }

  @Test
  void aGitHubReleaseWithoutPushIsRefusedFromTheFlagsAlone() {
    assertThatThrownBy(() -> new CutFlags(VersionFlags.NONE, false, false, true))
        .isInstanceOfSatisfying(TrainyardException.class,
            e -> assertThat(e.getMessage()).startsWith("--github-release needs --push"));
    assertThat(new CutFlags(VersionFlags.NONE, true, false, true).githubRelease()).as("fine for a dry run").isTrue();
  }

  @Test
  void pushingWithTheWorkflowsOwnTokenWarnsThatNoWorkflowWillStart() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp); GitRepository repo = GitRepository.open(tmp)) {
      RecordingReporter reporter = new RecordingReporter();
      CutFlags pushPlan = new CutFlags(VersionFlags.NONE, true, true, false);
      new Releases(ReleasePlannerTest.CLOCK, reporter).cut(repo, CutRequest.resolve(ReleaseTestRepos.monorepoConfig(),
          pushPlan, GitHubEndpoint.defaults(), java.util.Map.of("TRAINYARD_WORKFLOW_TOKEN", "true")));

      assertThat(reporter.warnings()).singleElement().asString()
          .startsWith("--push would push v1.11.0 with the workflow's own GITHUB_TOKEN: GitHub starts no workflow for it")
          .contains("actions/create-github-app-token").contains("workflow_call");

      RecordingReporter other = new RecordingReporter();
      new Releases(ReleasePlannerTest.CLOCK, other).cut(repo, CutRequest.resolve(ReleaseTestRepos.monorepoConfig(),
          pushPlan, GitHubEndpoint.defaults(), java.util.Map.of("TRAINYARD_WORKFLOW_TOKEN", "false")));
      assertThat(other.warnings()).as("an App token, or no word from the action").isEmpty();
    }
  }
}
