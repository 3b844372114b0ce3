package dev.trainyard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan on real JGit history: which services changed since the previous release, and why. */
class DeployPlannerTest {
  private static final String CONFIG = """
      deploy:
        services:
          - name: auth-server
            paths: [packages/auth-server/**]
            touches-database: auto
            migrations: [packages/db-migrations/databases/fxa/**]
          - name: content-server
            paths: [packages/content-server]
          - name: profile-server
            paths: [packages/profile-server/**]
          - name: event-broker
            paths: [packages/event-broker/**]
            after: [profile-server]
      """;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  GitFixture git;

  @BeforeEach
  void history() {
    git = GitFixture.init(dir);
    git.commit("chore: initial layout",
        ".trainyard.yml", CONFIG,
        "packages/auth-server/index.js", "auth 1\n",
        "packages/content-server/index.js", "content 1\n",
        "packages/profile-server/index.js", "profile 1\n",
        "packages/event-broker/index.js", "broker 1\n",
        "packages/db-migrations/databases/fxa/patch-001.sql", "create table accounts;\n");
    git.tag("v1.1.0", "Train release 1");
  }

  @AfterEach
  void close() {
    git.close();
  }

  private DeployPlan plan(String environment, String changedSince, boolean all) {
    TrainyardConfig config = new ConfigLoader().parse(CONFIG, ".trainyard.yml");
    DeployOrderRequest request = DeployOrderRequest.resolve(config.deployOrDefaults(), config.deployDefaults(null),
        new DeployOrderFlags(environment, changedSince, all));
    try (GitRepository repo = GitRepository.open(dir)) {
      return new DeployPlanner(CLOCK, Reporter.silent()).plan(repo, request);
    }
  }

  @Test
  void onMainOnlyTheServicesChangedSinceThePreviousReleaseArePlanned() {
    git.commit("feat(profile): avatars", "packages/profile-server/index.js", "profile 2\n");
    git.commit("feat(db): add a column", "packages/db-migrations/databases/fxa/patch-002.sql", "alter table;\n");

    DeployPlan plan = plan("production", null, false);

    assertThat(plan.changes().base()).isEqualTo("v1.1.0");
    assertThat(plan.changes().head()).isEqualTo("HEAD");
    assertThat(plan.order()).containsExactly("auth-server", "profile-server");
    assertThat(plan.waves()).containsExactly(List.of("auth-server"), List.of("profile-server"));
    PlannedService auth = plan.services().get(0);
    assertThat(auth.changed()).isTrue();
    assertThat(auth.touchesDatabase()).isTrue();
    assertThat(auth.reason()).isEqualTo(
        "first: matches '*auth*' (it also touches the database: migration changed: "
            + "packages/db-migrations/databases/fxa/patch-002.sql)");
    assertThat(plan.skipped()).extracting(DeployPlan.SkippedService::name).containsExactly("content-server", "event-broker");
    assertThat(plan.skipped().get(0).reason()).isEqualTo("no change under packages/content-server since v1.1.0");
  }

