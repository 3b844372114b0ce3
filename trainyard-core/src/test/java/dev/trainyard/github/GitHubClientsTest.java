package dev.trainyard.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;

class GitHubClientsTest {
  private static final String TOKEN = "ghs_installationTokenValue";
  private static final String REPO_JSON =
      "{\"id\":1296269,\"node_id\":\"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\",\"name\":\"r\",\"full_name\":\"o/r\","
          + "\"private\":false,\"owner\":{\"login\":\"o\",\"id\":1,\"type\":\"Organization\"},"
          + "\"html_url\":\"https://github.com/o/r\",\"default_branch\":\"main\"}";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();
  private final RecordingReporter reporter = new RecordingReporter();

  private GitHubClients clients(RetryPolicy policy) {
    GitHubEndpoint endpoint =
        GitHubEndpoint.fromEnvironment(Map.of("GITHUB_API_URL", server.baseUrl(), "GITHUB_TOKEN", TOKEN));
    return new GitHubClients(
        endpoint,
        new RetryingHttpClient(
            "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), reporter, () -> 0.0));
  }

  private GitHubClients clients() {
    return clients(RetryPolicy.defaults());
  }

  @Test
  void githubApiCallsGoThroughTheRetryingClient() throws Exception {
    server.stubFor(
        get(urlPathEqualTo("/repos/o/r"))
            .inScenario("repo")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    server.stubFor(
        get(urlPathEqualTo("/repos/o/r")).inScenario("repo").whenScenarioStateIs("up").willReturn(okJson(REPO_JSON)));

    GHRepository repository = clients().gitHub().getRepository("o/r");

    assertThat(repository.getFullName()).isEqualTo("o/r");
    assertThat(repository.getDefaultBranch()).isEqualTo("main");
    server.verify(
        2, getRequestedFor(urlPathEqualTo("/repos/o/r")).withHeader("Authorization", equalTo("token " + TOKEN)));
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void githubApiSurfacesExhaustedRetriesAsTheOneLineRemoteError() {
    server.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> clients(RetryPolicy.defaults().withMaxAttempts(2)).gitHub().getRepository("o/r"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REMOTE))
        .hasMessageStartingWith("GitHub API GET /repos/o/r failed: ")
        .hasMessageEndingWith("after 2 attempts");
  }

  @Test
  void githubApiStillMapsA404ToItsOwnNotFoundException() {
    server.stubFor(
        get(urlPathEqualTo("/repos/o/missing"))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));

    assertThatThrownBy(() -> clients().gitHub().getRepository("o/missing")).isInstanceOf(GHFileNotFoundException.class);
    server.verify(1, getRequestedFor(urlPathEqualTo("/repos/o/missing")));
  }

  @Test
  void restFollowsLinkHeadersAcrossPages() {
    String page2 = server.baseUrl() + "/repositories/1296269/tags?per_page=2&page=2";
    server.stubFor(
        get(urlPathEqualTo("/repos/o/r/tags"))
            .willReturn(
                okJson("[{\"name\":\"v1.2.0\"},{\"name\":\"v1.1.0\"}]")
                    .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")));
    server.stubFor(get(urlPathEqualTo("/repositories/1296269/tags")).willReturn(okJson("[{\"name\":\"v1.0.0\"}]")));

    List<JsonNode> tags = clients().rest().getAllPages("/repos/o/r/tags?per_page=2", null);

    assertThat(tags).extracting(t -> t.path("name").asText()).containsExactly("v1.2.0", "v1.1.0", "v1.0.0");
  }

  @Test
  void restSendsIfNoneMatchAndReportsNotModified() {
    server.stubFor(
        get(urlPathEqualTo("/repos/o/r/commits/abc/status"))
            .withHeader("If-None-Match", absent())
            .willReturn(okJson("{\"state\":\"pending\",\"statuses\":[]}").withHeader("ETag", "W/\"e1\"")));
    server.stubFor(
        get(urlPathEqualTo("/repos/o/r/commits/abc/status"))
            .withHeader("If-None-Match", equalTo("W/\"e1\""))
            .willReturn(aResponse().withStatus(304).withHeader("ETag", "W/\"e1\"")));
    GitHubRest rest = clients().rest();

    RestResponse first = rest.get("/repos/o/r/commits/abc/status");
    RestResponse second = rest.get("/repos/o/r/commits/abc/status", first.etag());

    assertThat(first.etag()).isEqualTo("W/\"e1\"");
    assertThat(first.json().path("state").asText()).isEqualTo("pending");
    assertThat(second.notModified()).isTrue();
    assertThat(second.json().isMissingNode()).isTrue();
  }

  @Test
  void malformedJsonIsOneClearLine() {
    server.stubFor(
        get(urlPathEqualTo("/repos/o/r/commits/abc/check-runs"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"total_count\": 3, \"check_runs\": [")));

    assertThatThrownBy(() -> clients().rest().get("/repos/o/r/commits/abc/check-runs?per_page=100"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REMOTE))
        .hasMessageStartingWith("GitHub API GET /repos/o/r/commits/abc/check-runs returned malformed JSON (HTTP 200): ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(TOKEN));
  }

  @Test
  void failureLinesTellBadTokenFromMissingPermissionFromNotFound() {
    server.stubFor(
        get(urlPathEqualTo("/a"))
            .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"x\"}")));
    server.stubFor(
        get(urlPathEqualTo("/b"))
            .willReturn(aResponse().withStatus(403).withBody("{\"message\":\"Resource not accessible by integration\"}")));
    server.stubFor(get(urlPathEqualTo("/c")).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
    GitHubRest rest = clients().rest();

    assertThat(rest.failure(rest.get("/a")))
        .hasMessage("GitHub API GET /a failed: HTTP 401 Bad credentials (the token is invalid or expired)");
    assertThat(rest.failure(rest.get("/b")))
        .hasMessage("GitHub API GET /b failed: HTTP 403 Resource not accessible by integration (the token lacks permission)");
    assertThat(rest.failure(rest.get("/c")))
        .hasMessage("GitHub API GET /c failed: HTTP 404 Not Found (unknown, or not visible to this token)");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void restRefusesToSendTheTokenToAnotherHost() {
    server.stubFor(
        get(urlPathEqualTo("/repos/o/r/tags"))
            .willReturn(okJson("[]").withHeader("Link", "<https://evil.example/steal?page=2>; rel=\"next\"")));

    assertThatThrownBy(() -> clients().rest().getAllPages("/repos/o/r/tags", null))
        .hasMessageContaining("refusing to send the token there");
  }
}
