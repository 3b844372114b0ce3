package dev.trainyard.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.trainyard.ci.GitHubChecksStub.OWNER;
import static dev.trainyard.ci.GitHubChecksStub.REPO;
import static dev.trainyard.ci.GitHubChecksStub.SHA;
import static dev.trainyard.ci.GitHubChecksStub.actionsJob;
import static dev.trainyard.ci.GitHubChecksStub.api;
import static dev.trainyard.ci.GitHubChecksStub.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.github.GitHubBodies;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * verify-ci --required auto: the required checks of the branch's rulesets and branch protection,
 * read through the shared client from WireMock answers shaped like GitHub's, and a required check
 * that has not reported keeps the verdict pending.
 */
class RequiredChecksTest {
  private static final RepositorySlug REPOSITORY = new RepositorySlug(OWNER, REPO);
  private static final long RUN = 7_001_234_567L;

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();
  private final RecordingReporter reporter = new RecordingReporter();
  private GitHubChecksStub github;

  @BeforeEach
  void setUp() {
    github = new GitHubChecksStub(server).tag("v1.2.0", SHA).tag("main", SHA).repositoryExists();
  }

  private CiVerifier verifier() {
    GitHubEndpoint endpoint = GitHubEndpoint.defaults().withApiUrl(server.baseUrl()).withToken("ghs_required");
    RetryPolicy policy = RetryPolicy.defaults();
    RetryingHttpClient http = new RetryingHttpClient(
        "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), reporter, () -> 0.5);
    return new CiVerifier(new GitHubRest(endpoint, http, new ObjectMapper()), reporter, time, time.clock());
  }

  private static CiRequest request(String ref, Duration wait, boolean auto, String branch) {
    return new CiRequest(REPOSITORY, ref, wait, Duration.ofSeconds(30), 0, CiPolicy.defaults(), null, auto, branch);
  }

  private void rules(List<String> contexts) {
    server.stubFor(get(urlPathEqualTo(api("/rules/branches/main"))).willReturn(okJson(
        GitHubBodies.branchRules(OWNER, REPO, contexts))));
  }

  private void branch(List<String> protectionContexts, boolean summary) {
    server.stubFor(get(urlPathEqualTo(api("/branches/main"))).willReturn(okJson(
        GitHubBodies.branch(OWNER, REPO, "main", SHA, protectionContexts, summary))));
  }

  private void refused(String path, int status, String message) {
    server.stubFor(get(urlPathEqualTo(api(path))).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(GitHubBodies.error(status, message, "repos/rules#get-rules-for-a-branch"))));
  }