  @Test
  void aChangeOnlyToAMigrationFilePlansTheServiceAsChangedAndTouchingTheDatabase() {
    git.commit("feat(db): add a column", "packages/db-migrations/databases/fxa/patch-002.sql", "alter table;\n");

    DeployPlan plan = plan("production", null, false);

    assertThat(plan.order()).containsExactly("auth-server");
    assertThat(plan.services().get(0).changed()).isTrue();
    assertThat(plan.services().get(0).touchesDatabase()).isTrue();

    DeployPlan everything = plan("production", null, true);
    assertThat(everything.services()).extracting(PlannedService::name, PlannedService::changed, PlannedService::rank)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("auth-server", true, "first"),
            org.assertj.core.groups.Tuple.tuple("profile-server", false, "rest"),
            org.assertj.core.groups.Tuple.tuple("event-broker", false, "rest"),
            org.assertj.core.groups.Tuple.tuple("content-server", false, "last"));
    assertThat(everything.waves()).containsExactly(
        List.of("auth-server"), List.of("profile-server"), List.of("event-broker"), List.of("content-server"));
    assertThat(everything.services().get(2).reason())
        .isEqualTo("rest: matches no first or last rule and does not touch the database; after profile-server");
  }

  @Test
  void onATagPushTheRangeEndsAtTheTagAndStartsAtTheReleaseItFollowed() {
    git.commit("fix(content): locale", "packages/content-server/index.js", "content 2\n");
    git.tag("v1.2.0-feature");
    git.commit("Release 1.2.0", "packages/auth-server/CHANGELOG.md", "## 1.2.0\n");
    git.tag("v1.2.0", "Train release 2");
    git.commit("fix(auth): after the tag", "packages/auth-server/index.js", "auth 3\n");
    git.checkout("v1.2.0");

    DeployPlan plan = plan("stage", null, false);

    assertThat(plan.changes().base()).isEqualTo("v1.1.0");
    assertThat(plan.changes().head()).isEqualTo("v1.2.0");
    assertThat(plan.order()).containsExactly("auth-server", "content-server");
    assertThat(plan.services()).allSatisfy(s -> assertThat(s.reason()).isEqualTo("alphabetical"));
  }

  @Test
  void aPatchOnATrainBranchStartsAtTheTrainsLastTag() {
    git.commit("feat(profile): avatars", "packages/profile-server/index.js", "profile 2\n");
    git.tag("v1.2.0", "Train release 2");
    git.branch("train-2");
    git.commit("fix(broker): retry", "packages/event-broker/index.js", "broker 2\n");

    DeployPlan plan = plan("production", null, false);

    assertThat(plan.changes().base()).isEqualTo("v1.2.0");
    assertThat(plan.order()).containsExactly("event-broker");
    assertThat(plan.services().get(0).after()).as("profile-server is not planned").isEmpty();
  }

  @Test
  void changedSinceAnExplicitRefAndTheEdgesThroughServicesLeftOut() {
    RevCommit start = git.commit("feat(profile): avatars", "packages/profile-server/index.js", "profile 2\n");
    git.commit("fix(broker): retry", "packages/event-broker/index.js", "broker 2\n");
    git.commit("fix(content): locale", "packages/content-server/index.js", "content 2\n");

    DeployPlan plan = plan("production", start.name(), false);

    assertThat(plan.changes().base()).isEqualTo(start.name());
    assertThat(plan.order()).containsExactly("event-broker", "content-server");
  }

  @Test
  void withoutAnyReleaseTagEveryServiceChanged() throws Exception {
    git.git().tagDelete().setTags("v1.1.0").call();
    git.commit("feat(profile): avatars", "packages/profile-server/index.js", "profile 2\n");

    DeployPlan plan = plan("production", null, false);

    assertThat(plan.changes().base()).isNull();
    assertThat(plan.order()).containsExactly("auth-server", "profile-server", "event-broker", "content-server");
    assertThat(plan.services().get(0).touchesDatabase()).as("its migrations exist").isTrue();
  }

  @Test
  void nothingChangedGivesAnEmptyPlan() {
    DeployPlan plan = plan("production", "v1.1.0", false);

    assertThat(plan.order()).isEmpty();
    assertThat(plan.waves()).isEmpty();
    assertThat(plan.skipped()).hasSize(4);
    assertThat(plan.matrixMaxParallel()).isEqualTo(1);
  }

  @Test
  void anUnknownRefAndAnUnknownEnvironmentAreUsageErrors() {
    assertThatThrownBy(() -> plan("production", "v9.9.9", false))
        .isInstanceOf(TrainyardException.class)
        .hasMessageContaining("--changed-since: 'v9.9.9' does not name a commit")
        .extracting(e -> ((TrainyardException) e).kind()).isEqualTo(FailureKind.INVALID_INPUT);
    assertThatThrownBy(() -> plan("prodution", null, true))
        .isInstanceOf(TrainyardException.class)
        .hasMessage("--env: unknown environment 'prodution'")
        .extracting(e -> ((TrainyardException) e).hint())
        .isEqualTo("did you mean 'production'? (known: production, stage); declare more under deploy.environments");
    assertThatThrownBy(() -> plan("production", "v1.1.0", true))
        .isInstanceOf(TrainyardException.class)
        .hasMessage("--all and --changed-since exclude each other");
  }

  @Test
  void onABranchNextVersionRefusesTheRangeStartsAtTheNewestReleaseInItsHistory() {
    git.commit("feat(profile): avatars", "packages/profile-server/index.js", "profile 2\n");
    git.tag("v1.2.0", "Train release 2");
    git.branch("feature/avatars");
    git.commit("fix(broker): retries", "packages/event-broker/index.js", "broker 2\n");
    git.checkout("main");
    git.commit("feat(content): later train", "packages/content-server/index.js", "content 3\n");
    git.tag("v1.3.0", "Train release 3");
    git.checkout("feature/avatars");

    DeployPlan plan = plan("stage", null, false);

    assertThat(plan.changes().base()).as("v1.3.0 is not in the branch's history").isEqualTo("v1.2.0");
    assertThat(plan.order()).containsExactly("event-broker");
  }

  @Test
  void onADetachedHeadThatIsNoReleaseTheErrorSaysHowToChooseTheRange() {
    RevCommit commit = git.commit("feat(profile): avatars", "packages/profile-server/index.js", "profile 2\n");
    git.checkout(commit.name());

    assertThatThrownBy(() -> plan("production", null, false))
        .isInstanceOf(TrainyardException.class)
        .hasMessageStartingWith("cannot tell the previous release: HEAD is detached")
        .extracting(e -> ((TrainyardException) e).hint())
        .isEqualTo("pass --changed-since REF (a tag or commit), or --all to plan every service");
    assertThat(plan("production", null, true).services()).allSatisfy(s -> assertThat(s.changed()).isNull());
  }

  @Test
  void withoutADeploySectionTheServicesAreTheReleasePackages() {
    String yaml = """
        release:
          packages:
            - path: packages/auth-server
            - path: packages/content-server
            - path: packages/profile-server
              name: profile
        """;
    TrainyardConfig config = new ConfigLoader().parse(yaml, ".trainyard.yml");
    git.commit("fix(content): locale", "packages/content-server/index.js", "content 2\n");
    git.commit("fix(profile): x", "packages/profile-server/migrations/002.sql", "alter;\n");
    DeployOrderRequest request = DeployOrderRequest.resolve(config.deployOrDefaults(), config.deployDefaults("yard"),
        new DeployOrderFlags("production", null, false));
    try (GitRepository repo = GitRepository.open(dir)) {
      DeployPlan plan = new DeployPlanner(CLOCK, Reporter.silent()).plan(repo, request);
      assertThat(plan.order()).containsExactly("profile", "content-server");
      assertThat(plan.services().get(0).reason()).isEqualTo("database: migration changed: packages/profile-server/migrations/002.sql");
    }
  }

  @Test
  void aCustomPolicyRanksByItsGlobsAndAnEdgePullsADependencyForward() {
    String yaml = """
        deploy:
          environments:
            canary:
              policy: custom
              ranks: ["*profile*", ["*broker*", "*content*"]]
          services:
            - name: auth-server
              paths: [a]
              after: [sync-server]
            - name: content-server
              paths: [c]
            - name: event-broker
              paths: [e]
            - name: profile-server
              paths: [p]
            - name: sync-server
              paths: [s]
        """;
    TrainyardConfig config = new ConfigLoader().parse(yaml, ".trainyard.yml");
    DeployPlan canary = new DeployPlanner(CLOCK, Reporter.silent()).plan(null, DeployOrderRequest.resolve(
        config.deployOrDefaults(), config.deployDefaults(null), DeployOrderFlags.allServices("canary")));
    assertThat(canary.waves()).containsExactly(
        List.of("profile-server"), List.of("content-server", "event-broker"), List.of("sync-server"), List.of("auth-server"));
    assertThat(canary.services()).extracting(PlannedService::rank)
        .containsExactly("rank-1", "rank-2", "rank-2", "unranked", "unranked");

    DeployPlan production = new DeployPlanner(CLOCK, Reporter.silent()).plan(null, DeployOrderRequest.resolve(
        config.deployOrDefaults(), config.deployDefaults(null), DeployOrderFlags.allServices("production")));
    assertThat(production.order()).containsExactly(
        "sync-server", "auth-server", "event-broker", "profile-server", "content-server");
    assertThat(production.services().get(0).reason())
        .isEqualTo("rest: matches no first or last rule and does not touch the database; "
            + "pulled forward to first: auth-server runs after it");
    assertThat(production.services().get(1).reason()).isEqualTo("first: matches '*auth*'; after sync-server");
    assertThat(production.waves()).containsExactly(
        List.of("sync-server"), List.of("auth-server"), List.of("event-broker", "profile-server"), List.of("content-server"));
    assertThat(production.failFast()).isTrue();
    assertThat(production.matrixMaxParallel()).isEqualTo(1);
    assertThat(canary.failFast()).isFalse();
  }

  @Test
  void aShallowCloneIsRefusedWithTheCheckoutHint() throws Exception {
    git.commit("feat(profile): avatars", "packages/profile-server/index.js", "profile 2\n");
    java.nio.file.Files.writeString(dir.resolve(".git/shallow"), git.repository().resolve("HEAD").name() + "\n");

    assertThatThrownBy(() -> plan("production", null, false))
        .isInstanceOf(TrainyardException.class)
        .hasMessageContaining("shallow clone")
        .extracting(e -> ((TrainyardException) e).kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
  }
}
