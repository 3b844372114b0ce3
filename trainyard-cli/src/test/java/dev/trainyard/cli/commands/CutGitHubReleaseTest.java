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
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** cut --push --github-release end to end: a local bare remote and WireMock as the GitHub API. */
class CutGitHubReleaseTest {
  static final String REPO_JSON = "{\"id\":1,\"name\":\"r\",\"full_name\":\"o/r\",\"private\":false,"
      + "\"owner\":{\"login\":\"o\",\"id\":1,\"type\":\"Organization\"},\"html_url\":\"https://github.com/o/r\","
      + "\"default_branch\":\"main\"}";
  static final String RELEASE_JSON = "{\"id\":7,\"tag_name\":\"v1.11.0\",\"name\":\"v1.11.0\",\"draft\":true,"
      + "\"prerelease\":false,\"html_url\":\"https://github.com/o/r/releases/tag/v1.11.0\","
      + "\"url\":\"https://api.github.com/repos/o/r/releases/7\",\"created_at\":\"2026-11-21T12:00:00Z\","
      + "\"published_at\":null,\"assets\":[],\"body\":\"x\"}";

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  CliRunner runner(Path repo) {
    return new CliRunner(repo).env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "ghs_secret")
        .env("GITHUB_REPOSITORY", "o/r");
  }

  @Test
  void cutPushesAndDraftsOnceAndAReRunDraftsNothing() throws Exception {
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
      github.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(okJson(REPO_JSON)));
      github.stubFor(get(urlPathEqualTo("/repos/o/r/releases")).willReturn(okJson("[]")));
      github.stubFor(post(urlPathEqualTo("/repos/o/r/releases")).willReturn(aResponse().withStatus(201)
          .withHeader("Content-Type", "application/json").withBody(RELEASE_JSON)));

      CliRunner.Result first = runner(repo).run("cut", "--push", "--github-release", "--json");

      assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.OK);
      JsonNode json = new ObjectMapper().readTree(first.out());
      assertThat(json.get("releaseUrl").asText()).isEqualTo("https://github.com/o/r/releases/tag/v1.11.0");
      assertThat(json.get("pushedRefs")).hasSize(2);
      github.verify(1, postRequestedFor(urlPathEqualTo("/repos/o/r/releases"))
          .withHeader("Authorization", equalTo("token ghs_secret"))
          .withRequestBody(matchingJsonPath("$.tag_name", equalTo("v1.11.0")))
          .withRequestBody(matchingJsonPath("$.draft", equalTo("true")))
          .withRequestBody(matchingJsonPath("$.body", containing("auth: passkeys (#101)"))));
      assertThat(first.err()).doesNotContain("ghs_secret");

      github.stubFor(get(urlPathEqualTo("/repos/o/r/releases")).willReturn(okJson("[" + RELEASE_JSON + "]")));
      CliRunner.Result again = runner(repo).run("cut", "--push", "--github-release");
      assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
      assertThat(again.out()).startsWith("already released: v1.11.0")
          .contains("GitHub release: https://github.com/o/r/releases/tag/v1.11.0");
      github.verify(1, postRequestedFor(urlPathEqualTo("/repos/o/r/releases")));
    }
  }
}
