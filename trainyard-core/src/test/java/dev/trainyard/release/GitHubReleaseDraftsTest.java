package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubReleaseDraftsTest {
  static final String REPO_JSON = "{\"id\":1296269,\"node_id\":\"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\",\"name\":\"r\","
      + "\"full_name\":\"o/r\",\"private\":false,\"owner\":{\"login\":\"o\",\"id\":1,\"type\":\"Organization\"},"
      + "\"html_url\":\"https://github.com/o/r\",\"url\":\"https://api.github.com/repos/o/r\",\"default_branch\":\"main\"}";

  static String releaseJson(String tag, boolean draft) {
    return "{\"url\":\"https://api.github.com/repos/o/r/releases/1\",\"html_url\":\"https://github.com/o/r/releases/tag/"
        + tag + "\",\"assets_url\":\"https://api.github.com/repos/o/r/releases/1/assets\",\"upload_url\":"
        + "\"https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}\",\"id\":1,\"node_id\":\"RE_kwDOAAAB\","
        + "\"tag_name\":\"" + tag + "\",\"target_commitish\":\"main\",\"name\":\"" + tag + "\",\"draft\":" + draft
        + ",\"prerelease\":false,\"created_at\":\"2026-11-21T12:00:00Z\",\"published_at\":null,"
        + "\"author\":{\"login\":\"github-actions[bot]\",\"id\":41898282,\"type\":\"Bot\"},\"assets\":[],"
        + "\"body\":\"## 1.11.0\"}";
  }

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final FakeTime time = new FakeTime();
  final RecordingReporter reporter = new RecordingReporter();

  ReleaseDrafts drafts() {
    GitHubEndpoint endpoint = GitHubEndpoint.fromEnvironment(
        Map.of("GITHUB_API_URL", server.baseUrl(), "GITHUB_TOKEN", "ghs_test", "GITHUB_REPOSITORY", "o/r"));
    RetryPolicy policy = RetryPolicy.defaults();
    GitHubClients clients = new GitHubClients(endpoint, new RetryingHttpClient(
        "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), reporter, () -> 0.0));
    return GitHubReleaseDrafts.of(clients, reporter);
  }

  @BeforeEach
  void repository() {
    server.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(okJson(REPO_JSON)));
  }

  @Test
  void serverErrorsAreRetriedAndTheDraftIsCreatedExactlyOnce() {
    server.stubFor(get(urlPathEqualTo("/repos/o/r/releases")).inScenario("list").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    server.stubFor(get(urlPathEqualTo("/repos/o/r/releases")).inScenario("list").whenScenarioStateIs("up")
        .willReturn(okJson("[]")));
    server.stubFor(post(urlPathEqualTo("/repos/o/r/releases")).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}")).willSetStateTo("recovered"));
    server.stubFor(post(urlPathEqualTo("/repos/o/r/releases")).inScenario("create").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody(releaseJson("v1.11.0", true))));

    String url = drafts().draft("v1.11.0", "v1.11.0", "## 1.11.0\n\n### Bug fixes\n", false);

    assertThat(url).isEqualTo("https://github.com/o/r/releases/tag/v1.11.0");
    server.verify(2, postRequestedFor(urlPathEqualTo("/repos/o/r/releases"))
        .withRequestBody(matchingJsonPath("$.tag_name", com.github.tomakehurst.wiremock.client.WireMock.equalTo("v1.11.0")))
        .withRequestBody(matchingJsonPath("$.draft", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true")))
        .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing("### Bug fixes"))));
    server.verify(3, getRequestedFor(urlPathEqualTo("/repos/o/r/releases")));
    assertThat(reporter.warnings()).anyMatch(w -> w.contains("checking whether the draft was made"));
  }

  @Test
  void anExistingReleaseForTheTagIsLeftAlone() {
    server.stubFor(get(urlPathEqualTo("/repos/o/r/releases"))
        .willReturn(okJson("[" + releaseJson("v1.12.0", false) + "," + releaseJson("v1.11.0", true) + "]")));
    String url = drafts().draft("v1.11.0", "v1.11.0", "notes", false);
    assertThat(url).isEqualTo("https://github.com/o/r/releases/tag/v1.11.0");
    server.verify(0, postRequestedFor(urlPathEqualTo("/repos/o/r/releases")));
  }

  @Test
  void aRefusedTokenIsOneLineWithAHintAndNoRetry() {
    server.stubFor(get(urlPathEqualTo("/repos/o/r/releases")).willReturn(okJson("[]")));
    server.stubFor(post(urlPathEqualTo("/repos/o/r/releases")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com/rest/releases/releases#create-a-release\",\"status\":\"403\"}")));
    assertThatThrownBy(() -> drafts().draft("v1.11.0", "v1.11.0", "notes", false))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).isEqualTo(
              "GitHub API: create release v1.11.0 in o/r failed: HTTP 403 (Resource not accessible by integration)");
          assertThat(e.hint()).contains("contents: write");
        });
    server.verify(1, postRequestedFor(urlPathEqualTo("/repos/o/r/releases")));
  }

  @Test
  void aMalformedAnswerToTheCreateSaysSoAndNotJustHttp200() {
    server.stubFor(get(urlPathEqualTo("/repos/o/r/releases")).willReturn(okJson("[]")));
    server.stubFor(post(urlPathEqualTo("/repos/o/r/releases")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": 7, \"html_url\": ")));

    assertThatThrownBy(() -> drafts().draft("v1.11.0", "v1.11.0", "notes", false))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).startsWith(
              "GitHub API: create release v1.11.0 in o/r failed: the answer (HTTP 201) is not the JSON GitHub sends")
              .doesNotEndWith("HTTP 201");
          assertThat(e.hint()).contains("broken body");
        });
  }
}
