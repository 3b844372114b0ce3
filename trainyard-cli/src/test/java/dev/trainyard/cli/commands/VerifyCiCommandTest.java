package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VerifyCiCommandTest {
  private static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  private static final String TOKEN = "ghs_cliTestTokenValue42";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  private CliRunner runner() {
    return new CliRunner(dir).env("GITHUB_API_URL", server.baseUrl());
  }

  private static String job(long id, String name, String status, String conclusion) {
    String url = "https://github.com/acme/widgets/actions/runs/900/job/" + id;
    return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"head_sha\":\"" + SHA + "\",\"status\":\"" + status + "\","
        + "\"conclusion\":" + (conclusion == null ? "null" : "\"" + conclusion + "\"") + ","
        + "\"started_at\":\"2026-11-21T11:00:00Z\",\"completed_at\":"
        + ("completed".equals(status) ? "\"2026-11-21T11:04:10Z\"" : "null") + ","
        + "\"html_url\":\"" + url + "\",\"details_url\":\"" + url + "\",\"check_suite\":{\"id\":77},"
        + "\"app\":{\"id\":15368,\"slug\":\"github-actions\",\"name\":\"GitHub Actions\"},\"pull_requests\":[]}";
  }

  private void serve(String tag, String checkRunsJson, String statusesJson) {
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/commits/" + tag))
        .withHeader("Accept", equalTo("application/vnd.github.sha"))
        .willReturn(aResponse().withStatus(200).withBody(SHA)));
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/commits/" + SHA + "/check-runs"))
        .willReturn(okJson("{\"total_count\":2,\"check_runs\":[" + checkRunsJson + "]}").withHeader("ETag", "W/\"c1\"")));
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/commits/" + SHA + "/status"))
        .willReturn(okJson("{\"state\":\"pending\",\"sha\":\"" + SHA + "\",\"total_count\":0,\"statuses\":[" + statusesJson + "]}")));
  }

  @Test
  void greenCiExitsZeroAndPrintsTheDocumentedJson() throws Exception {
    serve("v1.4.0", job(1, "build", "completed", "success") + "," + job(2, "lint", "completed", "skipped"), "");

    CliRunner.Result result = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0", "--token", TOKEN, "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("state").asText()).isEqualTo("success");
    assertThat(json.path("sha").asText()).isEqualTo(SHA);
    assertThat(json.path("checks")).hasSize(2);
    JsonNode build = json.path("checks").get(0);
    assertThat(build.path("name").asText()).isEqualTo("build");
    assertThat(build.path("kind").asText()).isEqualTo("check_run");
    assertThat(build.path("conclusion").asText()).isEqualTo("success");
    assertThat(build.path("state").asText()).isEqualTo("completed");
    assertThat(build.path("url").asText()).isEqualTo("https://github.com/acme/widgets/actions/runs/900/job/1");
    assertThat(build.path("durationSeconds").asLong()).isEqualTo(250);
    server.verify(getRequestedFor(urlPathEqualTo("/repos/acme/widgets/commits/" + SHA + "/check-runs"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    assertThat(result.out() + result.err()).doesNotContain(TOKEN);
  }

  @Test
  void redCiExitsOneWithTheReasonAndWritesStateAndSummaryInActions() throws Exception {
    serve(SHA, job(1, "build", "completed", "success") + "," + job(2, "e2e", "completed", "timed_out"),
        "{\"id\":5,\"state\":\"success\",\"context\":\"ci/circleci: test\",\"target_url\":\"https://circleci.com/x/5\","
            + "\"created_at\":\"2026-11-21T11:00:00Z\",\"updated_at\":\"2026-11-21T11:06:00Z\"}");
    Files.writeString(dir.resolve("output"), "");
    Files.writeString(dir.resolve("summary"), "");

    CliRunner.Result result = runner()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_REPOSITORY", "acme/widgets")
        .env("GITHUB_SHA", SHA)
        .env("INPUT_TOKEN", TOKEN)
        .env("GITHUB_OUTPUT", "output")
        .env("GITHUB_STEP_SUMMARY", "summary")
        .run("verify-ci");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out()).contains("::add-mask::" + TOKEN);
    assertThat(result.out()).contains("CI for " + SHA + " (a1b2c3d): failure - 2 of 3 counted checks passed; failed: e2e (timed_out)");
    assertThat(Files.readString(dir.resolve("output"))).containsPattern("state<<ghadelimiter_\\w+\nfailure\n");
    String summary = Files.readString(dir.resolve("summary"));
    assertThat(summary)
        .contains("| Check | Kind | Conclusion | Counts as | Duration | Link |")
        .contains("| e2e | check_run | timed_out | failed | 4m 10s | [details](https://github.com/acme/widgets/actions/runs/900/job/2) |")
        .contains("| ci/circleci: test | status | success | passed | 6m 0s | [details](https://circleci.com/x/5) |");
  }

  @Test
  void pendingExitsOneAndIgnorePatternsFromTheConfigApply() throws Exception {
    serve("main", job(1, "build", "completed", "success") + "," + job(2, "nightly docs", "in_progress", null), "");
    Files.writeString(dir.resolve(".trainyard.yml"), "verify-ci:\n  ignore: [\"nightly *\"]\n");

    CliRunner.Result ignored = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "main", "--token", TOKEN);
    Files.delete(dir.resolve(".trainyard.yml"));
    CliRunner.Result pending = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "main", "--token", TOKEN, "--json");

    assertThat(ignored.exitCode()).as(ignored.toString()).isEqualTo(ExitCode.OK);
    assertThat(pending.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(pending.out()).contains("\"state\" : \"pending\"");
  }

  @Test
  void requiredPatternsComeOnePerLineFromTheActionInput() throws Exception {
    serve("v1.4.0", job(1, "build (ubuntu, 17)", "completed", "success") + "," + job(2, "lint", "completed", "failure"), "");

    CliRunner.Result onlyBuild = runner()
        .env("INPUT_REQUIRE", "build (*)\n")
        .run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0", "--token", TOKEN, "--json");
    CliRunner.Result missingDeploy = runner()
        .env("INPUT_REQUIRE", "build (*)\ndeploy-gate\n")
        .run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0", "--token", TOKEN, "--json");

    assertThat(onlyBuild.exitCode()).as(onlyBuild.toString()).isEqualTo(ExitCode.OK);
    assertThat(new ObjectMapper().readTree(onlyBuild.out()).path("checks").get(1).path("outcome").asText())
        .isEqualTo("not_required");
    assertThat(missingDeploy.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(new ObjectMapper().readTree(missingDeploy.out()).path("reasons").get(0).asText())
        .isEqualTo("required but not reported: deploy-gate");
  }

  @Test
  void anUnknownRefIsAUsageErrorNotRedCi() {
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/commits/v0.0.0"))
        .willReturn(aResponse().withStatus(422).withBody("{\"message\":\"No commit found for SHA: v0.0.0\",\"status\":\"422\"}")));
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets")).willReturn(okJson("{\"id\":1,\"full_name\":\"acme/widgets\"}")));

    CliRunner.Result result = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "v0.0.0", "--token", TOKEN);

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("ref 'v0.0.0' is not a tag, branch or commit of acme/widgets").doesNotContain("\tat ");
  }

  @Test
  void aBadTokenIsARemoteError() {
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/commits/v1.4.0"))
        .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\",\"status\":\"401\"}")));

    CliRunner.Result result = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0", "--token", "wrong");

    assertThat(result.exitCode()).isEqualTo(ExitCode.REMOTE);
    assertThat(result.err()).contains("HTTP 401 Bad credentials (the token is invalid or expired)");
  }

  @Test
  void badFlagsAreUsageErrors() {
    CliRunner.Result noRepo = runner().run("verify-ci", "--ref", "v1");
    CliRunner.Result badWait = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--wait", "soon");
    CliRunner.Result badSlug = runner().run("verify-ci", "--repo-slug", "widgets", "--ref", "v1");

    assertThat(noRepo.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noRepo.err()).contains("no repository to verify");
    assertThat(badWait.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badWait.err()).contains("--wait must be a duration like 30s, 10m, 1h30m or PT10M, got 'soon'");
    assertThat(badSlug.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badSlug.err()).contains("--repo-slug must be OWNER/NAME, got 'widgets'");
  }

  @Test
  void requiredAutoListsTheBranchsRequiredChecksAndWaitsForTheOneNotReported() throws Exception {
    serve("main", job(1, "build", "completed", "success"), "");
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/branches/main")).willReturn(okJson(
        dev.trainyard.github.GitHubBodies.branch("acme", "widgets", "main", SHA, java.util.List.of("ci/circleci: test"), true))));
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/rules/branches/main")).willReturn(okJson(
        dev.trainyard.github.GitHubBodies.branchRules("acme", "widgets", java.util.List.of("build:15368")))));

    CliRunner.Result result = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "main", "--token", TOKEN,
        "--required", "auto", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("state").asText()).isEqualTo("pending");
    assertThat(json.path("required")).extracting(JsonNode::asText).containsExactly("build", "ci/circleci: test");
    assertThat(json.path("reasons")).extracting(JsonNode::asText).containsExactly("required but not reported: ci/circleci: test");
    assertThat(json.path("requiredFrom").path("branch").asText()).isEqualTo("main");
    assertThat(json.path("requiredFrom").path("sources")).extracting(s -> s.path("source").asText() + " "
        + s.path("readable").asBoolean() + " " + s.path("checks").asInt())
        .containsExactly("rulesets true 1", "branch protection true 1");
    assertThat(result.err()).contains("required checks of main from rulesets and branch protection: build, ci/circleci: test");
  }

  @Test
  void requiredAutoSaysSoWhenNeitherSourceIsReadable() throws Exception {
    serve("main", job(1, "build", "completed", "success"), "");
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/branches/main")).willReturn(okJson(
        dev.trainyard.github.GitHubBodies.branch("acme", "widgets", "main", SHA, java.util.List.of(), false))));
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/rules/branches/main")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody(dev.trainyard.github.GitHubBodies.error(404, "Not Found", "repos/rules#get-rules-for-a-branch"))));
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/branches/main/protection/required_status_checks"))
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
            .withBody(dev.trainyard.github.GitHubBodies.error(403, "Resource not accessible by integration",
                "branches/branch-protection#get-status-checks-protection"))));

    CliRunner.Result result = runner().run("verify-ci", "--repo-slug", "acme/widgets", "--ref", "main", "--token", TOKEN,
        "--required", "auto");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    assertThat(result.err()).contains("warning: the required checks of acme/widgets main are unknown: this token may read"
        + " neither rulesets (HTTP 404) nor branch protection (HTTP 403)");
    assertThat(result.out()).contains("required checks of main unknown: neither rulesets nor branch protection is readable");
  }
}
