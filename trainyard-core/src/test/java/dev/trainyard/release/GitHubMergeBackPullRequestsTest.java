package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
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
import dev.trainyard.github.GitHubBodies;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The merge-back pull request against WireMock serving GitHub-shaped answers, through the shared retrying client. */
class GitHubMergeBackPullRequestsTest {
  private static final String PULLS = "/repos/mozilla/fxa/pulls";
  private static final String SHA = "4f3e2d1c0b9a89786756453423120f0e1d2c3b4a";
  private static final String NOTES = "## 1.11.0\n\n### New features\n\n- auth: passkeys (abc1234)\n";

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final FakeTime time = new FakeTime();
  final RecordingReporter reporter = new RecordingReporter();

  MergeBackPullRequests pullRequests() {
    GitHubEndpoint endpoint = GitHubEndpoint.fromEnvironment(
        Map.of("GITHUB_API_URL", github.baseUrl(), "GITHUB_TOKEN", "ghs_test", "GITHUB_REPOSITORY", "mozilla/fxa"));
    RetryPolicy policy = RetryPolicy.defaults();
    GitHubClients clients = new GitHubClients(endpoint, new RetryingHttpClient(
        "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), reporter, () -> 0.0));
    return GitHubMergeBackPullRequests.of(clients, reporter);
  }

  static String pr(long number, String state, String body, String mergedAt) {
    return GitHubBodies.pullRequest("mozilla", "fxa", number, state, "train-11", SHA, "main", body, mergedAt).toString();
  }

  void lists(String state, String json) {
    github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo(state))
        .withQueryParam("head", equalTo("mozilla:train-11")).withQueryParam("base", equalTo("main"))
        .willReturn(okJson(json)));
  }

