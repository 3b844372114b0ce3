package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
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
import dev.trainyard.version.SchemeName;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * publish-release against WireMock serving GitHub-shaped answers: the sync-storage procedure, a
 * semver tag {@code 1.2.0} on {@code release/1.2}, a release named differently from its tag.
 */
class ReleasePublisherTest {
  private static final String REPO = "/repos/mozilla-services/syncstorage-rs";
  private static final String SHA = "7c1e5a9b3d2f4e6a8b0c1d2e3f4a5b6c7d8e9f00";
  private static final String HEAD_AFTER_FIX = "8d2f6b0c4e3a5f7b9c1d2e3f4a5b6c7d8e9f0a11";

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final FakeTime time = new FakeTime();
  final RecordingReporter reporter = new RecordingReporter();

  ReleasePublisher publisher() {
    RetryPolicy policy = RetryPolicy.defaults();
    GitHubClients clients = new GitHubClients(endpoint(), new RetryingHttpClient(
        "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), reporter, () -> 0.0));
    return new ReleasePublisher(clients.rest(), reporter);
  }

  static GitHubEndpoint endpoint() {
    return GitHubEndpoint.fromEnvironment(Map.of("GITHUB_API_URL", github.baseUrl(), "GITHUB_TOKEN", "ghs_test",
        "GITHUB_REPOSITORY", "mozilla-services/syncstorage-rs"));
  }

  static PublishRequest request(Long pr) {
    ReleaseConfig semver = new ReleaseConfig(SchemeName.SEMVER, null, null, null, null, null, null, null, null, null,
        null, null);
    return PublishRequest.resolve(semver, new PublishFlags("1.2.0", pr), endpoint(), Map.of());
  }

  static String pr(long number, String state, String headSha, String body, String mergedAt) {
    return GitHubBodies.pullRequest("mozilla-services", "syncstorage-rs", number, state, "release/1.2", headSha,
        "master", body, mergedAt).toString();
  }

  void releases(boolean draft) {
    github.stubFor(get(urlPathEqualTo(REPO + "/releases")).willReturn(okJson(GitHubBodies.array(
        GitHubBodies.release("mozilla-services", "syncstorage-rs", 90, "1.1.0", "Sync 1.1.0", false),
        GitHubBodies.release("mozilla-services", "syncstorage-rs", 91, "1.2.0", "Sync storage 1.2.0 (2026-11-21)", draft)))));
  }

  void associated(String json) {
    github.stubFor(get(urlPathEqualTo(REPO + "/commits/" + SHA + "/pulls")).willReturn(okJson(json)));
  }

  void fromReleaseBranch(String json) {
    github.stubFor(get(urlPathEqualTo(REPO + "/pulls")).withQueryParam("state", equalTo("all"))
        .withQueryParam("head", equalTo("mozilla-services:release/1.2")).withQueryParam("base", equalTo("master"))
        .willReturn(okJson(json)));
  }

  void publishes() {
    github.stubFor(patch(urlPathEqualTo(REPO + "/releases/91")).willReturn(okJson(
        GitHubBodies.release("mozilla-services", "syncstorage-rs", 91, "1.2.0", "Sync storage 1.2.0 (2026-11-21)", false)
            .toString())));
  }

  @BeforeEach
  void repository() {
    github.stubFor(get(urlPathEqualTo(REPO)).willReturn(okJson(GitHubBodies.repository("mozilla-services",
        "syncstorage-rs", "master"))));
    github.stubFor(get(urlPathEqualTo(REPO + "/git/ref/tags/1.2.0")).willReturn(okJson(
        GitHubBodies.tagRef("mozilla-services", "syncstorage-rs", "1.2.0", "aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00"))));
    github.stubFor(get(urlPathEqualTo(REPO + "/commits/refs/tags/1.2.0"))
        .withHeader("Accept", equalTo("application/vnd.github.sha")).willReturn(aResponse().withStatus(200).withBody(SHA)));
  }

  @Test
  void refusedWhileTheReleasePullRequestIsOpenThenPublishedAfterTheMergeThenANoOp() {
    releases(true);
    associated("[" + pr(12, "open", SHA, "Release 1.2.0", null) + "]");
    fromReleaseBranch("[" + pr(12, "open", SHA, "Release 1.2.0", null) + "]");
    publishes();

    assertThatThrownBy(() -> publisher().publish(request(null)))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).isEqualTo("not publishing 1.2.0 (\"Sync storage 1.2.0 (2026-11-21)\"): its release"
              + " pull request #12 (https://github.com/mozilla-services/syncstorage-rs/pull/12) is still open");
          assertThat(e.hint()).contains("merge it first");
        });
    github.verify(0, patchRequestedFor(anyUrl()));

