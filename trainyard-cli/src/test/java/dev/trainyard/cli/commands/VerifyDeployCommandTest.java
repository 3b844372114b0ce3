package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-deploy end to end against WireMock version endpoints, run the way a tag-push workflow runs
 * it. Every endpoint here already answers, so nothing waits for long.
 */
class VerifyDeployCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GITHUB_TOKEN = "ghs_neverSentToVersionEndpoints42";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  Path repo;
  RevCommit tagged;

  @BeforeEach
  void repository() {
    repo = dir.resolve("repo");
    String config = """
        deploy:
          services:
            - name: auth-server
              paths: [packages/auth-server/**]
              version-url: {stage: %1$s/stage/auth/__version__, production: %1$s/prod/auth/__version__}
            - name: content-server
              paths: [packages/content-server/**]
              version-url: {stage: %1$s/stage/content/__version__, production: %1$s/prod/content/__version__}
        """.formatted(server.baseUrl());
    try (GitFixture git = GitFixture.init(repo)) {
      git.commit("chore: layout", ".trainyard.yml", config, "packages/auth-server/a.js", "1",
          "packages/content-server/c.js", "1");
      git.tag("v1.1.0");
      git.commit("fix(auth): x", "packages/auth-server/a.js", "2");
      tagged = git.commit("fix(content): y", "packages/content-server/c.js", "2");
      git.tag("v1.2.0");
    }
  }

  static String version(String version, String commit) {
    return "{\"source\":\"https://github.com/example-org/yard\",\"version\":\"" + version + "\",\"commit\":\"" + commit
        + "\",\"build\":\"https://ci.example.com/builds/7\"}";
  }

  void serve(String environment, String service, String version, String commit) {
    server.stubFor(get("/" + environment + "/" + service + "/__version__").willReturn(okJson(version(version, commit))));
    server.stubFor(get("/" + environment + "/" + service + "/__heartbeat__")
        .willReturn(okJson("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"},\"details\":{}}")));
  }

  CliRunner tagPush() {
    return new CliRunner(repo).env("GITHUB_REF_TYPE", "tag").env("GITHUB_REF_NAME", "v1.2.0")
        .env("GITHUB_TOKEN", GITHUB_TOKEN);
  }

  @Test
  void aLiveTagExitsZeroWithTheDocumentedJsonAndTheGitHubTokenIsNeverSent() throws Exception {
    serve("stage", "auth", "1.2.0", tagged.name());
    serve("stage", "content", "v1.2.0", tagged.name());

    CliRunner.Result result = tagPush().run("verify-deploy", "--env", "stage", "--interval", "1s", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("live").asBoolean()).isTrue();
    assertThat(json.get("version").asText()).isEqualTo("v1.2.0");
    JsonNode auth = json.get("services").get(0);
    assertThat(auth.get("name").asText()).isEqualTo("auth-server");
    assertThat(auth.get("url").asText()).isEqualTo(server.baseUrl() + "/stage/auth/__version__");
    assertThat(auth.get("expected").asText()).isEqualTo("v1.2.0");
    assertThat(auth.get("actual").asText()).isEqualTo("1.2.0");
    assertThat(auth.get("commit").asText()).isEqualTo(tagged.name());
    assertThat(auth.get("live").asBoolean()).isTrue();
    assertThat(auth.get("heartbeat").asText()).isEqualTo("ok");
    server.verify(anyRequestedFor(anyUrl()).withHeader("Authorization", absent()));
    assertThat(server.getAllServeEvents()).isNotEmpty();
  }

  @Test
  void aServiceThatIsNotLiveByTheDeadlineExitsOneAndIsNamed() throws Exception {
    serve("stage", "auth", "1.2.0", tagged.name());
    serve("stage", "content", "1.1.0", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
    Path output = dir.resolve("output.txt");
    Path summary = dir.resolve("summary.md");

    CliRunner.Result result = tagPush().env("GITHUB_ACTIONS", "true").env("GITHUB_OUTPUT", output.toString())
        .env("GITHUB_STEP_SUMMARY", summary.toString())
        .run("verify-deploy", "--env", "stage", "--timeout", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out()).contains("stage: v1.2.0 is NOT live on 1 of 2 checked services (timed out)")
        .contains("content-server  wave 1  NOT LIVE  1.1.0  runs 1.1.0 (0a1b2c3), not v1.2.0");
    assertThat(result.out()).contains("::error::v1.2.0 is not live on stage: content-server (runs 1.1.0");
    Map<String, String> outputs = DeployOrderCommandTest.outputs(output);
    assertThat(outputs.get("live")).isEqualTo("false");
    assertThat(outputs.get("not-live")).isEqualTo("[\"content-server\"]");
    assertThat(Files.readString(summary)).contains("### `v1.2.0` on stage: ⌛ not live in time")
        .contains("| `content-server` | 1 | `v1.2.0` | `1.1.0` | `0a1b2c3` | NOT LIVE | unchecked |");
  }

  @Test
  void compareSaysWhetherProductionLagsStage() throws Exception {
    serve("stage", "auth", "1.2.0", tagged.name());
    serve("prod", "auth", "1.1.0", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
    serve("stage", "content", "1.2.0", tagged.name());
    serve("prod", "content", "1.2.0", tagged.name());
    Path output = dir.resolve("output.txt");

    CliRunner.Result result = new CliRunner(repo).env("GITHUB_ACTIONS", "true").env("GITHUB_OUTPUT", output.toString())
        .run("verify-deploy", "--compare", "stage,production", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("lags").asBoolean()).isTrue();
    JsonNode auth = json.get("services").get(0);
    assertThat(auth.get("name").asText()).isEqualTo("auth-server");
    assertThat(auth.get("stage").asText()).isEqualTo("1.2.0");
    assertThat(auth.get("production").asText()).isEqualTo("1.1.0");
    assertThat(auth.get("lags").asBoolean()).isTrue();
    assertThat(json.get("services").get(1).get("lags").asBoolean()).isFalse();
    Map<String, String> outputs = DeployOrderCommandTest.outputs(output);
    assertThat(outputs.get("production-lags")).isEqualTo("true");
    assertThat(outputs.get("lagging")).isEqualTo("[\"auth-server\"]");
  }

  @Test
  void anUnreadableVersionInACompareExitsOne() {
    serve("stage", "auth", "1.2.0", tagged.name());
    serve("prod", "auth", "1.2.0", tagged.name());
    serve("stage", "content", "1.2.0", tagged.name());
    server.stubFor(get("/prod/content/__version__").willReturn(com.github.tomakehurst.wiremock.client.WireMock
        .aResponse().withStatus(404)));

    CliRunner.Result result = new CliRunner(repo).run("verify-deploy", "--compare", "stage,production");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out()).startsWith("production does not lag stage (1 not readable)")
        .contains("content-server  stage 1.2.0, production ? (no Dockerflow endpoint at ");
  }

  @Test
  void flagMistakesAreUsageErrors() {
    CliRunner runner = new CliRunner(repo);
    CliRunner.Result noVersion = runner.run("verify-deploy", "--env", "stage");
    assertThat(noVersion.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noVersion.err()).contains("no version to verify").contains("--version");

    CliRunner.Result compareWithEnv = runner.run("verify-deploy", "--compare", "stage,production", "--env", "stage");
    assertThat(compareWithEnv.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(compareWithEnv.err()).contains("--compare reads every service once and does not take --env");
  }
}
