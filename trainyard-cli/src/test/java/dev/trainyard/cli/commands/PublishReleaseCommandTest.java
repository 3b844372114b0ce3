package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.github.GitHubBodies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** publish-release as the pull_request: closed workflow runs it: --version and --pr, outputs, exit codes. */
class PublishReleaseCommandTest {
  private static final String REPO = "/repos/o/r";
  private static final String SHA = "7c1e5a9b3d2f4e6a8b0c1d2e3f4a5b6c7d8e9f00";

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  CliRunner runner(Path outputs) {
    return new CliRunner(dir).env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "ghs_secret")
        .env("GITHUB_REPOSITORY", "o/r").env("GITHUB_ACTIONS", "true").env("GITHUB_OUTPUT", outputs.toString());
  }

  void release(boolean draft) {
    github.stubFor(get(urlPathEqualTo(REPO + "/releases")).willReturn(okJson(GitHubBodies.array(
        GitHubBodies.release("o", "r", 91, "1.2.0", "Sync storage 1.2.0", draft)))));
  }

  void pullRequest(String state, String mergedAt) {
    github.stubFor(get(urlPathEqualTo(REPO + "/pulls/12")).willReturn(okJson(GitHubBodies.pullRequest("o", "r", 12, state,
        "release/1.2", SHA, "main", "Release 1.2.0", mergedAt).put("merged", mergedAt != null).toString())));
  }

  @BeforeEach
  void tag() {
    github.stubFor(get(urlPathEqualTo(REPO + "/git/ref/tags/1.2.0")).willReturn(okJson(
        GitHubBodies.tagRef("o", "r", "1.2.0", "aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00"))));
    github.stubFor(get(urlPathEqualTo(REPO + "/commits/refs/tags/1.2.0"))
        .withHeader("Accept", equalTo("application/vnd.github.sha")).willReturn(aResponse().withStatus(200).withBody(SHA)));
    github.stubFor(patch(urlPathEqualTo(REPO + "/releases/91")).willReturn(okJson(
        GitHubBodies.release("o", "r", 91, "1.2.0", "Sync storage 1.2.0", false).toString())));
  }

  @Test
  void refusedWhileOpenExitFourThenPublishedThenANoOp() throws Exception {
    Path outputs = Files.createFile(dir.resolve("outputs"));
    release(true);
    pullRequest("open", null);

    CliRunner.Result open = runner(outputs).run("publish-release", "--version", "1.2.0", "--pr", "12");

    assertThat(open.exitCode()).as(open.toString()).isEqualTo(ExitCode.REPOSITORY_STATE);
    assertThat(open.err().lines().filter(l -> l.startsWith("trainyard: error:")).toList()).singleElement().asString()
        .contains("not publishing 1.2.0 (\"Sync storage 1.2.0\"): its release pull request #12")
        .contains("is still open");
    github.verify(0, patchRequestedFor(anyUrl()));

    pullRequest("closed", "2026-11-22T09:00:00Z");
    CliRunner.Result merged = runner(outputs).run("publish-release", "--version", "1.2.0", "--pr", "12", "--json");

    assertThat(merged.exitCode()).as(merged.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(merged.out());
    assertThat(json.path("tag").asText()).isEqualTo("1.2.0");
    assertThat(json.path("name").asText()).isEqualTo("Sync storage 1.2.0");
    assertThat(json.path("alreadyPublished").asBoolean()).isFalse();
    assertThat(json.path("pullRequest").path("number").asLong()).isEqualTo(12);
    assertThat(json.path("url").asText()).isEqualTo("https://github.com/o/r/releases/tag/1.2.0");
    assertThat(Files.readString(outputs)).contains("release-url<<").contains("https://github.com/o/r/releases/tag/1.2.0")
        .contains("already-published<<");
    github.verify(1, patchRequestedFor(urlPathEqualTo(REPO + "/releases/91")));

    release(false);
    CliRunner.Result again = runner(outputs).run("publish-release", "--version", "1.2.0", "--pr", "12");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
    assertThat(again.out()).contains("already published: 1.2.0 (\"Sync storage 1.2.0\")").contains("nothing to do");
    github.verify(1, patchRequestedFor(anyUrl()));
  }

  @Test
  void aMissingVersionIsAUsageErrorBeforeAnyCall() {
    CliRunner.Result result = new CliRunner(dir).env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "t")
        .env("GITHUB_REPOSITORY", "o/r").run("publish-release");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("trainyard: error: --version is required");
    assertThat(github.getAllServeEvents()).isEmpty();
  }
}