  @Test
  void createdOnceThenReusedOnReRun() {
    lists("open", "[]");
    lists("closed", "[]");
    String created = pr(4242, "open", "Merges ...\n\n" + GitHubMergeBackPullRequests.marker("v1.11.0") + "\n" + NOTES, null);
    github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(created)));

    Optional<MergeBackPullRequest> first = pullRequests().openOrReuse("train-11", "main", "v1.11.0", NOTES);

    assertThat(first).hasValueSatisfying(pr -> {
      assertThat(pr.number()).isEqualTo(4242);
      assertThat(pr.url()).isEqualTo("https://github.com/mozilla/fxa/pull/4242");
      assertThat(pr.created()).isTrue();
      assertThat(pr.merged()).isFalse();
    });
    github.verify(1, postRequestedFor(urlPathEqualTo(PULLS))
        .withHeader("Authorization", equalTo("Bearer ghs_test"))
        .withRequestBody(matchingJsonPath("$.head", equalTo("train-11")))
        .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Merge train-11 into main (v1.11.0)")))
        .withRequestBody(matchingJsonPath("$.body", containing("<!-- trainyard:release v1.11.0 -->\n## 1.11.0")))
        .withRequestBody(matchingJsonPath("$.body", containing("- auth: passkeys (abc1234)"))));

    lists("open", "[" + created + "]");
    Optional<MergeBackPullRequest> again = pullRequests().openOrReuse("train-11", "main", "v1.11.0", NOTES);

    assertThat(again).hasValueSatisfying(pr -> {
      assertThat(pr.number()).isEqualTo(4242);
      assertThat(pr.created()).isFalse();
    });
    github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
    github.verify(0, patchRequestedFor(urlPathEqualTo(PULLS + "/4242")));
    assertThat(reporter.infos()).anyMatch(line -> line.contains("#4242 is open already; reused"));
  }

  @Test
  void aPatchReleaseOnTheSameTrainAddsItsSectionToTheOpenPullRequest() {
    String body = "Merges the release branch `train-11` back into `main`.\n\n"
        + GitHubMergeBackPullRequests.marker("v1.11.0") + "\n" + NOTES;
    lists("open", "[" + pr(4242, "open", body, null) + "]");
    github.stubFor(patch(urlPathEqualTo(PULLS + "/4242")).willReturn(okJson(pr(4242, "open", body + "more", null))));

    Optional<MergeBackPullRequest> reused = pullRequests().openOrReuse("train-11", "main", "v1.11.1", "## 1.11.1\n\nfix\n");

    assertThat(reused).hasValueSatisfying(pr -> assertThat(pr.created()).isFalse());
    github.verify(1, patchRequestedFor(urlPathEqualTo(PULLS + "/4242"))
        .withRequestBody(matchingJsonPath("$.body", containing("<!-- trainyard:release v1.11.0 -->")))
        .withRequestBody(matchingJsonPath("$.body", containing("<!-- trainyard:release v1.11.1 -->\n## 1.11.1"))));
    github.verify(0, postRequestedFor(urlPathEqualTo(PULLS)));
  }

  @Test
  void aReRunAfterTheMergeFindsTheMergedPullRequestAndOpensNoOther() {
    lists("open", "[]");
    lists("closed", "[" + pr(4100, "closed", "old train", null) + ","
        + pr(4242, "closed", GitHubMergeBackPullRequests.marker("v1.11.0") + "\n" + NOTES, "2026-11-22T09:00:00Z") + "]");

    Optional<MergeBackPullRequest> merged = pullRequests().openOrReuse("train-11", "main", "v1.11.0", NOTES);

    assertThat(merged).hasValueSatisfying(pr -> {
      assertThat(pr.number()).isEqualTo(4242);
      assertThat(pr.merged()).isTrue();
      assertThat(pr.created()).isFalse();
    });
    github.verify(0, postRequestedFor(urlPathEqualTo(PULLS)));
  }

  @Test
  void nothingToMergeIsNoPullRequestAndNoError() {
    lists("open", "[]");
    lists("closed", "[]");
    github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody(GitHubBodies.validationFailed("No commits between main and train-11"))));

    assertThat(pullRequests().openOrReuse("train-11", "main", "v1.11.0", NOTES)).isEmpty();
    assertThat(reporter.infos()).anyMatch(line -> line.contains("train-11 has no commits that main lacks"));
  }

  @Test
  void aServerErrorOnCreateLooksAgainAndDoesNotOpenASecondPullRequest() {
    lists("closed", "[]");
    String created = pr(4242, "open", GitHubMergeBackPullRequests.marker("v1.11.0") + "\n" + NOTES, null);
    github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("open")).inScenario("create")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("[]")));
    // GitHub opened the pull request, then the answer was lost in a 502.
    github.stubFor(post(urlPathEqualTo(PULLS)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}")).willSetStateTo("made"));
    github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("open")).inScenario("create")
        .whenScenarioStateIs("made").willReturn(okJson("[" + created + "]")));

    Optional<MergeBackPullRequest> result = pullRequests().openOrReuse("train-11", "main", "v1.11.0", NOTES);

    assertThat(result).hasValueSatisfying(pr -> {
      assertThat(pr.number()).isEqualTo(4242);
      assertThat(pr.created()).isTrue();
    });
    github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
    assertThat(reporter.warnings()).anyMatch(w -> w.contains("HTTP 502")
        && w.contains("checking whether the pull request was opened"));
  }

  @Test
  void aRateLimitedListIsRetriedAfterRetryAfterAndTheDefaultBranchComesFromTheRepository() {
    github.stubFor(get(urlPathEqualTo("/repos/mozilla/fxa")).willReturn(okJson(GitHubBodies.repository("mozilla", "fxa", "main"))));
    github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("open")).inScenario("limit")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
            .withBody(GitHubBodies.error(429, "API rate limit exceeded", "overview/rate-limits-for-the-rest-api")))
        .willSetStateTo("ok"));
    github.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("open")).inScenario("limit")
        .whenScenarioStateIs("ok").willReturn(okJson("[" + pr(4242, "open", "hand-written", null) + "]")));
    github.stubFor(patch(urlPathEqualTo(PULLS + "/4242")).willReturn(okJson(pr(4242, "open", "x", null))));

    Optional<MergeBackPullRequest> result = pullRequests().openOrReuse("train-11", null, "v1.11.0", NOTES);

    assertThat(result).hasValueSatisfying(pr -> assertThat(pr.base()).isEqualTo("main"));
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    github.verify(2, getRequestedFor(urlPathEqualTo(PULLS)));
    github.verify(patchRequestedFor(urlPathEqualTo(PULLS + "/4242"))
        .withRequestBody(matchingJsonPath("$.body", containing("hand-written\n\n<!-- trainyard:release v1.11.0 -->"))));
  }

  @Test
  void aTokenThatMayNotOpenPullRequestsIsOneLineWithAHint() {
    lists("open", "[]");
    lists("closed", "[]");
    github.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody(GitHubBodies.error(403, "GitHub Actions is not permitted to create or approve pull requests.",
            "pulls/pulls#create-a-pull-request"))));

    assertThatThrownBy(() -> pullRequests().openOrReuse("train-11", "main", "v1.11.0", NOTES))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).isEqualTo("GitHub API POST /repos/mozilla/fxa/pulls failed: HTTP 403 GitHub Actions"
              + " is not permitted to create or approve pull requests. (the token may not open pull requests)");
          assertThat(e.hint()).contains("Pull requests: write").contains("Allow GitHub Actions to create");
        });
    github.verify(1, postRequestedFor(urlPathEqualTo(PULLS)));
  }

  @Test
  void theReleaseBranchIsNeverTheBaseBranch() {
    assertThatThrownBy(() -> pullRequests().openOrReuse("main", "main", "v1.11.0", NOTES))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT));
  }
}
