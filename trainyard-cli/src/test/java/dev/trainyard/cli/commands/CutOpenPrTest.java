package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.github.GitHubBodies;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** cut --push --open-pr end to end: a local bare remote, WireMock as the GitHub API, the action's outputs. */
class CutOpenPrTest {
  private static final String PULLS = "/repos/o/r/pulls";

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  CliRunner runner(Path repo, Path outputs) {
    return new CliRunner(repo).env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "ghs_secret")
        .env("GITHUB_REPOSITORY", "o/r").env("GITHUB_ACTIONS", "true").env("GITHUB_OUTPUT", outputs.toString());
  }

  Path trainRepository() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    Path repo = tmp.resolve("repo");
    try (GitFixture fx = GitFixture.init(repo)) {
      fx.commit("chore: start", "CHANGELOG.md", "# Change history\n\n## 1.10.0\n\nNo changes.\n");
      fx.tag("v1.10.0");
      fx.commit("feat(auth): passkeys (#101)", "a.js", "1");
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", bare.toUri().toString());
      config.save();
    }
    return repo;
  }

  void lists(String state, String json) {
    github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo(state))
        .withQueryParam("head", equalTo("o:train-11")).withQueryParam("base", equalTo("main"))
        .willReturn(okJson(json)));
  }

  @Test
  void thePullRequestIsOpenedOnceAndAReRunReusesIt() throws Exception {
    Path repo = trainRepository();
    Path outputs = Files.createFile(tmp.resolve("outputs"));
    github.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(okJson(GitHubBodies.repository("o", "r", "main"))));
    lists("open", "[]");
    lists("closed", "[]");
    String created = GitHubBodies.pullRequest("o", "r", 57, "open", "train-11",
        "4f3e2d1c0b9a89786756453423120f0e1d2c3b4a", "main",
        "Merges the release branch `train-11` back into `main`.\n\n<!-- trainyard:release v1.11.0 -->\n## 1.11.0", null)
        .toString();
    github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(created)));

    CliRunner.Result first = runner(repo, outputs).run("cut", "--push", "--open-pr", "--json");

    assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.OK);
    JsonNode pr = new ObjectMapper().readTree(first.out()).path("pullRequest");
    assertThat(pr.path("number").asLong()).isEqualTo(57);
    assertThat(pr.path("url").asText()).isEqualTo("https://github.com/o/r/pull/57");
    assertThat(pr.path("created").asBoolean()).isTrue();
    github.verify(1, postRequestedFor(urlPathEqualTo(PULLS))
        .withHeader("Authorization", equalTo("Bearer ghs_secret"))
        .withRequestBody(matchingJsonPath("$.head", equalTo("train-11")))
        .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
        .withRequestBody(matchingJsonPath("$.body", containing("auth: passkeys (#101)"))));
    assertThat(Files.readString(outputs)).contains("pr-url<<").contains("https://github.com/o/r/pull/57");
    assertThat((first.out() + first.err()).replace("::add-mask::ghs_secret", "")).doesNotContain("ghs_secret");

    lists("open", "[" + created + "]");
    Files.writeString(outputs, "");
    CliRunner.Result again = runner(repo, outputs).run("cut", "--push", "--open-pr", "--json");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
    JsonNode rerun = new ObjectMapper().readTree(again.out());
    assertThat(rerun.path("alreadyReleased").asBoolean()).isTrue();
    assertThat(rerun.path("pullRequest").path("number").asLong()).isEqualTo(57);
    assertThat(rerun.path("pullRequest").path("created").asBoolean()).isFalse();
    assertThat(Files.readString(outputs)).contains("https://github.com/o/r/pull/57");
    github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
  }

  @Test
  void theWorkflowsOwnTokenIsWarnedAboutWithTheConsequenceForThePullRequest() throws Exception {
    Path repo = trainRepository();
    Path outputs = Files.createFile(tmp.resolve("outputs"));

    CliRunner.Result plan = runner(repo, outputs).env("TRAINYARD_WORKFLOW_TOKEN", "true")
        .run("cut", "--dry-run", "--push", "--open-pr");

    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(plan.out() + plan.err()).contains("::warning::--push would push v1.11.0 with the workflow's own GITHUB_TOKEN")
        .contains("the merge-back pull request gets no checks");
  }

  @Test
  void openPrWithoutPushIsAUsageError() throws Exception {
    Path repo = trainRepository();
    CliRunner.Result result = new CliRunner(repo).run("cut", "--open-pr");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("trainyard: error: --open-pr needs --push");
  }

  @Test
  void openPrForADateReleaseIsAUsageError() throws Exception {
    Path repo = trainRepository();
    CliRunner.Result result = new CliRunner(repo).run("cut", "--scheme", "date", "--push", "--open-pr");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("--open-pr: a date release has no release branch");
  }
}
