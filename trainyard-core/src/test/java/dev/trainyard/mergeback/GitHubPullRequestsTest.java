package dev.trainyard.mergeback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import dev.trainyard.report.Reporter;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubPullRequestsTest {
  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  private static final String PULLS = "/repos/acme/shop/commits/" + SHA + "/pulls";

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();
  private GitHubPullRequests prs;

  @BeforeEach
  void init() {
    RetryPolicy policy = RetryPolicy.defaults();
    GitHubRest rest = new GitHubRest(GitHubEndpoint.fromEnvironment(Map.of("GITHUB_API_URL", github.baseUrl())),
        new RetryingHttpClient("GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(),
            Reporter.silent(), () -> 0.0), new ObjectMapper());
    prs = new GitHubPullRequests(rest, RepositorySlug.parse("acme/shop", "test"));
  }

  private static String pull(int number, String headSha, String mergedAt) {
    return "{\"url\":\"https://api.github.com/repos/acme/shop/pulls/" + number + "\",\"number\":" + number
        + ",\"state\":\"closed\",\"title\":\"Release 1.2.0\",\"merged_at\":" + (mergedAt == null ? "null" : "\"" + mergedAt + "\"")
        + ",\"merge_commit_sha\":\"e5bd3914e2e596debea16f433f57875b5b90bcd6\",\"head\":{\"label\":\"acme:release/1.2\",\"ref\":\"release/1.2\",\"sha\":\""
        + headSha + "\"},\"base\":{\"label\":\"acme:main\",\"ref\":\"main\",\"sha\":\"aaaa\"}}";
  }

  @Test
  void mergedPullRequestWithTheTipAsHead() {
    github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson(
        "[" + pull(11, SHA, null) + "," + pull(12, SHA, "2026-02-02T10:00:00Z") + "]")));

    assertThat(prs.mergedWithHead(SHA)).contains("pull request #12");
  }

  @Test
  void aPullRequestWithAnotherHeadOrUnmergedDoesNotCount() {
    github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(okJson(
        "[" + pull(11, SHA, null) + "," + pull(13, "ffffffffffffffffffffffffffffffffffffffff", "2026-02-02T10:00:00Z") + "]")));

    assertThat(prs.mergedWithHead(SHA)).isEmpty();
  }

  @Test
  void aCommitGitHubNeverSawHasNoPullRequest() {
    github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"No commit found for SHA: " + SHA + "\",\"status\":\"422\"}")));

    assertThat(prs.mergedWithHead(SHA)).isEmpty();
  }

  @Test
  void connectionResetsAreRetriedThenReported() {
    github.stubFor(get(urlPathEqualTo(PULLS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> prs.mergedWithHead(SHA)).isInstanceOfSatisfying(TrainyardException.class, e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
      assertThat(e.getMessage()).endsWith("after 4 attempts");
    });
    // The JDK client may resend an idempotent GET once on a reset connection by itself.
    assertThat(time.sleeps()).hasSize(RetryPolicy.defaults().maxAttempts() - 1);
  }
}
