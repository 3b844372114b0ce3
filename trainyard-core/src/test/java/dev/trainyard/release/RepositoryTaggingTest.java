package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.trainyard.release.RepositoryTaggingStubs.LINTER_HEAD;
import static dev.trainyard.release.RepositoryTaggingStubs.LINTER_TAGGED;
import static dev.trainyard.release.RepositoryTaggingStubs.SERVER_HEAD;
import static dev.trainyard.release.RepositoryTaggingStubs.tagObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.RecordingReporter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One date tag on several repositories through a GitHub-shaped API (WireMock over real HTTP): the
 * -N rule per repository, a repository that refuses in the middle (422, the tag exists with another
 * target), and the report of what was tagged, what failed and how to undo it.
 */
class RepositoryTaggingTest {
  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final LocalDate THURSDAY = LocalDate.parse("2026-11-26");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
  static final RepositoryTaggingStubs stubs = new RepositoryTaggingStubs(github);

  static GitHubEndpoint endpoint() {
    return new GitHubEndpoint(github.baseUrl(), "https://github.com", "ghs_test", RepositorySlug.parse("o/server", "test"));
  }

  RepositoryTagging.Result tag(boolean dryRun, String... repos) {
    RepositoriesRequest request = RepositoriesRequest.resolve(ReleaseConfig.DEFAULTS,
        new CutFlags(new VersionFlags("date", false, null, false), dryRun, false, false, false, false, List.of(repos)),
        endpoint(), LocalDate.now(CLOCK));
    return new Releases(CLOCK, new RecordingReporter()).tagRepositories(request);
  }

  @Test
  void aRepositoryRefusingInTheMiddleStopsTheRunAndTheReportSaysWhatToUndo() {
    stubs.threeRepositories();
    RepositoryTagging.Result result = tag(false, "server", "frontend", "o/linter");

    assertThat(result.complete()).isFalse();
    assertThat(result.repositories()).extracting(RepositoryTagging.RepositoryResult::repository)
        .containsExactly("o/server", "o/frontend", "o/linter");
    assertThat(result.repositories()).extracting(RepositoryTagging.RepositoryResult::status).containsExactly(
        RepositoryTagging.Status.TAGGED, RepositoryTagging.Status.FAILED, RepositoryTagging.Status.NOT_ATTEMPTED);
    RepositoryTagging.RepositoryResult server = result.repositories().get(0);
    assertThat(server.tag()).isEqualTo("2026.11.26");
    assertThat(server.commit()).isEqualTo(SERVER_HEAD);
    assertThat(server.compareUrl()).isEqualTo("https://github.com/o/server/compare/2026.11.19...2026.11.26");
    assertThat(result.repositories().get(1).reason()).isEqualTo("o/frontend: GitHub refused tag 2026.11.26 (HTTP 422"
        + " Reference already exists): it already exists at 0badc0d, not at master (f0e1d2c)");
    assertThat(result.repositories().get(2).tag()).as("planned before anything was written").isEqualTo("2026.11.26-1");
    assertThat(result.undo()).containsExactly("gh api -X DELETE repos/o/server/git/refs/tags/2026.11.26");
    github.verify(0, postRequestedFor(urlPathMatching("/repos/o/linter/.*")));
  }

  @Test
  void everyRepositoryGetsItsOwnSuffixAndCompareLink() {
    stubs.threeRepositories();
    RepositoryTagging.Result result = tag(false, "server", "linter");

    assertThat(result.complete()).isTrue();
    assertThat(result.undo()).isEmpty();
    assertThat(result.repositories()).extracting(RepositoryTagging.RepositoryResult::tag)
        .containsExactly("2026.11.26", "2026.11.26-1");
    assertThat(result.repositories().get(1).compareUrl())
        .isEqualTo("https://github.com/o/linter/compare/2026.11.26...2026.11.26-1");
    github.verify(1, postRequestedFor(urlPathEqualTo("/repos/o/linter/git/refs"))
        .withRequestBody(equalToJson("{\"ref\":\"refs/tags/2026.11.26-1\",\"sha\":\"" + "f".repeat(40) + "\"}")));
  }

  @Test
  void aDryRunWritesNothingAndATagAlreadyOnTheHeadIsDone() {
    stubs.threeRepositories();
    github.stubFor(get(urlPathEqualTo("/repos/o/linter/git/tags/" + "9".repeat(40)))
        .willReturn(okJson(tagObject("linter", "2026.11.26", "9".repeat(40), LINTER_HEAD))));
    RepositoryTagging.Result result = tag(true, "server", "linter");

    assertThat(result.dryRun()).isTrue();
    assertThat(result.repositories()).extracting(RepositoryTagging.RepositoryResult::status)
        .containsExactly(RepositoryTagging.Status.PLANNED, RepositoryTagging.Status.ALREADY_TAGGED);
    github.verify(0, postRequestedFor(urlPathMatching("/repos/.*")));
  }

  @Test
  void aRefusalWhilePlanningTagsNone() {
    stubs.threeRepositories();
    github.stubFor(get(urlPathEqualTo("/repos/o/linter/compare/" + LINTER_TAGGED + "..." + LINTER_HEAD))
        .willReturn(okJson("{\"status\":\"diverged\",\"ahead_by\":1,\"behind_by\":3,\"total_commits\":1}")));
    assertThatThrownBy(() -> tag(false, "server", "linter"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).startsWith("o/linter: tag 2026.11.26 exists and main (11a2b3c) does not contain it");
        });
    github.verify(0, postRequestedFor(urlPathMatching("/repos/.*")));
  }

  @Test
  void reposNeedTheDateSchemeATokenAndOwners() {
    assertThatThrownBy(() -> RepositoriesRequest.resolve(ReleaseConfig.DEFAULTS,
        new CutFlags(VersionFlags.NONE, false, false, false, false, false, List.of("a")), endpoint(), THURSDAY))
        .hasMessage("--repos tags several repositories with one date tag; this is the train scheme");
    assertThatThrownBy(() -> RepositoriesRequest.resolve(ReleaseConfig.DEFAULTS,
        new CutFlags(new VersionFlags("date", false, null, false), false, false, false, false, false, List.of("a")),
        endpoint().withToken(null), THURSDAY))
        .hasMessage("--repos writes tags through the GitHub API, which needs a token");
    assertThatThrownBy(() -> RepositoriesRequest.resolve(ReleaseConfig.DEFAULTS,
        new CutFlags(new VersionFlags("date", false, null, false), false, false, false, false, false, List.of("a")),
        endpoint().withRepository(null), THURSDAY))
        .hasMessage("--repos: 'a' names no owner and github.repository is not set");
  }
}