    // Merged (a merge commit: GitHub now associates the tag's commit with the merged pull request).
    associated("[" + pr(12, "closed", SHA, "Release 1.2.0", "2026-11-22T09:00:00Z") + "]");
    PublishResult published = publisher().publish(request(null));

    assertThat(published.alreadyPublished()).isFalse();
    assertThat(published.name()).isEqualTo("Sync storage 1.2.0 (2026-11-21)");
    assertThat(published.url()).isEqualTo("https://github.com/mozilla-services/syncstorage-rs/releases/tag/1.2.0");
    assertThat(published.pullRequest().number()).isEqualTo(12);
    github.verify(1, patchRequestedFor(urlPathEqualTo(REPO + "/releases/91"))
        .withHeader("Authorization", equalTo("Bearer ghs_test"))
        .withRequestBody(equalToJson("{\"draft\": false}")));

    releases(false);
    PublishResult again = publisher().publish(request(null));

    assertThat(again.alreadyPublished()).isTrue();
    assertThat(again.pullRequest()).isNull();
    github.verify(1, patchRequestedFor(anyUrl()));
    assertThat(reporter.infos()).anyMatch(line -> line.contains("is published already; nothing to do"));
  }

  @Test
  void aSquashMergedReleasePullRequestIsFoundThroughTheReleaseBranch() {
    releases(true);
    // Squash-merged: the tag's commit never reached master, so GitHub associates no merged pull request with it.
    associated("[]");
    fromReleaseBranch("[" + pr(15, "closed", HEAD_AFTER_FIX, "Release 1.2.0 plus a fix", "2026-11-22T09:00:00Z") + "]");
    github.stubFor(get(urlPathEqualTo(REPO + "/compare/" + SHA + "..." + HEAD_AFTER_FIX)).willReturn(okJson(
        GitHubBodies.compare("mozilla-services", "syncstorage-rs", SHA, HEAD_AFTER_FIX, "ahead", 1, 0))));
    publishes();

    PublishResult published = publisher().publish(request(null));

    assertThat(published.pullRequest().number()).isEqualTo(15);
    assertThat(published.pullRequest().merged()).isTrue();
    github.verify(1, patchRequestedFor(urlPathEqualTo(REPO + "/releases/91")));
  }

  @Test
  void aPullRequestClosedWithoutMergingIsRefused() {
    releases(true);
    github.stubFor(get(urlPathEqualTo(REPO + "/pulls/12")).willReturn(okJson(pr(12, "closed", SHA, "x", null))));

    assertThatThrownBy(() -> publisher().publish(request(12L)))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).endsWith("was closed without merging");
        });
    github.verify(0, patchRequestedFor(anyUrl()));
  }

  @Test
  void noPullRequestForTheTagIsRefusedWithTheWayToOpenOne() {
    releases(true);
    associated("[]");
    fromReleaseBranch("[]");

    assertThatThrownBy(() -> publisher().publish(request(null)))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("not publishing 1.2.0: no pull request into master carries its commit"
              + " 7c1e5a9 (looked at release/1.2)");
          assertThat(e.hint()).contains("--open-pr").contains("--pr NUMBER");
        });
  }

  @Test
  void aDraftWhoseTagGitHubLacksIsNeverPublished() {
    releases(true);
    github.stubFor(get(urlPathEqualTo(REPO + "/git/ref/tags/1.2.0")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody(GitHubBodies.error(404, "Not Found", "git/refs#get-a-reference"))));

    assertThatThrownBy(() -> publisher().publish(request(null)))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).contains("GitHub has no tag 1.2.0").contains("would create it on main");
        });
    github.verify(0, patchRequestedFor(anyUrl()));
  }

  @Test
  void noReleaseForTheTagIsRefused() {
    github.stubFor(get(urlPathEqualTo(REPO + "/releases")).willReturn(okJson("[]")));

    assertThatThrownBy(() -> publisher().publish(request(null)))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).startsWith("no GitHub release (draft or published) for tag 1.2.0");
        });
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriedAndThePublishIsSafeToRepeat() {
    github.stubFor(get(urlPathEqualTo(REPO + "/releases")).inScenario("list").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
            .withBody(GitHubBodies.error(429, "API rate limit exceeded", "overview/rate-limits-for-the-rest-api")))
        .willSetStateTo("ok"));
    github.stubFor(get(urlPathEqualTo(REPO + "/releases")).inScenario("list").whenScenarioStateIs("ok")
        .willReturn(okJson(GitHubBodies.array(
            GitHubBodies.release("mozilla-services", "syncstorage-rs", 91, "1.2.0", "Sync 1.2.0", true)))));
    associated("[" + pr(12, "closed", SHA, "Release 1.2.0", "2026-11-22T09:00:00Z") + "]");
    fromReleaseBranch("[]");
    github.stubFor(patch(urlPathEqualTo(REPO + "/releases/91")).inScenario("publish").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}")).willSetStateTo("up"));
    github.stubFor(patch(urlPathEqualTo(REPO + "/releases/91")).inScenario("publish").whenScenarioStateIs("up")
        .willReturn(okJson(GitHubBodies.release("mozilla-services", "syncstorage-rs", 91, "1.2.0", "Sync 1.2.0", false)
            .toString())));

    PublishResult published = publisher().publish(request(null));

    assertThat(published.alreadyPublished()).isFalse();
    assertThat(time.sleeps()).hasSize(2).first().isEqualTo(Duration.ofSeconds(3));
    github.verify(2, getRequestedFor(urlPathEqualTo(REPO + "/releases")));
    github.verify(2, patchRequestedFor(urlPathEqualTo(REPO + "/releases/91")));
  }

  @Test
  void publishingWithTheWorkflowsOwnTokenWarnsThatNoReleaseWorkflowWillStart() {
    releases(true);
    associated("[" + pr(12, "closed", SHA, "Release 1.2.0", "2026-11-22T09:00:00Z") + "]");
    fromReleaseBranch("[]");
    publishes();
    ReleaseConfig semver = new ReleaseConfig(SchemeName.SEMVER, null, null, null, null, null, null, null, null, null,
        null, null);

    publisher().publish(PublishRequest.resolve(semver, new PublishFlags("1.2.0", null), endpoint(),
        Map.of("TRAINYARD_WORKFLOW_TOKEN", "true")));

    assertThat(reporter.warnings()).singleElement().asString()
        .startsWith("publishing 1.2.0 with the workflow's own GITHUB_TOKEN: GitHub starts no 'on: release' workflow")
        .contains("actions/create-github-app-token");
  }

  @Test
  void requestsAreCheckedBeforeAnyCall() {
    assertThatThrownBy(() -> PublishRequest.resolve(null, new PublishFlags(" ", null), endpoint(), Map.of()))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.getMessage()).startsWith("--version is required"));
    assertThatThrownBy(() -> PublishRequest.resolve(null, new PublishFlags("1.2.0", 0L), endpoint(), Map.of()))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.getMessage()).startsWith("--pr must be"));
    assertThat(request(null).releaseBranch()).isEqualTo("release/1.2");
    assertThat(PublishRequest.resolve(null, new PublishFlags("v1.11.2", null), endpoint(), Map.of()).releaseBranch())
        .isEqualTo("train-11");
  }
}