  @Test
  void aRequiredCheckThatHasNotStartedKeepsTheWaitGoingUntilItPasses() {
    rules(List.of("build", "e2e:15368"));
    branch(List.of(), true);
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();
    time.at(Duration.ofMinutes(4), () -> github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"),
        actionsJob(2, RUN + 1, "e2e", "in_progress", null))).publish());
    time.at(Duration.ofMinutes(9), () -> github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"),
        actionsJob(2, RUN + 1, "e2e", "completed", "success"))).publish());

    CiResult result = verifier().verify(request("main", Duration.ofMinutes(30), true, "main"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(time.elapsed()).as("not green before e2e passed").isGreaterThanOrEqualTo(Duration.ofMinutes(9));
    assertThat(result.required().branch()).isEqualTo("main");
    assertThat(result.required().names()).containsExactly("build", "e2e");
    assertThat(result.required().sources()).extracting(RequiredChecks.Source::name, RequiredChecks.Source::readable)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rulesets", true),
            org.assertj.core.groups.Tuple.tuple("branch protection", true));
    assertThat(reporter.infos()).anyMatch(line -> line.equals("required checks of main from rulesets and branch"
        + " protection: build, e2e"));
    assertThat(reporter.infos()).anyMatch(line -> line.contains("required but not reported: e2e"));
  }

  @Test
  void withoutRequiredAutoTheSameCommitIsGreenAtOnce() {
    rules(List.of("build", "e2e"));
    branch(List.of(), true);
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult early = verifier().verify(request("main", Duration.ofMinutes(30), false, null));

    assertThat(early.state()).as("what --required auto prevents").isEqualTo(CiState.SUCCESS);
    assertThat(early.required()).isNull();
    server.verify(0, getRequestedFor(urlPathEqualTo(api("/rules/branches/main"))));
  }

  @Test
  void lookingOnceAMissingRequiredCheckIsPendingAndNamed() {
    rules(List.of());
    branch(List.of("ci/circleci: test"), true);
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult result = verifier().verify(request("main", Duration.ZERO, true, "main"));

    assertThat(result.state()).isEqualTo(CiState.PENDING);
    assertThat(result.reasons()).containsExactly("required but not reported: ci/circleci: test");
    assertThat(result.required().checks()).singleElement()
        .satisfies(check -> assertThat(check.source()).isEqualTo("branch protection"));

    github.statuses(List.of(status(900, "ci/circleci: test", "success"))).publish();
    assertThat(verifier().verify(request("main", Duration.ZERO, true, "main")).state()).isEqualTo(CiState.SUCCESS);
  }

  @Test
  void aCheckFromAnotherAppDoesNotSatisfyARuleThatNamesItsApp() {
    rules(List.of("build:999"));
    branch(List.of(), true);
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult result = verifier().verify(request("main", Duration.ZERO, true, "main"));

    assertThat(result.state()).isEqualTo(CiState.PENDING);
    assertThat(result.reasons()).containsExactly("required but not reported: build");
  }

  @Test
  void forATagTheRulesOfTheDefaultBranchApply() {
    refused("/branches/v1.2.0", 404, "Branch not found");
    rules(List.of("build"));
    branch(List.of(), true);
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult result = verifier().verify(request("v1.2.0", Duration.ZERO, true, "v1.2.0"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.required().branch()).isEqualTo("main");
    assertThat(reporter.infos()).anyMatch(line -> line.equals(
        "required checks: v1.2.0 is not a branch; using the rules of the default branch main"));
  }

  @Test
  void branchProtectionWithoutTheSummaryIsReadFromItsEndpointAndBranchNotProtectedMeansNone() {
    rules(List.of("build"));
    branch(List.of(), false);
    refused("/branches/main/protection/required_status_checks", 404, "Branch not protected");
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult result = verifier().verify(request("main", Duration.ZERO, true, "main"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.required().sources()).allMatch(RequiredChecks.Source::readable);
    assertThat(reporter.warnings()).isEmpty();

    server.stubFor(get(urlPathEqualTo(api("/branches/main/protection/required_status_checks"))).willReturn(okJson(
        GitHubBodies.protectionChecks(OWNER, REPO, "main", List.of("lint")))));
    CiResult protectedBranch = verifier().verify(request("main", Duration.ZERO, true, "main"));
    assertThat(protectedBranch.state()).isEqualTo(CiState.PENDING);
    assertThat(protectedBranch.reasons()).containsExactly("required but not reported: lint");
  }

  @Test
  void anUnreadableBranchProtectionIsSaidAndTheRulesetsStillCount() {
    rules(List.of("build"));
    branch(List.of(), false);
    refused("/branches/main/protection/required_status_checks", 403, "Resource not accessible by integration");
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult result = verifier().verify(request("main", Duration.ZERO, true, "main"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.required().sources()).filteredOn(s -> !s.readable()).singleElement()
        .satisfies(s -> assertThat(s.httpStatus()).isEqualTo(403));
    assertThat(reporter.warnings()).singleElement().asString()
        .startsWith("not readable with this token: branch protection (HTTP 403) of octo-org/octo-repo main");
  }

  @Test
  void whenNeitherSourceIsReadableTheWarningSaysSoAndTheReportedChecksDecide() {
    refused("/rules/branches/main", 403, "Resource not accessible by integration");
    branch(List.of(), false);
    refused("/branches/main/protection/required_status_checks", 404, "Not Found");
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult result = verifier().verify(request("main", Duration.ZERO, true, "main"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(result.required().unknown()).isTrue();
    assertThat(result.required().readFrom()).isEqualTo("no readable source");
    assertThat(reporter.warnings()).singleElement().asString()
        .startsWith("the required checks of octo-org/octo-repo main are unknown: this token may read neither"
            + " rulesets (HTTP 403) nor branch protection (HTTP 404)");
  }

  @Test
  void aRequiredCheckThatIsIgnoredIsNotWaitedForAndSaysSo() {
    rules(List.of("build", "docs preview"));
    branch(List.of(), true);
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();
    CiPolicy ignoring = new CiPolicy(List.of(), List.of("docs *"), CiPolicy.DEFAULT_PASSING, Duration.ZERO);

    CiResult result = verifier().verify(
        new CiRequest(REPOSITORY, "main", Duration.ZERO, null, 0, ignoring, null, true, "main"));

    assertThat(result.state()).isEqualTo(CiState.SUCCESS);
    assertThat(reporter.warnings()).singleElement().asString().contains("'docs preview'").contains("matches --ignore");
  }

  @Test
  void serverErrorsWhileReadingTheRulesAreRetried() {
    server.stubFor(get(urlPathEqualTo(api("/rules/branches/main"))).inScenario("rules").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    server.stubFor(get(urlPathEqualTo(api("/rules/branches/main"))).inScenario("rules").whenScenarioStateIs("up")
        .willReturn(okJson(GitHubBodies.branchRules(OWNER, REPO, List.of("e2e")))));
    branch(List.of(), true);
    github.checkRuns(List.of(actionsJob(1, RUN, "build", "completed", "success"))).publish();

    CiResult result = verifier().verify(request("main", Duration.ZERO, true, "main"));

    assertThat(result.state()).isEqualTo(CiState.PENDING);
    assertThat(result.reasons()).containsExactly("required but not reported: e2e");
    server.verify(2, getRequestedFor(urlPathEqualTo(api("/rules/branches/main"))));
    assertThat(result.requests()).as("the rules' requests, the retry included, are counted")
        .isEqualTo(server.getAllServeEvents().size());
  }

  @Test
  void theBranchComesFromTheRefOrTheWorkflow() {
    CiFlags auto = new CiFlags(null, null, null, null, null, null, null, null, "auto");
    Map<String, String> pullRequest = Map.of("GITHUB_SHA", SHA, "GITHUB_BASE_REF", "main", "GITHUB_REF_NAME", "12/merge",
        "GITHUB_REF_TYPE", "branch");
    Map<String, String> tagPush = Map.of("GITHUB_SHA", SHA, "GITHUB_REF_NAME", "v1.2.0", "GITHUB_REF_TYPE", "tag");
    Map<String, String> branchPush = Map.of("GITHUB_SHA", SHA, "GITHUB_REF_NAME", "train-11", "GITHUB_REF_TYPE", "branch");

    assertThat(CiRequest.resolve(null, auto, REPOSITORY, pullRequest).requiredBranch()).isEqualTo("main");
    assertThat(CiRequest.resolve(null, auto, REPOSITORY, tagPush).requiredBranch()).isNull();
    assertThat(CiRequest.resolve(null, auto, REPOSITORY, branchPush).requiredBranch()).isEqualTo("train-11");
    assertThat(CiRequest.resolve(null, new CiFlags("release/1.2", null, null, null, null, null, null, null, "auto"),
        REPOSITORY, tagPush).requiredBranch()).isEqualTo("release/1.2");
    assertThat(CiRequest.resolve(null, CiFlags.NONE, REPOSITORY, tagPush).requiredFromBranch()).isFalse();
    assertThat(CiRequest.resolve(new VerifyCiConfig(null, null, null, null, null, null, null, "auto"), CiFlags.NONE,
        REPOSITORY, tagPush).requiredFromBranch()).isTrue();
  }
}
