package dev.trainyard.bugs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.http.RetryPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** deploy-bug with GitHub issues as the tracker, over real HTTP against a stateful issues API. */
class DeployBugGitHubTest {
  static final String TOKEN = "ghs_deploybugtesttoken000000000000000";
  static final String ISSUES = "/repos/example-org/yard/issues";

  private final GitHubIssuesServer github = new GitHubIssuesServer("example-org/yard", TOKEN);

  @RegisterExtension
  final WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(github)).build();

  @TempDir Path dir;

  private final FakeTime time = new FakeTime();
  private final RecordingReporter reporter = new RecordingReporter();
  private TrainyardConfig config;

  @BeforeEach
  void serve() {
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(GitHubIssuesServer.NAME)));
  }

  private DeployBugResult run(String tag, String... options) {
    return runWithToken(TOKEN, tag, options);
  }

  private DeployBugResult runWithToken(String token, String tag, String... options) {
    List<String> opts = List.of(options);
    DeployBugFlags flags = new DeployBugFlags("github", tag, opts.contains("production") ? "production" : null,
        opts.contains("qa"), opts.contains("dry-run"), null, null, null, null, null);
    GitHubEndpoint endpoint = new GitHubEndpoint(server.baseUrl(), "https://github.com", token,
        RepositorySlug.parse("example-org/yard", "test"));
    DeployBugRequest request = DeployBugRequest.resolve(config.deployBugOrDefaults(), flags, config.releaseOrDefaults(),
        dir, null, endpoint, config.deployOrDefaults(), config.deployDefaults("yard"),
        config.ownersOrDefaults());
    try (GitRepository repo = GitRepository.open(dir)) {
      return new DeployBugs(reporter, ExampleReleases.CLOCK, time, RetryPolicy.defaults()).run(repo, request);
    }
  }

  private int posts(String path) {
    return server.findAll(postRequestedFor(urlPathEqualTo(path))).size();
  }

  @Test
  void aTrainIsOneLabelledIssueWithItsPullRequestsDeployNotesAndARerunChangesNothing() {
    config = ExampleReleases.train(dir);
    github.seedPullRequest(22, "Store collections in a new table",
        "Adds a table.\n\n## Deploy notes\n<!-- what ops must do -->\n- Run `0042-collections.sql` before deploying sync-server.\n\n## Testing\nunit", true);
    github.seedPullRequest(23, "Deploy notes for train 4", "## Deploy notes\nNone", true);

    DeployBugResult first = run("v1.4.0");

    assertThat(first.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(first.url()).isEqualTo("https://github.com/example-org/yard/issues/" + first.id());
    assertThat(github.issues()).singleElement().satisfies(issue -> {
      assertThat(issue.path("title").asText()).isEqualTo("Please deploy yard train 4 (v1.4.0) to stage");
      assertThat(issue.path("labels").findValuesAsText("name")).containsExactly("deployment-request");
      assertThat(issue.path("body").asText())
          .contains("- From #22 Store collections in a new table (https://github.com/example-org/yard/pull/22):\n"
              + "  - Run `0042-collections.sql` before deploying sync-server.\n")
          .doesNotContain("#23 Deploy notes")
          .contains("<!-- [trainyard:yard:v1.4.0:stage] -->")
          .endsWith("<!-- [trainyard:yard:train-4] -->\n");
    });

    DeployBugResult again = run("v1.4.0");

    assertThat(again.action()).isEqualTo(DeployBugAction.UNCHANGED);
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(github.issues()).hasSize(1);
    assertThat(posts(ISSUES)).isEqualTo(1);
  }

  @Test
  void aPatchIsOneCommentOnTheTrainsIssue() {
    config = ExampleReleases.trainAndPatch(dir);
    long unrelated = github.seedIssue("Please deploy yard train 3", "train 3\n<!-- [trainyard:yard:train-3] -->",
        "open", "deployment-request");
    DeployBugResult train = run("v1.4.0");

    DeployBugResult patch = run("v1.4.1");

    assertThat(patch.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(patch.id()).isEqualTo(train.id()).isNotEqualTo(unrelated);
    assertThat(github.comments(train.id())).singleElement().satisfies(comment -> assertThat(comment.path("body").asText())
        .startsWith("Please deploy yard patch release v1.4.1 to stage.")
        .endsWith("<!-- [trainyard:yard:v1.4.1:stage] -->\n"));
    assertThat(run("v1.4.1").action()).isEqualTo(DeployBugAction.UNCHANGED);
    assertThat(github.comments(train.id())).hasSize(1);
    assertThat(github.comments(unrelated)).isEmpty();
  }

  @Test
  void anIssueWithoutItsLabelIsStillFoundThroughSearch() {
    config = ExampleReleases.trainAndPatch(dir);
    long filed = github.seedIssue("Please deploy yard train 4", "by hand\n<!-- [trainyard:yard:train-4] -->", "open", null);

    DeployBugResult patch = run("v1.4.1");

    assertThat(patch.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(patch.id()).isEqualTo(filed);
  }

  @Test
  void aClosedIssueIsRefused() {
    config = ExampleReleases.trainAndPatch(dir);
    long closed = github.seedIssue("Please deploy yard train 4", "x\n<!-- [trainyard:yard:train-4] -->", "closed",
        "deployment-request");

    assertThatThrownBy(() -> run("v1.4.1"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).startsWith("GitHub request " + closed + " (https://github.com/example-org/yard/issues/"
              + closed + ") is closed");
        });
    assertThat(github.comments(closed)).isEmpty();
  }

  @Test
  void badCredentialsAreOneLineWithoutTheToken() {
    config = ExampleReleases.train(dir);

    assertThatThrownBy(() -> runWithToken("ghs_expired", "v1.4.0"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).contains("HTTP 401 Bad credentials").contains("the token is invalid or expired")
              .doesNotContain("ghs_expired");
        });
  }

  @Test
  void twoRunsRacingLeaveOneOpenIssue() throws Exception {
    config = ExampleReleases.train(dir);
    github.holdSearches(2);
    List<DeployBugResult> results = FakeServer.race(() -> run("v1.4.0"));

    assertThat(results).extracting(DeployBugResult::action)
        .containsExactlyInAnyOrder(DeployBugAction.FILED, DeployBugAction.UNCHANGED);
    assertThat(posts(ISSUES)).isEqualTo(2);
    List<ObjectNode> issues = github.issues();
    assertThat(issues).hasSize(2);
    assertThat(issues.get(0).path("state").asText()).isEqualTo("open");
    assertThat(issues.get(1).path("state").asText()).isEqualTo("closed");
    assertThat(issues.get(1).path("state_reason").asText()).isEqualTo("not_planned");
    assertThat(issues.get(1).path("body").asText()).startsWith("Duplicate of #" + issues.get(0).path("number").asLong())
        .doesNotContain("<!-- [trainyard:yard:train-4] -->");
    assertThat(results).allSatisfy(r -> assertThat(r.id()).isEqualTo(issues.get(0).path("number").asLong()));
    assertThat(run("v1.4.0").action()).isEqualTo(DeployBugAction.UNCHANGED);
    assertThat(github.issues()).hasSize(2);
  }

  @Test
  void aRepeatedCommentIsDeletedAndTheFirstKept() {
    config = ExampleReleases.trainAndPatch(dir);
    long issue = github.seedIssue("Please deploy yard train 4", "x\n<!-- [trainyard:yard:train-4] -->", "open",
        "deployment-request");
    long kept = github.seedComment(issue, "patch, first run\n\n<!-- [trainyard:yard:v1.4.1:stage] -->\n");
    github.seedComment(issue, "patch, racing run\n\n<!-- [trainyard:yard:v1.4.1:stage] -->\n");

    DeployBugResult result = run("v1.4.1");

    assertThat(result.action()).isEqualTo(DeployBugAction.UNCHANGED);
    assertThat(result.notes()).anyMatch(n -> n.startsWith("retracted comment "));
    assertThat(github.comments(issue)).singleElement()
        .satisfies(c -> assertThat(c.path("id").asLong()).isEqualTo(kept));
  }
}
