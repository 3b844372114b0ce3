package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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
  static final String SERVER_HEAD = "5ea1f2b3c4d5e6f708192a3b4c5d6e7f80910a1b";
  static final String FRONTEND_HEAD = "f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d";
  static final String ELSEWHERE = "0badc0de0badc0de0badc0de0badc0de0badc0de";
  static final String LINTER_HEAD = "11a2b3c4d5e6f7081920a1b2c3d4e5f607182930";
  static final String LINTER_TAGGED = "22b3c4d5e6f708192a0b1c2d3e4f5a6b7c8d9e0f";

  static String repo(String name, String branch) {
    return "{\"id\":1,\"node_id\":\"R_1\",\"name\":\"" + name + "\",\"full_name\":\"o/" + name + "\",\"private\":false,"
        + "\"owner\":{\"login\":\"o\",\"id\":2,\"type\":\"Organization\"},\"html_url\":\"https://github.com/o/" + name
        + "\",\"default_branch\":\"" + branch + "\",\"permissions\":{\"admin\":false,\"push\":true,\"pull\":true}}";
  }

  static String ref(String name, String ref, String sha, String type) {
    return "{\"ref\":\"" + ref + "\",\"node_id\":\"REF_" + sha.substring(0, 6) + "\",\"url\":\"https://api.github.com/repos/o/"
        + name + "/git/" + ref + "\",\"object\":{\"sha\":\"" + sha + "\",\"type\":\"" + type
        + "\",\"url\":\"https://api.github.com/repos/o/" + name + "/git/" + type + "s/" + sha + "\"}}";
  }

  static String tagObject(String name, String tag, String sha, String commit) {
    return "{\"node_id\":\"TAG_" + sha.substring(0, 6) + "\",\"tag\":\"" + tag + "\",\"sha\":\"" + sha + "\","
        + "\"url\":\"https://api.github.com/repos/o/" + name + "/git/tags/" + sha + "\",\"message\":\"Release " + tag + "\\n\","
        + "\"tagger\":{\"name\":\"push hero\",\"email\":\"hero@example.com\",\"date\":\"2026-11-26T08:00:00Z\"},"
        + "\"object\":{\"type\":\"commit\",\"sha\":\"" + commit + "\",\"url\":\"https://api.github.com/repos/o/" + name
        + "/git/commits/" + commit + "\"},\"verification\":{\"verified\":false,\"reason\":\"unsigned\",\"signature\":null,"
        + "\"payload\":null}}";
  }

  static void repository(String name, String branch, String head, String tagsJson) {
    github.stubFor(get(urlPathEqualTo("/repos/o/" + name)).willReturn(okJson(repo(name, branch))));
    github.stubFor(get(urlPathEqualTo("/repos/o/" + name + "/git/ref/heads/" + branch))
        .willReturn(okJson(ref(name, "refs/heads/" + branch, head, "commit"))));
    github.stubFor(get(urlPathEqualTo("/repos/o/" + name + "/git/matching-refs/tags/")).willReturn(okJson(tagsJson)));
  }

  static void tagCreation(String name, String tag, String head, String tagSha) {
    github.stubFor(post(urlPathEqualTo("/repos/o/" + name + "/git/tags"))
        .withRequestBody(equalToJson("{\"tag\":\"" + tag + "\",\"message\":\"Release " + tag + "\\n\",\"object\":\"" + head
            + "\",\"type\":\"commit\"}"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody(tagObject(name, tag, tagSha, head))));
  }

  /** server: a plain date tag; frontend: GitHub refuses (422, someone tagged another commit); linter: a -1 re-tag. */
  static void threeRepositories() {
    repository("server", "master", SERVER_HEAD, "[" + ref("server", "refs/tags/2026.11.19", "a".repeat(40), "commit")
        + "," + ref("server", "refs/tags/v3-old", "b".repeat(40), "commit") + "]");
    tagCreation("server", "2026.11.26", SERVER_HEAD, "c".repeat(40));
    github.stubFor(post(urlPathEqualTo("/repos/o/server/git/refs")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(ref("server", "refs/tags/2026.11.26", "c".repeat(40), "tag"))));

    repository("frontend", "master", FRONTEND_HEAD, "[" + ref("frontend", "refs/tags/2026.11.19", "d".repeat(40), "commit") + "]");
    tagCreation("frontend", "2026.11.26", FRONTEND_HEAD, "e".repeat(40));
    github.stubFor(post(urlPathEqualTo("/repos/o/frontend/git/refs")).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Reference already exists\",\"documentation_url\":"
            + "\"https://docs.github.com/rest/git/refs#create-a-reference\",\"status\":\"422\"}")));
    github.stubFor(get(urlPathEqualTo("/repos/o/frontend/git/ref/tags/2026.11.26"))
        .willReturn(okJson(ref("frontend", "refs/tags/2026.11.26", ELSEWHERE, "commit"))));

    repository("linter", "main", LINTER_HEAD, "[" + ref("linter", "refs/tags/2026.11.26", "9".repeat(40), "tag") + "]");
    github.stubFor(get(urlPathEqualTo("/repos/o/linter/git/tags/" + "9".repeat(40)))
        .willReturn(okJson(tagObject("linter", "2026.11.26", "9".repeat(40), LINTER_TAGGED))));
    github.stubFor(get(urlPathEqualTo("/repos/o/linter/compare/" + LINTER_TAGGED + "..." + LINTER_HEAD))
        .willReturn(okJson("{\"status\":\"ahead\",\"ahead_by\":2,\"behind_by\":0,\"total_commits\":2,\"commits\":[],\"files\":[]}")));
    tagCreation("linter", "2026.11.26-1", LINTER_HEAD, "f".repeat(40));
    github.stubFor(post(urlPathEqualTo("/repos/o/linter/git/refs")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(ref("linter", "refs/tags/2026.11.26-1", "f".repeat(40), "tag"))));
  }

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
    threeRepositories();
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
    threeRepositories();
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
    threeRepositories();
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
    threeRepositories();
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
