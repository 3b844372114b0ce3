package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  Path repo() {
    return tmp.resolve("repo");
  }

  /** A train repository without any configuration file. */
  GitFixture trainRepository() {
    GitFixture fx = GitFixture.init(repo());
    fx.commit("chore: start", "CHANGELOG.md", "# Change history\n\n## 1.10.0\n\nNo changes.\n");
    fx.tag("v1.10.0");
    fx.commit("feat(auth): passkeys (#101)", "a.js", "1");
    fx.commit("fix!: drop the old API\n\nBREAKING CHANGE: gone", "b.js", "1");
    return fx;
  }

  @Test
  void nextVersionJsonWorksWithoutConfiguration() throws Exception {
    try (GitFixture fx = trainRepository()) {
      CliRunner.Result result = new CliRunner(repo()).run("next-version", "--json");
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
      JsonNode json = JSON.readTree(result.out());
      assertThat(json.get("version").asText()).isEqualTo("1.11.0");
      assertThat(json.get("tag").asText()).isEqualTo("v1.11.0");
      assertThat(json.get("previousTag").asText()).isEqualTo("v1.10.0");
      assertThat(json.get("branch").asText()).isEqualTo("train-11");
    }
  }

  /**
   * The syncstorage-rs shape with no configuration: default branch master (recorded as origin/HEAD
   * by the clone), release PRs squash-merged, so the tags are not on master.
   */
  @Test
  void semverNextVersionOnAMasterDefaultCloneNeedsNoConfiguration() throws Exception {
    try (GitFixture server = GitFixture.init(tmp.resolve("server"))) {
      server.commit("feat: start", "src/lib.rs", "1");
      server.branch("master");
      server.git().branchDelete().setBranchNames("main").setForce(true).call();
      server.branch("release/0.1");
      server.commit("chore: tag 0.1.0", "CHANGELOG.md", "x");
      server.tag("0.1.0");
      server.checkout("master");
      server.commit("chore: tag 0.1.0 (#12)", "CHANGELOG.md", "x");
      server.commit("feat!: more (#13)", "src/lib.rs", "2");
    }
    try (Git clone = Git.cloneRepository().setURI(tmp.resolve("server").toUri().toString())
        .setDirectory(repo().toFile()).setBranch("master").call()) {
      var head = clone.getRepository().updateRef("refs/remotes/origin/HEAD");
      head.link("refs/remotes/origin/master");
      CliRunner.Result result = new CliRunner(repo()).run("next-version", "--scheme", "semver", "--json");
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
      JsonNode json = JSON.readTree(result.out());
      assertThat(json.get("version").asText()).isEqualTo("0.2.0");
      assertThat(json.get("previousTag").asText()).isEqualTo("0.1.0");
      assertThat(json.get("branch").asText()).isEqualTo("release/0.2");
      assertThat(json.get("mainBranch").asText()).isEqualTo("master");
      assertThat(json.get("mainBranchReason").asText()).isEqualTo("origin/HEAD points at master");

      clone.checkout().setCreateBranch(true).setName("feature").call();
      CliRunner.Result refused = new CliRunner(repo()).run("next-version", "--scheme", "semver");
      assertThat(refused.exitCode()).isEqualTo(ExitCode.REPOSITORY_STATE);
      assertThat(refused.err()).contains("a semver release is cut from master (the default branch: origin/HEAD points at master)"
          + " or a release/X.Y branch, but feature is checked out");
    }
  }

  @Test
  void changelogJsonListsEntriesWithFullHashesAndPrNumbers() throws Exception {
    try (GitFixture fx = trainRepository()) {
      RevCommit head = fx.git().log().setMaxCount(1).call().iterator().next();
      CliRunner.Result result = new CliRunner(tmp).run("changelog", "--from", "v1.10.0", "--to", "HEAD", "--repo", "repo",
          "--format", "clog", "--json");
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
      JsonNode json = JSON.readTree(result.out());
      JsonNode entries = json.get("entries");
      assertThat(entries).hasSize(2);
      assertThat(entries.get(0).get("hash").asText()).isEqualTo(head.name());
      assertThat(entries.get(0).get("type").asText()).isEqualTo("fix");
      assertThat(entries.get(0).get("breaking").asBoolean()).isTrue();
      assertThat(entries.get(0).get("pr").isNull()).isTrue();
      assertThat(entries.get(1).get("scope").asText()).isEqualTo("auth");
      assertThat(entries.get(1).get("pr").asInt()).isEqualTo(101);
      assertThat(json.get("markdown").asText()).contains("#### Breaking Changes");
    }
  }

  @Test
  void changelogOfATaggedReleaseIsDatedWhenTheTagWasMade() throws Exception {
    try (GitFixture fx = trainRepository()) {
      fx.at(Instant.parse("2026-03-02T23:30:00Z")).tag("v1.11.0");
      fx.lightweightTag("v1.11.0-feature");

      CliRunner.Result annotated = new CliRunner(tmp).run("changelog", "--from", "v1.10.0", "--to", "v1.11.0",
          "--repo", "repo", "--format", "keepachangelog");
      CliRunner.Result lightweight = new CliRunner(tmp).run("changelog", "--from", "v1.10.0", "--to",
          "v1.11.0-feature", "--repo", "repo", "--format", "keepachangelog");
      CliRunner.Result untagged = new CliRunner(tmp).run("changelog", "--from", "v1.10.0", "--repo", "repo",
          "--format", "keepachangelog");

      assertThat(annotated.out()).as(annotated.toString()).contains("## [1.11.0] - 2026-03-02");
      // the commit was made at the fixture's clock, two minutes after its epoch
      assertThat(lightweight.out()).as(lightweight.toString()).contains("- 2026-01-05");
      assertThat(untagged.out()).as(untagged.toString())
          .contains("- " + LocalDate.ofInstant(CliRunner.NOW, ZoneOffset.UTC));
    }
  }

  @Test
  void dryRunChangesNothingAndWritesActionsOutputs() throws Exception {
    try (GitFixture fx = trainRepository()) {
      String head = fx.repository().resolve("HEAD").name();
      Path output = Files.createFile(tmp.resolve("github_output"));
      Path summary = Files.createFile(tmp.resolve("summary.md"));
      CliRunner.Result result = new CliRunner(repo()).env("GITHUB_ACTIONS", "true")
          .env("GITHUB_OUTPUT", output.toString()).env("GITHUB_STEP_SUMMARY", summary.toString())
          .env("GITHUB_REPOSITORY", "mozilla/fxa").run("cut", "--dry-run");
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
      assertThat(result.out()).contains("Release plan (dry run: nothing was changed)")
          .contains("tag:       v1.11.0").contains("M CHANGELOG.md")
          .contains("git push --set-upstream origin train-11").contains("git push origin v1.11.0")
          .contains("https://github.com/mozilla/fxa/compare/main...train-11?expand=1")
          .contains("Deployment request:");
      assertThat(Files.readString(output)).contains("tag<<").contains("v1.11.0").contains("previous-tag<<")
          .contains("compare-url<<");
      assertThat(Files.readString(summary)).contains("### trainyard cut: v1.11.0 (dry run)");
      assertThat(fx.repository().resolve("HEAD").name()).isEqualTo(head);
      assertThat(fx.repository().exactRef("refs/heads/train-11")).isNull();
      assertThat(fx.repository().exactRef("refs/tags/v1.11.0")).isNull();
      assertThat(fx.git().status().call().isClean()).isTrue();
    }
  }

  @Test
  void cutPushesToALocalRemoteAndARerunSaysAlreadyReleased() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    try (GitFixture fx = trainRepository()) {
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", bare.toUri().toString());
      config.save();
      CliRunner.Result first = new CliRunner(repo()).run("cut", "--push", "--json");
      assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.OK);
      JsonNode json = JSON.readTree(first.out());
      assertThat(json.get("tag").asText()).isEqualTo("v1.11.0");
      assertThat(json.get("pushedRefs")).extracting(JsonNode::asText)
          .containsExactly("refs/heads/train-11", "refs/tags/v1.11.0");
      try (Repository remote = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
        assertThat(remote.getRefDatabase().getRefs()).extracting(Ref::getName)
            .containsExactlyInAnyOrder("refs/heads/train-11", "refs/tags/v1.11.0");
      }
      String head = fx.repository().resolve("HEAD").name();
      CliRunner.Result again = new CliRunner(repo()).run("cut", "--push");
      assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
      assertThat(again.out()).startsWith("already released: v1.11.0 (");
      assertThat(fx.repository().resolve("HEAD").name()).isEqualTo(head);
    }
  }

  @Test
  void notARepositoryIsExitFourWithOneLine() {
    CliRunner.Result result = new CliRunner(tmp).run("next-version");
    assertThat(result.exitCode()).isEqualTo(ExitCode.REPOSITORY_STATE);
    assertThat(result.err()).startsWith("trainyard: error: not a git repository: ").doesNotContain("at dev.trainyard");
  }

  @Test
  void unknownSchemeIsAUsageError() {
    try (GitFixture fx = trainRepository()) {
      CliRunner.Result result = new CliRunner(repo()).run("next-version", "--scheme", "calver");
      assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(result.err()).startsWith(
          "trainyard: error: --scheme: unknown scheme 'calver' (expected train, date or semver)");
    }
  }

  @Test
  void shallowCloneSaysFetchDepthZero() throws Exception {
    try (GitFixture fx = trainRepository()) {
      Git.cloneRepository().setURI(repo().toUri().toString()).setDirectory(tmp.resolve("clone").toFile())
          .setDepth(1).call().close();
      CliRunner.Result result = new CliRunner(tmp.resolve("clone")).run("cut", "--dry-run");
      assertThat(result.exitCode()).isEqualTo(ExitCode.REPOSITORY_STATE);
      assertThat(result.err()).contains("shallow clone").contains("fetch-depth: 0");
    }
  }

  @Test
  void aDirtyTreeIsRefusedNamingTheFile() throws Exception {
    try (GitFixture fx = trainRepository()) {
      Files.writeString(repo().resolve("a.js"), "changed");
      CliRunner.Result result = new CliRunner(repo()).run("cut");
      assertThat(result.exitCode()).isEqualTo(ExitCode.REPOSITORY_STATE);
      assertThat(result.err()).contains("the work tree has uncommitted changes: a.js");
      assertThat(fx.repository().exactRef("refs/tags/v1.11.0")).isNull();
    }
  }

  @Test
  void aConfiguredDateSchemeUsesThePushDay() throws Exception {
    try (GitFixture fx = trainRepository()) {
      fx.commit("chore: config", ".trainyard.yml", "release:\n  scheme: date\n  push-day: thursday\n");
      fx.tag("2026.11.19");
      fx.commit("fix: later", "c.js", "1");
      CliRunner.Result result = new CliRunner(repo()).run("next-version", "--json");
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
      assertThat(JSON.readTree(result.out()).get("tag").asText()).isEqualTo("2026.11.26");
      CliRunner.Result past = new CliRunner(repo()).run("next-version", "--date", "2026-11-01");
      assertThat(past.exitCode()).isEqualTo(ExitCode.USAGE);
    }
  }

  @Test
  void actionInputsWorkLikeFlags() throws Exception {
    try (GitFixture fx = trainRepository()) {
      CliRunner.Result result = new CliRunner(repo()).env("INPUT_DRY-RUN", "true").env("INPUT_SCHEME", "semver")
          .env("INPUT_FIRST-RELEASE", "true").run("cut", "--json");
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
      JsonNode json = JSON.readTree(result.out());
      assertThat(json.get("dryRun").asBoolean()).isTrue();
      assertThat(json.get("scheme").asText()).isEqualTo("semver");
      assertThat(json.get("tag").asText()).isEqualTo("0.1.0");
      assertThat(fx.repository().exactRef("refs/tags/0.1.0")).isNull();
    }
  }

  @Test
  void aGitHubReleaseWithoutPushIsRefusedBeforeAnything() throws Exception {
    try (GitFixture fx = trainRepository()) {
      CliRunner.Result result = new CliRunner(repo()).run("cut", "--github-release");
      assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(result.err()).startsWith("trainyard: error: --github-release needs --push");
      assertThat(fx.repository().exactRef("refs/tags/v1.11.0")).isNull();
    }
  }
}
