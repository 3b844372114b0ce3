package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.release.ExampleRepository;
import dev.trainyard.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy-order end to end: the example repository, the Actions outputs, and the user's mistakes. */
class DeployOrderCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path example() {
    Path yard = dir.resolve("yard");
    ExampleRepository.create(yard);
    return yard;
  }

  /** The outputs written to $GITHUB_OUTPUT, by name (values may span lines). */
  static Map<String, String> outputs(Path file) throws Exception {
    Map<String, String> outputs = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String[] head = lines.get(i).split("<<", 2);
      StringBuilder value = new StringBuilder();
      for (i++; !lines.get(i).equals(head[1]); i++) {
        value.append(value.length() == 0 ? "" : "\n").append(lines.get(i));
      }
      outputs.put(head[0], value.toString());
    }
    return outputs;
  }

  @Test
  void theExampleRepositoryShowsItsProductionPlanAsDocumentedJson() throws Exception {
    Path yard = example();

    CliRunner.Result result = new CliRunner(dir).run("deploy-order", "--env", "production", "--repo", yard.toString(), "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("order").toString()).isEqualTo("[\"auth-server\",\"sync-server\",\"content-server\"]");
    assertThat(json.get("waves").toString()).isEqualTo("[[\"auth-server\"],[\"sync-server\"],[\"content-server\"]]");
    assertThat(json.get("changedSince").asText()).isEqualTo("v1.3.1");
    JsonNode sync = json.get("services").get(1);
    assertThat(sync.get("name").asText()).isEqualTo("sync-server");
    assertThat(sync.get("wave").asInt()).isEqualTo(2);
    assertThat(sync.get("reason").asText()).isEqualTo("database: touches-database: true");
    assertThat(sync.get("changed").asBoolean()).isTrue();
    assertThat(json.get("matrix").get("include").get(0).get("service").asText()).isEqualTo("auth-server");
    assertThat(json.get("failFast").asBoolean()).isTrue();
    assertThat(json.get("maxParallel").asInt()).isEqualTo(1);

    CliRunner.Result text = new CliRunner(dir).run("deploy-order", "--env", "production", "--repo", yard.toString());
    assertThat(text.out()).startsWith("production: 3 services in 3 waves (changed since v1.3.1; a failure stops the rest)")
        .contains(" 1. auth-server     wave 1  first: matches '*auth*'");
  }

  @Test
  void inActionsTheOutputsFeedAMatrixAndTheSummaryDrawsTheWaves() throws Exception {
    Path yard = example();
    Path output = dir.resolve("output.txt");
    Path summary = dir.resolve("summary.md");

    CliRunner.Result result = new CliRunner(dir).env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", output.toString()).env("GITHUB_STEP_SUMMARY", summary.toString())
        .env("INPUT_COMMAND", "deploy-order").env("INPUT_ENV", "stage").env("INPUT_ALL", "true")
        .env("INPUT_REPO", yard.toString()).run("deploy-order");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    Map<String, String> outputs = outputs(output);
    assertThat(outputs.get("order")).isEqualTo("[\"auth-server\",\"sync-server\",\"content-server\"]");
    assertThat(outputs.get("waves")).isEqualTo("[[\"auth-server\",\"sync-server\"],[\"content-server\"]]");
    assertThat(JSON.readTree(outputs.get("matrix")).get("include")).hasSize(3);
    assertThat(outputs.get("fail-fast")).isEqualTo("false");
    assertThat(outputs.get("max-parallel")).as("two waves: one job at a time keeps the order").isEqualTo("1");
    assertThat(outputs.get("service-count")).isEqualTo("3");
    String markdown = Files.readString(summary);
    assertThat(markdown).contains("### Deploy order: stage")
        .contains("| 3 | 2 | `content-server` | alphabetical | yes | alphabetical; after auth-server |")
        .contains("```mermaid\nflowchart LR\n  subgraph wave1[\"Wave 1\"]\n    s1[\"auth-server\"]\n    s2[\"sync-server\"]\n  end")
        .contains("  wave1 --> wave2\n  s1 -. after .-> s3\n```");
  }

  @Test
  void oneWaveInStageDeploysAllAtOnceAndTheGlobsInTheSummaryStayLiteral() throws Exception {
    try (GitFixture git = GitFixture.init(dir.resolve("repo"))) {
      git.commit("chore: layout", ".trainyard.yml", """
          deploy:
            services:
              - {name: auth-server, paths: [auth]}
              - {name: profile-server, paths: [profile]}
          """, "auth/a", "1", "profile/p", "1");
    }
    Path output = dir.resolve("output.txt");
    Path summary = dir.resolve("summary.md");
    CliRunner runner = new CliRunner(dir.resolve("repo")).env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", output.toString()).env("GITHUB_STEP_SUMMARY", summary.toString());

    assertThat(runner.run("deploy-order", "--env", "stage").exitCode()).isEqualTo(ExitCode.OK);
    assertThat(outputs(output).get("max-parallel")).isEqualTo("2");
    assertThat(outputs(output).get("changed-since")).as("no release yet").isEmpty();

    assertThat(runner.run("deploy-order", "--env", "production").exitCode()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(summary)).contains("first: matches '\\*auth\\*'");
  }

  @Test
  void aCycleIsAUsageErrorNamingTheWholeCycle() throws Exception {
    try (GitFixture git = GitFixture.init(dir.resolve("repo"))) {
      git.commit("chore: layout", ".trainyard.yml", """
          deploy:
            services:
              - {name: auth-server, after: [event-broker]}
              - {name: event-broker, after: [profile-server]}
              - {name: profile-server, after: [auth-server]}
          """);
    }

    CliRunner.Result result = new CliRunner(dir.resolve("repo")).run("deploy-order", "--env", "production", "--all");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("trainyard: error: ").contains(".trainyard.yml:1:1: invalid value for 'deploy': "
        + "deploy: the after: edges form a cycle: auth-server -> event-broker -> profile-server -> auth-server");
  }

  @Test
  void anUnknownAfterNameGetsADidYouMean() throws Exception {
    try (GitFixture git = GitFixture.init(dir.resolve("repo"))) {
      git.commit("chore: layout", ".trainyard.yml", """
          deploy:
            services:
              - {name: profile-server}
              - {name: event-broker, after: [profile-sever]}
          """);
    }

    CliRunner.Result result = new CliRunner(dir.resolve("repo")).run("deploy-order", "--env", "production", "--all");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("service 'event-broker' has after: 'profile-sever', which is not a service")
        .contains("hint: did you mean 'profile-server'?");
  }

  @Test
  void aRepositoryWithoutConfigurationOnATrunkBranchIsPlannedAsOneService() throws Exception {
    try (GitFixture git = GitFixture.init(dir.resolve("shop"))) {
      git.commit("feat: first", "src/app.js", "1");
      git.git().branchRename().setOldName("main").setNewName("trunk").call();
      git.tag("v1.4.0");
      git.commit("fix: second", "db/migrations/002.sql", "alter table");
    }
    CliRunner runner = new CliRunner(dir.resolve("shop"));

    CliRunner.Result result = runner.run("deploy-order", "--env", "production", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("order").toString()).isEqualTo("[\"shop\"]");
    assertThat(json.get("changedSince").asText()).isEqualTo("v1.4.0");
    assertThat(json.get("services").get(0).get("touchesDatabase").asBoolean()).as("a migration changed").isTrue();

    CliRunner.Result stage = runner.run("deploy-order", "--env", "stage", "--all");
    assertThat(stage.exitCode()).as(stage.toString()).isEqualTo(ExitCode.OK);
    assertThat(stage.out()).startsWith("stage: 1 service in 1 wave");
  }

  @Test
  void flagMistakesAreUsageErrors() {
    Path yard = example();
    CliRunner runner = new CliRunner(yard);

    CliRunner.Result unknown = runner.run("deploy-order", "--env", "prod");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err()).contains("--env: unknown environment 'prod'").contains("did you mean 'production'?");

    CliRunner.Result both = runner.run("deploy-order", "--env", "stage", "--all", "--changed-since", "v1.3.0");
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err()).contains("--all and --changed-since exclude each other");

    CliRunner.Result missing = runner.run("deploy-order");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("no environment given").contains("--env");

    CliRunner.Result badRef = runner.run("deploy-order", "--env", "stage", "--changed-since", "v9");
    assertThat(badRef.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badRef.err()).contains("--changed-since: 'v9' does not name a commit");
  }
}
