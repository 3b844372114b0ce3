package dev.trainyard.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.trainyard.ci.GitHubChecksStub.SHA;
import static dev.trainyard.ci.GitHubChecksStub.actionsJob;
import static dev.trainyard.ci.GitHubChecksStub.api;
import static dev.trainyard.ci.GitHubChecksStub.checkRun;
import static dev.trainyard.ci.GitHubChecksStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CiVerifierTest {
  private static final RepositorySlug REPOSITORY = new RepositorySlug(GitHubChecksStub.OWNER, GitHubChecksStub.REPO);
  private static final String TOKEN = "ghs_verifyCiTestToken";
  private static final long RUN = 7_001_234_567L;

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();
  private final RecordingReporter reporter = new RecordingReporter();
  private GitHubChecksStub github;

  @BeforeEach
  void setUp() {
    github = new GitHubChecksStub(server).tag("v1.2.0", SHA).repositoryExists();
  }

  private CiVerifier verifier(RetryPolicy policy, String token) {
    GitHubEndpoint endpoint = GitHubEndpoint.defaults().withApiUrl(server.baseUrl()).withToken(token);
    RetryingHttpClient http =
        new RetryingHttpClient(
            "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), reporter, () -> 0.5);
    return new CiVerifier(new GitHubRest(endpoint, http, new ObjectMapper()), reporter, time, time.clock());
  }

  private CiVerifier verifier() {
    return verifier(RetryPolicy.defaults(), TOKEN);
  }

  private static CiRequest look(String ref) {
    return new CiRequest(REPOSITORY, ref, Duration.ZERO, null, 0, CiPolicy.defaults(), null);
  }

  private static CiRequest waitFor(Duration wait, Duration interval) {
    return new CiRequest(REPOSITORY, "v1.2.0", wait, interval, 0, CiPolicy.defaults(), null);
  }

  private static List<ObjectNode> passingJobs(int count) {
    List<ObjectNode> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runs.add(actionsJob(50_000 + i, RUN, "test (shard " + i + ")", "completed", i % 10 == 0 ? "skipped" : "success"));
    }
    return runs;
  }

  private static List<ObjectNode> passingStatuses(int count) {
    List<ObjectNode> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(status(900 + i, "ci/circleci: job-" + i, "success"));
    }
    return list;
  }

  // ---- reading everything, cheaply ----------------------------------------------------------

  @Test
  void readsAllPagesOf250CheckRunsAnd30StatusesInAtMostFiveRequests() {
    github.checkRuns(passingJobs(250)).statuses(passingStatuses(30)).publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.sha()).isEqualTo(SHA);
    assertThat(result.checks()).hasSize(280);
    assertThat(result.checks().stream().filter(c -> c.kind() == CheckKind.CHECK_RUN)).hasSize(250);
    assertThat(github.requests()).hasSizeLessThanOrEqualTo(5);
    assertThat(result.requests()).isEqualTo(github.requests().size());
  }

  @Test
  void aFailureOnTheLastPageIsNotMissed() {
    List<ObjectNode> runs = passingJobs(230);
    runs.add(actionsJob(99_999, RUN, "integration (postgres)", "completed", "failure"));
    github.checkRuns(runs).publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.reasons()).containsExactly("failed: integration (postgres) (failure)");
  }

  @Test
  void aFullShaNeedsNoResolvingRequest() {
    github.checkRuns(passingJobs(3)).publish();

    CiResult result = verifier().verify(look(SHA));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(github.requests()).hasSize(2);
  }

  // ---- which attempt and which kind counts --------------------------------------------------

  @Test
  void aReRunGreenReplacesTheOldFailedAttemptOfTheSameName() {
    github.checkRuns(List.of(
            actionsJob(100, RUN, "build", "completed", "failure"),
            actionsJob(180, RUN, "build", "completed", "success"),
            actionsJob(120, RUN, "lint", "completed", "success")))
        .publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.checks()).extracting(CiCheck::name).containsExactly("build", "lint");
    assertThat(result.checks().get(0).id()).isEqualTo(180);
  }

  @Test
  void aReRunThatFailedReplacesTheOldGreenAttempt() {
    github.checkRuns(List.of(
            actionsJob(100, RUN, "build", "completed", "success"),
            actionsJob(180, RUN, "build", "completed", "failure")))
        .publish();

    assertThat(verifier().verify(look("v1.2.0")).state()).isEqualTo(CiState.FAILURE);
  }

  @Test
  void theSameNameFromTwoAppsIsTwoChecks() {
    github.checkRuns(List.of(
            actionsJob(100, RUN, "build", "completed", "success"),
            checkRun(101, "build", "completed", "failure", 777, "buildkite")))
        .publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.checks()).hasSize(2);
  }

  @Test
  void statusesOnlyCount() {
    github.checkRuns(List.of()).statuses(List.of(status(1, "ci/circleci: test", "success"), status(2, "ci/circleci: lint", "success"))).publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.checks()).extracting(CiCheck::kind).containsOnly(CheckKind.STATUS);
  }

  @Test
  void aFailedStatusIsRedEvenWhenEveryCheckRunIsGreen() {
    github.checkRuns(passingJobs(4)).statuses(List.of(status(1, "ci/circleci: test", "failure"))).publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.reasons()).containsExactly("failed: ci/circleci: test (failure)");
  }

  @Test
  void checksOnlyAreGreenAlthoughTheCombinedStatusSaysPending() {
    github.checkRuns(passingJobs(5)).statuses(List.of()).publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
  }

  @Test
  void neitherChecksNorStatusesIsNotGreen() {
    github.checkRuns(List.of()).statuses(List.of()).publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.PENDING);
    assertThat(result.reasons()).containsExactly("no checks reported for 6dcb09b yet; an empty set is not green");
  }

  @Test
  void whileWaitingNothingAppearingWithinTheGracePeriodIsAFailure() {
    github.checkRuns(List.of()).statuses(List.of()).publish();
    CiPolicy policy = new CiPolicy(List.of(), List.of(), CiPolicy.DEFAULT_PASSING, Duration.ofMinutes(3));

    CiResult result =
        verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", Duration.ofMinutes(30), Duration.ofSeconds(30), 0, policy, null));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.reasons()).singleElement().asString().contains("within the discovery grace of 3m");
    assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(3)).isLessThan(Duration.ofMinutes(5));
  }

  @Test
  void checksThatAppearDuringTheGracePeriodAreWaitedFor() {
    github.checkRuns(List.of()).statuses(List.of()).publish();
    time.at(Duration.ofSeconds(70), () -> github.checkRuns(List.of(actionsJob(5, RUN, "build", "in_progress", null))).publish());
    time.at(Duration.ofMinutes(6), () -> github.checkRuns(List.of(actionsJob(5, RUN, "build", "completed", "success"))).publish());

    CiResult result = verifier().verify(waitFor(Duration.ofMinutes(20), Duration.ofSeconds(30)));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
  }

  @Test
  void mixedPendingIsPendingWithoutWait() {
    github.checkRuns(List.of(
            actionsJob(1, RUN, "build", "completed", "success"),
            actionsJob(2, RUN, "e2e", "in_progress", null),
            actionsJob(3, RUN, "deploy-preview", "queued", null)))
        .statuses(List.of(status(9, "ci/circleci: test", "pending")))
        .publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.PENDING);
    assertThat(result.reasons()).containsExactly("3 pending: deploy-preview (queued), e2e (in_progress), ci/circleci: test (pending)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"success", "neutral", "skipped"})
  void passingConclusionsByDefault(String conclusion) {
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"), actionsJob(2, RUN, "optional", "completed", conclusion))).publish();

    assertThat(verifier().verify(look("v1.2.0")).state()).isEqualTo(CiState.SUCCESS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"failure", "cancelled", "timed_out", "action_required", "stale", "startup_failure"})
  void everyOtherConclusionFails(String conclusion) {
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"), actionsJob(2, RUN, "e2e", "completed", conclusion))).publish();

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.reasons()).containsExactly("failed: e2e (" + conclusion + ")");
  }

  @Test
  void neutralCanBeMadeToFailByPolicy() {
    github.checkRuns(List.of(actionsJob(2, RUN, "codeql", "completed", "neutral"))).publish();
    CiPolicy strict = new CiPolicy(List.of(), List.of(), Set.of("success"), Duration.ZERO);

    CiResult result = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", null, null, 0, strict, null));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
  }

  @Test
  void requiredAndIgnoredPatterns() {
    github.checkRuns(List.of(
            actionsJob(1, RUN, "build (ubuntu-latest, 17)", "completed", "success"),
            actionsJob(2, RUN, "build (windows-latest, 17)", "completed", "success"),
            actionsJob(3, RUN, "docs preview", "completed", "failure"),
            actionsJob(4, RUN, "flaky-e2e", "completed", "failure")))
        .publish();
    CiPolicy onlyBuilds = new CiPolicy(List.of("build (*)"), List.of(), CiPolicy.DEFAULT_PASSING, Duration.ZERO);
    CiPolicy ignoring = new CiPolicy(List.of(), List.of("docs *", "flaky-?2e"), CiPolicy.DEFAULT_PASSING, Duration.ZERO);
    CiPolicy missing = new CiPolicy(List.of("build*", "release-gate"), List.of(), CiPolicy.DEFAULT_PASSING, Duration.ZERO);

    CiResult required = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", null, null, 0, onlyBuilds, null));
    CiResult ignored = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", null, null, 0, ignoring, null));
    CiResult notReported = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", null, null, 0, missing, null));

    assertThat(required.state()).isEqualTo(CiState.SUCCESS);
    assertThat(required.checks()).filteredOn(c -> c.outcome() == CheckOutcome.NOT_REQUIRED).hasSize(2);
    assertThat(ignored.state()).isEqualTo(CiState.SUCCESS);
    assertThat(ignored.checks()).filteredOn(c -> c.outcome() == CheckOutcome.IGNORED).hasSize(2);
    assertThat(notReported.state()).isEqualTo(CiState.PENDING);
    assertThat(notReported.reasons()).containsExactly("required but not reported: release-gate");
  }

  // ---- the calling job ----------------------------------------------------------------------

  private static final String JOBS_JSON =
      "{\"total_count\":2,\"jobs\":["
          + "{\"id\":301,\"run_id\":" + RUN + ",\"run_attempt\":1,\"status\":\"completed\",\"conclusion\":\"success\","
          + "\"name\":\"build\",\"check_run_url\":\"https://api.github.com/repos/octo-org/octo-repo/check-runs/301\","
          + "\"runner_name\":\"GitHub Actions 7\"},"
          + "{\"id\":302,\"run_id\":" + RUN + ",\"run_attempt\":1,\"status\":\"in_progress\",\"conclusion\":null,"
          + "\"name\":\"Verify CI before deploy\",\"check_run_url\":\"https://api.github.com/repos/octo-org/octo-repo/check-runs/302\","
          + "\"runner_name\":\"GitHub Actions 9\"}]}";

  private void callingJobWorld() {
    github.checkRuns(List.of(
            actionsJob(301, RUN, "build", "completed", "success"),
            actionsJob(302, RUN, "Verify CI before deploy", "in_progress", null)))
        .publish();
  }

  @Test
  void theCallingJobIsFoundByItsRunnerAndExcluded() {
    callingJobWorld();
    github.actionsJobs(RUN, 1, JOBS_JSON);
    CallingJob me = new CallingJob(REPOSITORY, RUN, 1, "verify", "GitHub Actions 9");

    CiResult result =
        verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", Duration.ofMinutes(5), null, 0, CiPolicy.defaults(), me));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.callingJobCheckRunId()).isEqualTo(302L);
    assertThat(result.checks()).filteredOn(c -> c.outcome() == CheckOutcome.CALLING_JOB).extracting(CiCheck::name)
        .containsExactly("Verify CI before deploy");
  }

  @Test
  void withoutActionsReadTheCallingJobIsFoundByItsName() {
    github.checkRuns(List.of(
            actionsJob(301, RUN, "build", "completed", "success"),
            actionsJob(302, RUN, "verify", "in_progress", null),
            actionsJob(303, RUN + 1, "verify", "in_progress", null)))
        .publish();
    server.stubFor(get(urlPathEqualTo(api("/actions/runs/" + RUN + "/attempts/1/jobs")))
        .willReturn(aResponse().withStatus(403).withBody("{\"message\":\"Resource not accessible by integration\"}")));
    CallingJob me = new CallingJob(REPOSITORY, RUN, 1, "verify", "GitHub Actions 9");

    CiResult result =
        verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", Duration.ZERO, null, 0, CiPolicy.defaults(), me));

    // the other workflow's "verify" is not us, so it still counts (and is pending)
    assertThat(result.callingJobCheckRunId()).isEqualTo(302L);
    assertThat(result.state()).isEqualTo(CiState.PENDING);
    assertThat(reporter.warnings()).anySatisfy(w -> assertThat(w).contains("actions: read"));
  }

  @Test
  void withoutTheCallingJobAWaitWouldWaitForItself() {
    callingJobWorld();

    CiResult result = verifier().verify(waitFor(Duration.ofMinutes(5), Duration.ofSeconds(30)));

    assertThat(result.state()).isEqualTo(CiState.TIMEOUT);
  }

  // ---- waiting ------------------------------------------------------------------------------

  @Test
  void aThirtyMinuteWaitOnAnUnchangedCommitSpendsAtMostFiveRateLimitedRequests() {
    List<ObjectNode> runs = passingJobs(40);
    runs.add(actionsJob(70_000, RUN, "e2e", "in_progress", null));
    github.checkRuns(runs).statuses(passingStatuses(3)).publish();

    CiResult result = verifier().verify(waitFor(Duration.ofMinutes(30), Duration.ofSeconds(30)));

    assertThat(result.state()).isEqualTo(CiState.TIMEOUT);
    assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(30));
    assertThat(github.rateLimited()).isLessThanOrEqualTo(5);
    assertThat(github.notModified()).isGreaterThanOrEqualTo(2L * (result.polls() - 1));
    assertThat(result.rateLimitedRequests()).isEqualTo(github.rateLimited());
    assertThat(result.polls()).isGreaterThan(10);
    assertThat(result.reasons()).containsExactly("still waiting after 30m", "1 pending: e2e (in_progress)");
    // backoff: pauses grow while nothing changes but never beyond four intervals
    assertThat(time.sleeps()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(2)));
    assertThat(time.sleeps().get(1)).isGreaterThan(time.sleeps().get(0));
  }

  @Test
  void waitsUntilGreen() {
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"), actionsJob(2, RUN, "e2e", "in_progress", null))).publish();
    time.at(Duration.ofMinutes(7), () -> github.edit(runs -> runs.set(1, actionsJob(2, RUN, "e2e", "completed", "success"))).publish());

    CiResult result = verifier().verify(waitFor(Duration.ofMinutes(30), Duration.ofSeconds(30)));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(7)).isLessThan(Duration.ofMinutes(10));
  }

  @Test
  void failsFastOnADefiniteFailureWhileOthersStillRun() {
    github.checkRuns(List.of(actionsJob(1, RUN, "unit", "in_progress", null), actionsJob(2, RUN, "e2e", "in_progress", null))).publish();
    time.at(Duration.ofMinutes(3), () -> github.edit(runs -> runs.set(0, actionsJob(1, RUN, "unit", "completed", "failure"))).publish());

    CiResult result = verifier().verify(waitFor(Duration.ofMinutes(30), Duration.ofSeconds(30)));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(time.elapsed()).isLessThan(Duration.ofMinutes(6));
  }

  // ---- re-running failed jobs ---------------------------------------------------------------

  @Test
  void reRunsFailedActionsJobsOnceThenReportsTheNewAttempt() {
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"), actionsJob(2, RUN, "e2e", "completed", "failure"))).publish();
    github.workflowRun(RUN, 1);
    github.acceptRerun(RUN);
    time.at(Duration.ofSeconds(60), () -> github.edit(runs -> runs.add(actionsJob(20, RUN, "e2e", "queued", null))).publish());
    time.at(Duration.ofMinutes(5), () -> github.edit(runs -> runs.set(2, actionsJob(20, RUN, "e2e", "completed", "success"))).publish());

    CiResult result = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", Duration.ofMinutes(20), Duration.ofSeconds(30), 1, CiPolicy.defaults(), null));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.reruns()).singleElement().satisfies(r -> {
      assertThat(r.workflowRunId()).isEqualTo(RUN);
      assertThat(r.checks()).containsExactly("e2e");
    });
    server.verify(1, postRequestedFor(urlPathEqualTo(api("/actions/runs/" + RUN + "/rerun-failed-jobs"))));
  }

  @Test
  void aRunAlreadyReRunIsNotReRunAgainByASecondInvocation() {
    github.checkRuns(List.of(actionsJob(2, RUN, "e2e", "completed", "failure"))).publish();
    github.workflowRun(RUN, 2);

    CiResult result = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", Duration.ofMinutes(20), null, 1, CiPolicy.defaults(), null));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.reasons()).contains("not re-run: workflow run " + RUN + " is already at attempt 2");
    server.verify(0, postRequestedFor(urlPathEqualTo(api("/actions/runs/" + RUN + "/rerun-failed-jobs"))));
  }

  @Test
  void aFailedStatusIsNotWorthReRunningActionsFor() {
    github.checkRuns(List.of(actionsJob(2, RUN, "e2e", "completed", "failure"))).statuses(List.of(status(3, "ci/circleci: test", "error"))).publish();

    CiResult result = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", Duration.ofMinutes(20), null, 2, CiPolicy.defaults(), null));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.reruns()).isEmpty();
    assertThat(result.reasons()).contains("not re-run: ci/circleci: test is not a GitHub Actions job");
  }

  @Test
  void stillFailingAfterTheAllowedReRunsIsAFailureThatSaysSo() {
    github.checkRuns(List.of(actionsJob(2, RUN, "e2e", "completed", "failure"))).publish();
    github.workflowRun(RUN, 1);
    github.acceptRerun(RUN);
    time.at(Duration.ofSeconds(30), () -> github.checkRuns(List.of(actionsJob(2, RUN, "e2e", "completed", "failure"), actionsJob(9, RUN, "e2e", "completed", "failure"))).publish());

    CiResult result = verifier().verify(new CiRequest(REPOSITORY, "v1.2.0", Duration.ofMinutes(20), null, 1, CiPolicy.defaults(), null));

    assertThat(result.state()).isEqualTo(CiState.FAILURE);
    assertThat(result.reasons()).containsExactly("failed: e2e (failure)", "still failing after 1 re-run request");
  }

  // ---- faults -------------------------------------------------------------------------------

  @Test
  void secondaryRateLimitWithRetryAfterIsWaitedOut() {
    github.checkRuns(passingJobs(3)).publish();
    server.stubFor(get(urlPathEqualTo(api("/commits/" + SHA + "/check-runs"))).atPriority(0)
        .inScenario("limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("cleared")
        .willReturn(aResponse().withStatus(403).withHeader("Retry-After", "45")
            .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\",\"status\":\"403\"}")));

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(45));
  }

  @Test
  void aServerErrorThenSuccessIsRetried() {
    github.checkRuns(passingJobs(3)).publish();
    server.stubFor(get(urlPathEqualTo(api("/commits/" + SHA + "/status"))).atPriority(0)
        .inScenario("5xx").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
        .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));

    CiResult result = verifier().verify(look("v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(reporter.warnings()).anySatisfy(w -> assertThat(w).contains("HTTP 502; retrying"));
  }

  @Test
  void malformedJsonIsOneClearRemoteError() {
    server.stubFor(get(urlPathEqualTo(api("/commits/" + SHA + "/check-runs")))
        .willReturn(okJson("{\"total_count\":2,\"check_runs\":[{\"id\":1,\"name\":\"build\"")));

    assertThatThrownBy(() -> verifier().verify(look("v1.2.0")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REMOTE))
        .hasMessageStartingWith("GitHub API GET /repos/octo-org/octo-repo/commits/" + SHA + "/check-runs returned malformed JSON (HTTP 200): ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aReadTimeoutIsRetriedAndThenFailsInOneLine() {
    // The same timeout bounds the requests before it (the tag's commit), which must succeed: 5 s, so
    // that a loaded CI machine answering them late does not time them out; the check runs take a minute.
    server.stubFor(get(urlPathEqualTo(api("/commits/" + SHA + "/check-runs")))
        .willReturn(okJson("{\"total_count\":0,\"check_runs\":[]}").withFixedDelay(60_000)));
    RetryPolicy impatient = RetryPolicy.defaults().withRequestTimeout(Duration.ofSeconds(5)).withMaxAttempts(2);

    assertThatThrownBy(() -> verifier(impatient, TOKEN).verify(look("v1.2.0")))
        .hasMessage("GitHub API GET /repos/octo-org/octo-repo/commits/" + SHA + "/check-runs failed: no complete response within 5s after 2 attempts");
  }

  // ---- wrong input is not red CI ------------------------------------------------------------

  @Test
  void anUnknownRefIsInvalidInputNotRedCi() {
    server.stubFor(get(urlPathEqualTo(api("/commits/v9.9.9")))
        .willReturn(aResponse().withStatus(422).withBody("{\"message\":\"No commit found for SHA: v9.9.9\",\"documentation_url\":\"https://docs.github.com/rest/commits/commits#get-a-commit\",\"status\":\"422\"}")));

    assertThatThrownBy(() -> verifier().verify(look("v9.9.9")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessage("ref 'v9.9.9' is not a tag, branch or commit of octo-org/octo-repo");
  }

  @Test
  void anUnknownRepositoryIsInvalidInputWithItsOwnLine() {
    RepositorySlug other = new RepositorySlug("octo-org", "no-such-repo");
    server.stubFor(get(urlPathEqualTo("/repos/octo-org/no-such-repo/commits/v1.2.0"))
        .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/commits/commits#get-a-commit\",\"status\":\"404\"}")));
    server.stubFor(get(urlPathEqualTo("/repos/octo-org/no-such-repo"))
        .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));

    assertThatThrownBy(() -> verifier().verify(new CiRequest(other, "v1.2.0", null, null, 0, CiPolicy.defaults(), null)))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessage("repository octo-org/no-such-repo not found at " + server.baseUrl() + " (or the token cannot see it)");
  }

  @Test
  void aBadTokenIsARemoteErrorNamingTheToken() {
    server.stubFor(get(urlPathEqualTo(api("/commits/v1.2.0"))).atPriority(0)
        .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

    assertThatThrownBy(() -> verifier().verify(look("v1.2.0")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REMOTE))
        .hasMessage("GitHub API GET /repos/octo-org/octo-repo/commits/v1.2.0 failed: HTTP 401 Bad credentials (the token is invalid or expired)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void aMissingTokenOnAPrivateRepositorySaysSo() {
    server.stubFor(get(urlPathEqualTo(api("/commits/v1.2.0"))).atPriority(0)
        .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));
    server.stubFor(get(urlPathEqualTo(api(""))).atPriority(0)
        .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));

    assertThatThrownBy(() -> verifier(RetryPolicy.defaults(), null).verify(look("v1.2.0")))
        .hasMessage("repository octo-org/octo-repo not found at " + server.baseUrl() + " (or it is private and no token was given)");
  }
}
