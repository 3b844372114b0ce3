package dev.trainyard.mergeback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import dev.trainyard.report.Reporter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracking issue against WireMock serving GitHub-shaped issue, search and error bodies. */
class TrackingIssueTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUES = "/repos/acme/shop/issues";
  private static final Instant NOW = Instant.parse("2026-03-01T06:00:00Z");

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();
  private TrackingIssue tracking;

  @BeforeEach
  void init() {
    RetryPolicy policy = RetryPolicy.defaults();
    GitHubEndpoint endpoint = GitHubEndpoint.fromEnvironment(
        Map.of("GITHUB_API_URL", github.baseUrl(), "GITHUB_TOKEN", "ghs_test"));
    GitHubRest rest = new GitHubRest(endpoint, new RetryingHttpClient("GitHub API",
        RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), Reporter.silent(), () -> 0.0),
        JSON);
    tracking = new TrackingIssue(rest, RepositorySlug.parse("acme/shop", "test"), "merge-back", Reporter.silent());
    github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson("{\"total_count\":0,\"incomplete_results\":false,\"items\":[]}")));
  }

  private static MergeBackReport staleReport(String... refs) {
    List<RefResult> results = java.util.Arrays.stream(refs).map(ref -> new RefResult("refs/heads/" + ref,
        RefKind.BRANCH, "1111111111111111111111111111111111111111", RefStatus.UNMERGED, null,
        List.of("2222222222222222222222222222222222222222"), Instant.parse("2026-02-01T10:00:00Z"),
        List.of("Jane Doe <jane@example.com>"), "none found", true)).toList();
    return new MergeBackReport("refs/heads/main", "3333333333333333333333333333333333333333", NOW,
        Duration.ofDays(7), results, 0, null);
  }

  private static MergeBackReport clearReport() {
    return new MergeBackReport("refs/heads/main", "3333333333333333333333333333333333333333", NOW,
        Duration.ofDays(7), List.of(), 0, null);
  }

  private static ObjectNode issue(long number, String state, String title, String body) {
    ObjectNode issue = JSON.createObjectNode();
    issue.put("url", "https://api.github.com/repos/acme/shop/issues/" + number);
    issue.put("html_url", "https://github.com/acme/shop/issues/" + number);
    issue.put("id", 1000 + number);
    issue.put("number", number);
    issue.put("title", title);
    issue.put("state", state);
    issue.put("locked", false);
    issue.putObject("user").put("login", "github-actions[bot]").put("type", "Bot");
    issue.putArray("labels").addObject().put("name", "merge-back").put("color", "ededed");
    issue.put("comments", 0);
    issue.put("created_at", "2026-02-09T06:00:00Z");
    issue.put("updated_at", "2026-02-20T06:00:00Z");
    issue.put("body", body);
    return issue;
  }

  private static void listing(ObjectNode... issues) {
    ArrayNode array = JSON.createArrayNode();
    for (ObjectNode i : issues) {
      array.add(i);
    }
    github.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("labels", equalTo("merge-back"))
        .willReturn(okJson(array.toString())));
  }

  @Test
  void opensOneIssueWhenSomethingIsStaleAndNoneExists() {
    listing();
    github.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(issue(42, "open", "t", "b").toString())));

    TrackingIssue.Result result = tracking.sync(staleReport("train-7"));

    assertThat(result.outcome()).isEqualTo(TrackingIssue.Outcome.CREATED);
    assertThat(result.number()).isEqualTo(42);
    github.verify(1, postRequestedFor(urlPathEqualTo(ISSUES))
        .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("merge-back")))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Merge-back: 1 release ref not merged into main")))
        .withRequestBody(matchingJsonPath("$.body", containing(MergeBackMarkdown.MARKER)))
        .withRequestBody(matchingJsonPath("$.body", containing("| `train-7` | unmerged | 2026-02-01 |"))));
  }

  @Test
  void anAnswerWithoutAnIssueNumberIsARemoteErrorNotIssueZero() {
    listing();
    for (String body : List.of("[1,2,3]", "{\"id\": 5}", "{\"number\": \"42\"}", "{\"number\": -1}")) {
      github.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(201)
          .withHeader("Content-Type", "application/json").withBody(body)));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracking.sync(staleReport("train-7")))
          .as(body)
          .isInstanceOfSatisfying(dev.trainyard.TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(dev.trainyard.FailureKind.REMOTE);
            assertThat(e.getMessage()).startsWith("GitHub API POST /repos/acme/shop/issues answered HTTP 201 without an issue number")
                .doesNotContain("#0");
            assertThat(e.hint()).contains("does not open a second one");
          });
    }
  }

  @Test
  void aListingThatIsNotAListIsRefusedRatherThanOpeningADuplicate() {
    github.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("labels", equalTo("merge-back"))
        .willReturn(okJson("{\"message\": \"not a list\"}")));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracking.sync(staleReport("train-7")))
        .hasMessage("GitHub API GET /repos/acme/shop/issues answered HTTP 200 with an object instead of a list");
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void sameVerdictAgainSendsNoWriteAtAll() {
    MergeBackReport report = staleReport("train-7");
    listing(issue(42, "open", MergeBackMarkdown.issueTitle(report), MergeBackMarkdown.issueBody(report)));

    TrackingIssue.Result result = tracking.sync(report);

    assertThat(result.outcome()).isEqualTo(TrackingIssue.Outcome.UNCHANGED);
    github.verify(0, postRequestedFor(anyUrl()));
    github.verify(0, patchRequestedFor(anyUrl()));
  }

  @Test
  void changedVerdictEditsTheSameIssueInPlace() {
    MergeBackReport before = staleReport("train-7");
    listing(issue(42, "open", MergeBackMarkdown.issueTitle(before), MergeBackMarkdown.issueBody(before)));
    github.stubFor(patch(urlPathEqualTo(ISSUES + "/42")).willReturn(okJson(issue(42, "open", "t", "b").toString())));

    TrackingIssue.Result result = tracking.sync(staleReport("train-7", "train-8"));

    assertThat(result.outcome()).isEqualTo(TrackingIssue.Outcome.UPDATED);
    github.verify(1, patchRequestedFor(urlPathEqualTo(ISSUES + "/42"))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Merge-back: 2 release refs not merged into main")))
        .withRequestBody(matchingJsonPath("$.body", containing("train-8"))));
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void allClearClosesTheIssue() {
    listing(issue(42, "open", "Merge-back: 1 release ref not merged into main", MergeBackMarkdown.MARKER + "\nold"));
    github.stubFor(patch(urlPathEqualTo(ISSUES + "/42")).willReturn(okJson(issue(42, "closed", "t", "b").toString())));

    TrackingIssue.Result result = tracking.sync(clearReport());

    assertThat(result.outcome()).isEqualTo(TrackingIssue.Outcome.CLOSED);
    github.verify(1, patchRequestedFor(urlPathEqualTo(ISSUES + "/42"))
        .withRequestBody(matchingJsonPath("$.state", equalTo("closed")))
        .withRequestBody(matchingJsonPath("$.body", containing("All release refs are merged back"))));
  }

  @Test
  void allClearWithNoOpenIssueDoesNothing() {
    listing(issue(42, "closed", "x", MergeBackMarkdown.MARKER + "\nAll release refs are merged back"));

    assertThat(tracking.sync(clearReport()).outcome()).isEqualTo(TrackingIssue.Outcome.NOTHING_TO_DO);
    github.verify(0, patchRequestedFor(anyUrl()));
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void staleAgainReopensTheClosedIssueInsteadOfOpeningASecond() {
    listing(issue(42, "closed", "x", MergeBackMarkdown.MARKER + "\nAll release refs are merged back"));
    github.stubFor(patch(urlPathEqualTo(ISSUES + "/42")).willReturn(okJson(issue(42, "open", "t", "b").toString())));

    TrackingIssue.Result result = tracking.sync(staleReport("train-9"));

    assertThat(result.outcome()).isEqualTo(TrackingIssue.Outcome.REOPENED);
    github.verify(1, patchRequestedFor(urlPathEqualTo(ISSUES + "/42"))
        .withRequestBody(matchingJsonPath("$.state", equalTo("open"))));
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void issueWhoseLabelWasRemovedIsFoundByItsMarker() {
    listing();
    ObjectNode found = issue(42, "open", "old title", MergeBackMarkdown.MARKER + "\nold body");
    github.stubFor(get(urlPathEqualTo("/search/issues"))
        .withQueryParam("q", containing("repo:acme/shop"))
        .willReturn(okJson("{\"total_count\":1,\"incomplete_results\":false,\"items\":[" + found + "]}")));
    github.stubFor(patch(urlPathEqualTo(ISSUES + "/42")).willReturn(okJson(found.toString())));

    assertThat(tracking.sync(staleReport("train-7")).outcome()).isEqualTo(TrackingIssue.Outcome.UPDATED);
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void pullRequestsAndIssuesWithoutTheMarkerAreNotOurs() {
    ObjectNode pr = issue(40, "open", "a PR quoting the marker", MergeBackMarkdown.MARKER);
    pr.putObject("pull_request").put("url", "https://api.github.com/repos/acme/shop/pulls/40");
    listing(pr, issue(41, "open", "someone else's merge-back issue", "please merge train-7"));
    github.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(issue(43, "open", "t", "b").toString())));

    assertThat(tracking.sync(staleReport("train-7")).number()).isEqualTo(43);
  }

  @Test
  void listingIsRetriedAfterA502() {
    github.stubFor(get(urlPathEqualTo(ISSUES)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")).willSetStateTo("up"));
    MergeBackReport report = staleReport("train-7");
    github.stubFor(get(urlPathEqualTo(ISSUES)).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(okJson("[" + issue(42, "open", MergeBackMarkdown.issueTitle(report),
            MergeBackMarkdown.issueBody(report)) + "]")));

    assertThat(tracking.sync(report).outcome()).isEqualTo(TrackingIssue.Outcome.UNCHANGED);
    github.verify(2, getRequestedFor(urlPathEqualTo(ISSUES)));
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void editHonoursRetryAfterOn429() {
    listing(issue(42, "open", "old", MergeBackMarkdown.MARKER + "\nold"));
    github.stubFor(patch(urlPathEqualTo(ISSUES + "/42")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")
            .withBody("{\"message\":\"You have exceeded a secondary rate limit\"}")).willSetStateTo("ok"));
    github.stubFor(patch(urlPathEqualTo(ISSUES + "/42")).inScenario("limited").whenScenarioStateIs("ok")
        .willReturn(okJson(issue(42, "open", "t", "b").toString())));

    assertThat(tracking.sync(staleReport("train-7")).outcome()).isEqualTo(TrackingIssue.Outcome.UPDATED);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(17));
    github.verify(2, patchRequestedFor(urlPathEqualTo(ISSUES + "/42")));
  }

  @Test
  void creationIsNeverRepeatedAfterAServerError() {
    listing();
    github.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(500)
        .withBody("{\"message\":\"Server Error\"}")));

    assertThatThrownBy(() -> tracking.sync(staleReport("train-7")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).contains("POST").contains(ISSUES);
        });
    github.verify(1, postRequestedFor(urlPathEqualTo(ISSUES)));
  }

  @Test
  void malformedListingIsARemoteError() {
    github.stubFor(get(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("[{\"number\": 4")));

    assertThatThrownBy(() -> tracking.sync(staleReport("train-7")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).contains("malformed JSON");
        });
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void missingPermissionIsExplained() {
    listing();
    github.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com/rest/issues/issues#create-an-issue\",\"status\":\"403\"}")));

    assertThatThrownBy(() -> tracking.sync(staleReport("train-7")))
        .isInstanceOfSatisfying(TrainyardException.class,
            e -> assertThat(e.getMessage()).contains("Resource not accessible by integration"));
    github.verify(1, postRequestedFor(urlPathEqualTo(ISSUES))
        .withRequestBody(equalToJson("{\"labels\":[\"merge-back\"]}", true, true)));
  }
}
