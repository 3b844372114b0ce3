package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MergeBackCommandTest {
  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;
  GitFixture repo;
  RevCommit forgotten;

  /** train-1 merged, train-2 missing one commit (cherry-picked the other), v1.2.1 unmerged. */
  @BeforeEach
  void history() throws Exception {
    repo = GitFixture.init(tmp.resolve("repo"));
    repo.commit("initial", "a.txt", "a\n");
    repo.branch("train-1").commit("fix: one", "one.txt", "1\n");
    repo.checkout("main").merge("train-1", "Merge train-1");
    repo.branch("train-2");
    RevCommit picked = repo.commit("fix: picked", "two.txt", "2\n");
    forgotten = repo.commit("fix: forgotten", "three.txt", "3\n");
    repo.tag("v1.2.1");
    repo.checkout("main");
    repo.git().cherryPick().include(picked).call();
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private CliRunner cli() {
    // Two weeks after the fixture's history: the forgotten commit is stale with the default 7 days.
    return new CliRunner(repo.dir()).clock(Clock.fixed(repo.now().plus(Duration.ofDays(14)), ZoneOffset.UTC));
  }

  @Test
  void jsonListsEveryRefWithStatusHowMissingAndSince() throws Exception {
    CliRunner.Result result = cli().run("merge-back", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("main").asText()).isEqualTo("refs/heads/main");
    JsonNode refs = json.path("refs");
    assertThat(refs).hasSize(3);
    JsonNode train1 = find(refs, "refs/heads/train-1");
    assertThat(train1.path("status").asText()).isEqualTo("merged");
    assertThat(train1.path("how").asText()).isEqualTo("ancestry");
    assertThat(train1.path("since").isNull()).isTrue();
    assertThat(train1.path("missing")).isEmpty();
    JsonNode train2 = find(refs, "refs/heads/train-2");
    assertThat(train2.path("status").asText()).isEqualTo("partial");
    assertThat(train2.path("how").isNull()).isTrue();
    assertThat(train2.path("missing").get(0).asText()).isEqualTo(forgotten.name());
    assertThat(train2.path("since").asText()).isEqualTo(
        java.time.Instant.ofEpochSecond(forgotten.getCommitTime()).toString());
    assertThat(train2.path("authors").get(0).asText()).isEqualTo("Fixture Author <fixture@example.com>");
    assertThat(train2.path("stale").asBoolean()).isTrue();
    assertThat(find(refs, "refs/tags/v1.2.1").path("status").asText()).isEqualTo("partial");
    assertThat(json.path("stale").asInt()).isEqualTo(2);
  }

  @Test
  void nothingStaleWithALongerThresholdExitsZero() {
    CliRunner.Result result = cli().run("merge-back", "--stale-after", "30d");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("train-2").contains("partial").contains("1 of 3 release refs merged");
  }

  @Test
  void actionsInputsStepSummaryAndOutputs() throws Exception {
    Path summary = tmp.resolve("summary.md");
    Path outputs = tmp.resolve("outputs.txt");
    CliRunner.Result result = cli().env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", summary.toString()).env("GITHUB_OUTPUT", outputs.toString())
        .env("INPUT_BRANCHES", "train-*\n").env("INPUT_TAGS", "none-*").run("merge-back");

    assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(Files.readString(summary)).contains("| `train-2` | partial (stale) |").doesNotContain("v1.2.1");
    assertThat(Files.readString(outputs)).contains("stale-count<<").contains("refs/heads/train-2");
  }

  @Test
  void configSectionIsUsedAndFlagsOverrideIt() throws Exception {
    Files.writeString(repo.dir().resolve(".trainyard.yml"), "merge-back:\n  branches: [\"train-1\"]\n  tags: [\"x*\"]\n");

    assertThat(cli().run("merge-back").exitCode()).isEqualTo(ExitCode.OK);
    assertThat(cli().run("merge-back", "--branches", "train-*").exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
  }

  @Test
  void badConfigValueIsAUsageError() throws Exception {
    Files.writeString(repo.dir().resolve(".trainyard.yml"), "merge-back:\n  stale-after: soon\n");

    CliRunner.Result result = cli().run("merge-back");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains(".trainyard.yml:1:1").contains("merge-back").contains("stale-after");
  }

  @Test
  void shallowCloneExitsWithRepositoryStateAndTheFetchDepthHint() throws Exception {
    Path shallow = tmp.resolve("shallow");
    Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(shallow.toFile()).setDepth(1).call().close();

    CliRunner.Result result = new CliRunner(shallow).run("merge-back");

    assertThat(result.exitCode()).isEqualTo(ExitCode.REPOSITORY_STATE);
    assertThat(result.err()).contains("shallow").contains("fetch-depth: 0").doesNotContain("\tat ");
  }

  @Test
  void trackingIssueWithoutATokenIsAUsageError() {
    CliRunner.Result result = cli().run("merge-back", "--tracking-issue");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("--tracking-issue needs a GitHub token");
  }

  @Test
  void trackingIssueIsOpenedOnGitHub() throws Exception {
    github.stubFor(get(urlPathMatching("/repos/acme/shop/commits/.*/pulls")).willReturn(okJson("[]")));
    github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues")).willReturn(okJson("[]")));
    github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson("{\"total_count\":0,\"items\":[]}")));
    github.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"number\":9,\"html_url\":\"https://github.com/acme/shop/issues/9\",\"state\":\"open\"}")));

    CliRunner.Result result = cli().env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "ghs_x")
        .env("GITHUB_REPOSITORY", "acme/shop").run("merge-back", "--tracking-issue", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.at("/trackingIssue/outcome").asText()).isEqualTo("created");
    assertThat(json.at("/trackingIssue/number").asInt()).isEqualTo(9);
    github.verify(1, postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues"))
        .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing("train-2"))));
  }

  @Test
  void aRemoteLookupThatFailedIsInTheJsonWithItsKind() throws Exception {
    github.stubFor(get(urlPathMatching("/repos/acme/shop/commits/.*/pulls")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Resource not accessible by integration\"}")));

    CliRunner.Result result = cli().env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "ghs_x")
        .env("GITHUB_REPOSITORY", "acme/shop").run("merge-back", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode problems = new ObjectMapper().readTree(result.out()).path("problems");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path("kind").asText()).isEqualTo("REMOTE");
    assertThat(problems.get(0).path("message").asText()).contains("looking up pull requests failed")
        .contains("HTTP 403");
  }

  @Test
  void offlineNeverCallsGitHub() {
    CliRunner.Result result = cli().env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "ghs_x")
        .env("GITHUB_REPOSITORY", "acme/shop").run("merge-back", "--offline");

    assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(github.getAllServeEvents()).isEmpty();
  }

  @Test
  void forkBehindOurMainFailsTheCheckAndListsTheCommits() throws Exception {
    Path fork = tmp.resolve("fork");
    Git.cloneRepository().setURI(repo.dir().toUri().toString()).setDirectory(fork.toFile()).call().close();
    repo.git().remoteAdd().setName("security")
        .setUri(new org.eclipse.jgit.transport.URIish(fork.toUri().toURL())).call();
    RevCommit published = repo.commit("fix: public only", "pub.txt", "p\n");

    CliRunner.Result result = cli().run("merge-back", "--stale-after", "400d", "--fork-sync", "security", "--fetch",
        "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("stale").asInt()).isZero();
    assertThat(json.at("/forkSync/state").asText()).isEqualTo("behind");
    assertThat(json.at("/forkSync/onlyOnOurs/0").asText()).isEqualTo(published.name());
  }

  private static JsonNode find(JsonNode refs, String ref) {
    for (JsonNode r : refs) {
      if (r.path("ref").asText().equals(ref)) {
        return r;
      }
    }
    throw new AssertionError(ref + " not in " + refs);
  }
}
