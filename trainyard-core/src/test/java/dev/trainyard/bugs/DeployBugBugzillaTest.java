package dev.trainyard.bugs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** deploy-bug against a Bugzilla 5 REST server over real HTTP (a stateful WireMock extension). */
class DeployBugBugzillaTest {
  static final String KEY = "bmo-key-9f3c1d8e7b6a5f4e3d2c1b0a";
  static final String SUMMARY = "Please deploy yard train 4 (v1.4.0) to stage";

  private final BugzillaServer bugzilla = new BugzillaServer(KEY);

  @RegisterExtension
  final WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(bugzilla)).build();

  @TempDir Path dir;

  private final FakeTime time = new FakeTime();
  private final RecordingReporter reporter = new RecordingReporter();
  private RetryPolicy policy = RetryPolicy.defaults();
  private TrainyardConfig config;

  @BeforeEach
  void serve() {
    server.stubFor(any(urlPathMatching("/rest/.*")).atPriority(10)
        .willReturn(aResponse().withTransformers(BugzillaServer.NAME)));
  }

  @AfterEach
  void keyOnlyInTheHeader() {
    for (LoggedRequest request : server.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
      assertThat(request.getUrl()).doesNotContain(KEY).doesNotContainIgnoringCase("api_key");
      assertThat(request.getBodyAsString()).doesNotContain(KEY);
    }
    reporter.infos().forEach(line -> assertThat(line).doesNotContain(KEY));
    reporter.warnings().forEach(line -> assertThat(line).doesNotContain(KEY));
  }

  private DeployBugResult run(String tag, String... options) {
    return runWithKey(KEY, tag, options);
  }

  private GitHubEndpoint github = GitHubEndpoint.defaults().withRepository(RepositorySlug.parse("example-org/yard", "test"));

  private DeployBugResult runWithKey(String key, String tag, String... options) {
    List<String> opts = List.of(options);
    String env = opts.contains("production") ? "production" : null;
    String closed = opts.contains("closed-comment") ? "comment" : null;
    String component = opts.stream().filter(o -> o.startsWith("component=")).map(o -> o.substring(10)).findFirst()
        .orElse(null);
    String product = opts.stream().filter(o -> o.startsWith("product=")).map(o -> o.substring(8)).findFirst()
        .orElse(null);
    DeployBugFlags flags = new DeployBugFlags("bugzilla", tag, env, opts.contains("qa"), opts.contains("dry-run"),
        server.baseUrl(), product, component, null, closed);
    DeployBugRequest request = DeployBugRequest.resolve(config.deployBugOrDefaults(), flags, config.releaseOrDefaults(),
        dir, key, github, config.deployOrDefaults(), config.deployDefaults("yard"),
        config.ownersOrDefaults());
    try (GitRepository repo = GitRepository.open(dir)) {
      return new DeployBugs(reporter, ExampleReleases.CLOCK, time, policy).run(repo, request);
    }
  }

  private int posts(String path) {
    return server.findAll(postRequestedFor(urlPathEqualTo(path))).size();
  }

  @Test
  void aTrainIsFiledOnceAndARerunChangesNothing() {
    config = ExampleReleases.train(dir);

    DeployBugResult first = run("v1.4.0");

    assertThat(first.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(bugzilla.bugs()).singleElement().satisfies(bug -> {
      assertThat(bug.path("id").asLong()).isEqualTo(first.id());
      assertThat(bug.path("summary").asText()).isEqualTo(SUMMARY);
      assertThat(bug.path("product").asText()).isEqualTo("Cloud Services");
      assertThat(bug.path("component").asText()).isEqualTo("Operations: Deployment Requests");
      assertThat(bug.path("whiteboard").asText()).isEqualTo("[trainyard:yard:train-4]");
      assertThat(bug.path("type").asText()).isEqualTo("task");
      // owners: has the release owner on duty on the day it is filed; they are copied as by hand
      assertThat(bug.path("cc").toString()).isEqualTo("[\"ada@example.invalid\"]");
    });
    assertThat(first.url()).isEqualTo(server.baseUrl() + "/show_bug.cgi?id=" + first.id());
    String description = bugzilla.comments(first.id()).get(0).path("text").asText();
    assertThat(description).isEqualTo(first.body())
        .startsWith("Please deploy yard train 4 (tag v1.4.0) to stage.")
        .contains("- Tag: https://github.com/example-org/yard/releases/tag/v1.4.0")
        .contains("- Changes: https://github.com/example-org/yard/compare/v1.3.1...v1.4.0")
        .contains("- QA (qa+): https://github.com/example-org/yard/issues?q=label%3Aqa%2B")
        .contains("- Release owner: Ada Lovelace (@ada-example)")
        .contains("1. auth-server\n2. sync-server\n3. content-server") // stage: waves, content-server after auth-server
        .contains("- `packages/sync-server/migrations/0042-collections.sql` (added)")
        .contains("- Set SYNC_COLLECTIONS_TABLE=collections before deploying sync-server.")
        .contains("- sync-server: https://github.com/example-org/yard/blob/v1.4.0/packages/sync-server/CHANGELOG.md"
            + " (2 changes)")
        .endsWith("\n\n[trainyard:yard:v1.4.0:stage]\n");

    DeployBugResult again = run("v1.4.0");

    assertThat(again.action()).isEqualTo(DeployBugAction.UNCHANGED);
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(bugzilla.comments(first.id())).hasSize(1);
    assertThat(posts("/rest/bug")).isEqualTo(1);
    assertThat(posts("/rest/bug/" + first.id() + "/comment")).isZero();
    assertThat(server.findAll(anyRequestedFor(urlPathMatching("/rest/.*"))))
        .allSatisfy(r -> assertThat(r.getHeader("X-BUGZILLA-API-KEY")).isEqualTo(KEY));
  }

  @Test
  void aPatchCommentsOnceOnTheTrainsRequest() {
    config = ExampleReleases.trainAndPatch(dir);
    long other = bugzilla.seed("Please deploy yard train 3 (v1.3.0) to stage", "[trainyard:yard:train-3]", "train 3", true);
    DeployBugResult train = run("v1.4.0");

    DeployBugResult patch = run("v1.4.1");

    assertThat(patch.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(patch.id()).isEqualTo(train.id()).isNotEqualTo(other);
    assertThat(bugzilla.comments(other)).hasSize(1);
    List<ObjectNode> comments = bugzilla.comments(train.id());
    assertThat(comments).hasSize(2);
    ObjectNode comment = comments.get(1);
    assertThat(comment.path("is_markdown").asBoolean()).isTrue();
    assertThat(comment.path("text").asText()).isEqualTo(patch.body())
        .startsWith("Please deploy yard patch release v1.4.1 to stage.")
        .contains("- Changes since v1.4.0: https://github.com/example-org/yard/compare/v1.4.0...v1.4.1")
        .contains("### auth-server\n- fix(auth): keep the session when the clock skews ([")
        .doesNotContain("### content-server")
        .doesNotContain("Set SYNC_COLLECTIONS_TABLE") // the notes file did not change in the patch
        .endsWith("[trainyard:yard:v1.4.1:stage]\n");

    assertThat(run("v1.4.1").action()).isEqualTo(DeployBugAction.UNCHANGED);
    assertThat(bugzilla.comments(train.id())).hasSize(2);
  }

  @Test
  void aPatchWithoutATrainRequestFilesOneAndSaysSo() {
    config = ExampleReleases.trainAndPatch(dir);

    DeployBugResult result = run("v1.4.1");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(result.notes()).anyMatch(n -> n.contains("no deployment request for train 4 was found"));
    assertThat(reporter.warnings()).anyMatch(w -> w.contains("no deployment request for train 4 was found"));
    assertThat(bugzilla.bugs()).singleElement()
        .satisfies(bug -> assertThat(bug.path("whiteboard").asText()).isEqualTo("[trainyard:yard:train-4]"));
    assertThat(result.body()).contains("No deployment request for train 4 was found, so this one was filed for the patch.");
    assertThat(run("v1.4.1").action()).isEqualTo(DeployBugAction.UNCHANGED);
  }

  @Test
  void aClosedRequestIsRefusedWithAHintUnlessConfiguredToComment() {
    config = ExampleReleases.trainAndPatch(dir);
    long closed = bugzilla.seed(SUMMARY, "[trainyard:yard:train-4]", "filed by hand", false);

    assertThatThrownBy(() -> run("v1.4.1"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).contains("request " + closed).contains("is closed (RESOLVED FIXED)");
          assertThat(e.hint()).contains("--closed-bug comment");
        });
    assertThat(posts("/rest/bug/" + closed + "/comment")).isZero();

    DeployBugResult result = run("v1.4.1", "closed-comment");
    assertThat(result.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(result.notes()).anyMatch(n -> n.contains("is closed") && n.contains("commenting anyway"));
    assertThat(bugzilla.comments(closed)).hasSize(2);
  }

  @Test
  void anInvalidKeyIsOneLineWithoutTheKey() {
    config = ExampleReleases.train(dir);

    assertThatThrownBy(() -> runWithKey("bmo-wrong-key-000", "v1.4.0"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).isEqualTo("Bugzilla GET /rest/bug failed: HTTP 400, Bugzilla error 306: The API"
              + " key you specified is invalid. Please check that you typed it correctly. (the API key is invalid,"
              + " revoked or not allowed here)").doesNotContain("bmo-wrong-key");
          assertThat(e.hint()).contains("BUGZILLA_API_KEY").contains("userprefs.cgi?tab=apikey");
        });
  }

  @Test
  void anHttp401IsAnAuthenticationError() {
    config = ExampleReleases.train(dir);
    server.stubFor(get(urlPathEqualTo("/rest/bug")).atPriority(1).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody(BugzillaServer.errorBody(410, "You must log in before using this part of Bugzilla."))));

    assertThatThrownBy(() -> run("v1.4.0"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).contains("HTTP 401, Bugzilla error 410: You must log in")
              .contains("the API key is invalid").doesNotContain(KEY);
        });
  }

  @Test
  void withoutAKeyARealRunStopsBeforeAnyCallAndADryRunWorksOffline() {
    config = ExampleReleases.train(dir);

    assertThatThrownBy(() -> runWithKey(null, "v1.4.0"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).contains("BUGZILLA_API_KEY is not set");
        });
    DeployBugResult dry = runWithKey(null, "v1.4.0", "dry-run");
    assertThat(dry.action()).isEqualTo(DeployBugAction.WOULD_FILE);
    assertThat(dry.summary()).isEqualTo(SUMMARY);
    assertThat(dry.body()).startsWith("Please deploy yard train 4").endsWith("[trainyard:yard:v1.4.0:stage]\n");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBugzillaErrorCodeForAWrongComponentOrProductNamesTheFlag() {
    config = ExampleReleases.train(dir);

    assertThatThrownBy(() -> run("v1.4.0", "component=Operations: Deployment Request"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo("Bugzilla POST /rest/bug failed: HTTP 400, Bugzilla error 105: There is"
              + " no component named 'Operations: Deployment Request' in the 'Cloud Services' product.");
          assertThat(e.hint()).contains("--component");
        });
    // 106 comes as HTTP 401 but is about the product, not the key
    assertThatThrownBy(() -> run("v1.4.0", "product=Cloud Service"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).contains("HTTP 401, Bugzilla error 106: Product 'Cloud Service' does not exist");
          assertThat(e.hint()).contains("--product");
        });
    assertThat(bugzilla.bugs()).isEmpty();
  }

  @Test
  void a503IsRetriedAndTheRequestFiledOnce() {
    config = ExampleReleases.train(dir);
    server.stubFor(get(urlPathEqualTo("/rest/bug")).atPriority(1).inScenario("search").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")).willSetStateTo("search ok"));
    server.stubFor(post(urlPathEqualTo("/rest/bug")).atPriority(1).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("create ok"));

    DeployBugResult result = run("v1.4.0");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(posts("/rest/bug")).isEqualTo(2);
    assertThat(time.sleeps()).first().hasToString("PT3S");
    assertThat(reporter.warnings()).anyMatch(w -> w.contains("HTTP 503; not retried because the server may have acted"
        + " on it; checking whether it arrived"));
  }

  @Test
  void aCreateWhoseAnswerIsLostIsFoundInsteadOfFiledTwice() {
    config = ExampleReleases.train(dir);
    bugzilla.loseAnswersOfCreates(1);

    DeployBugResult result = run("v1.4.0");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(posts("/rest/bug")).isEqualTo(1);
    assertThat(reporter.infos()).contains("it had arrived; not sending it again");
  }

  @Test
  void twoRunsRacingLeaveOneRequest() throws Exception {
    config = ExampleReleases.train(dir);
    bugzilla.holdSearches(2);
    List<DeployBugResult> results = FakeServer.race(() -> run("v1.4.0"));

    assertThat(results).extracting(DeployBugResult::action)
        .containsExactlyInAnyOrder(DeployBugAction.FILED, DeployBugAction.UNCHANGED);
    assertThat(posts("/rest/bug")).isEqualTo(2); // both filed: the race happened
    List<ObjectNode> bugs = bugzilla.bugs();
    long first = bugs.get(0).path("id").asLong();
    assertThat(results).allSatisfy(r -> assertThat(r.id()).isEqualTo(first));
    assertThat(bugs.get(1).path("resolution").asText()).isEqualTo("DUPLICATE");
    assertThat(bugs.get(1).path("dupe_of").asLong()).isEqualTo(first);
    assertThat(bugs.get(0).path("is_open").asBoolean()).isTrue();
    assertThat(bugzilla.comments(first)).hasSize(1);
    assertThat(results).filteredOn(r -> r.action() == DeployBugAction.UNCHANGED).singleElement()
        .satisfies(r -> assertThat(r.notes()).anyMatch(n -> n.contains("closed " + bugs.get(1).path("id").asLong()
            + " as its duplicate")));

    DeployBugResult later = run("v1.4.0");
    assertThat(later.action()).isEqualTo(DeployBugAction.UNCHANGED);
    assertThat(later.id()).isEqualTo(bugzilla.bugs().get(0).path("id").asLong());
  }

  @Test
  void aRepeatedCommentIsTaggedObsoleteAndLeftAloneOtherwise() {
    config = ExampleReleases.trainAndPatch(dir);
    DeployBugResult train = run("v1.4.0");
    bugzilla.seedComment(train.id(), "patch v1.4.1 by an earlier run\n\n[trainyard:yard:v1.4.1:stage]\n");
    bugzilla.seedComment(train.id(), "the same, by a racing run\n\n[trainyard:yard:v1.4.1:stage]\n");

    DeployBugResult result = run("v1.4.1");

    assertThat(result.action()).isEqualTo(DeployBugAction.UNCHANGED);
    List<ObjectNode> comments = bugzilla.comments(train.id());
    assertThat(comments).hasSize(3);
    assertThat(comments.get(1).path("tags").toString()).isEqualTo("[]");
    assertThat(comments.get(2).path("tags").toString()).isEqualTo("[\"obsolete\"]");
  }

  @Test
  void markdownIsDroppedWhereTheServerHasItOff() {
    config = ExampleReleases.trainAndPatch(dir);
    bugzilla.disableMarkdown();
    DeployBugResult train = run("v1.4.0");

    DeployBugResult patch = run("v1.4.1");

    assertThat(patch.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(bugzilla.comments(train.id())).hasSize(2);
    assertThat(bugzilla.comments(train.id()).get(1).path("is_markdown").asBoolean()).isFalse();
  }

  @Test
  void productionAndQaAreCommentsOnTheTrainsRequest() {
    config = ExampleReleases.train(dir);
    DeployBugResult train = run("v1.4.0");

    DeployBugResult qa = run("v1.4.0", "qa");
    DeployBugResult production = run("v1.4.0", "production");

    assertThat(qa.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(qa.body()).startsWith("yard v1.4.0 is on stage: please QA it.")
        .contains("- QA (qa+): https://github.com/example-org/yard/issues?q=label%3Aqa%2B")
        .doesNotContain("## Changelogs").endsWith("[trainyard:yard:v1.4.0:qa]\n");
    assertThat(production.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(production.body()).startsWith("Please deploy yard train 4 (tag v1.4.0) to production.")
        .contains("packages/sync-server/migrations/0042-collections.sql")
        // deploy-order's production rules: auth first, then what touches the database, content last
        .contains("## Deploy order\n1. auth-server\n2. sync-server\n3. content-server\n")
        .endsWith("[trainyard:yard:v1.4.0:production]\n");
    assertThat(bugzilla.comments(train.id())).hasSize(3);
    assertThat(run("v1.4.0", "production").action()).isEqualTo(DeployBugAction.UNCHANGED);
  }

  @Test
  void aDryRunReadsButNeverWrites() {
    config = ExampleReleases.trainAndPatch(dir);

    DeployBugResult wouldFile = run("v1.4.0", "dry-run");
    assertThat(wouldFile.action()).isEqualTo(DeployBugAction.WOULD_FILE);
    assertThat(wouldFile.destination()).isEqualTo("Cloud Services :: Operations: Deployment Requests on "
        + server.baseUrl());
    DeployBugResult filed = run("v1.4.0");
    DeployBugResult wouldComment = run("v1.4.1", "dry-run");
    assertThat(wouldComment.action()).isEqualTo(DeployBugAction.WOULD_COMMENT);
    assertThat(wouldComment.id()).isEqualTo(filed.id());
    assertThat(wouldComment.body()).startsWith("Please deploy yard patch release v1.4.1 to stage.");
    assertThat(posts("/rest/bug")).isEqualTo(1);
    assertThat(posts("/rest/bug/" + filed.id() + "/comment")).isZero();
  }

  @Test
  void aRequestClosedAsADuplicateLeadsToTheOneItDuplicates() {
    config = ExampleReleases.trainAndPatch(dir);
    long ops = bugzilla.seed("Deploy yard 4 (ops' own bug)", "", "ops filed this", true);
    DeployBugResult train = run("v1.4.0");
    bugzilla.markDuplicate(train.id(), ops);

    DeployBugResult patch = run("v1.4.1");

    assertThat(patch.action()).isEqualTo(DeployBugAction.COMMENTED);
    assertThat(patch.id()).isEqualTo(ops);
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/rest/bug/" + ops)))).isNotEmpty();
  }

  @Test
  void pullRequestsThatCannotBeReadLeaveTheirNotesOutButNotTheRequest() {
    config = ExampleReleases.train(dir);
    github = new GitHubEndpoint(server.baseUrl(), "https://github.com", "ghs_unreachablepulls",
        RepositorySlug.parse("example-org/yard", "test"));
    server.stubFor(get(urlPathMatching("/repos/.*")).atPriority(1).willReturn(aResponse().withStatus(500)));

    DeployBugResult result = run("v1.4.0");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(reporter.warnings()).anyMatch(w -> w.startsWith("the pull requests' deploy notes are left out: GitHub API GET"));
    assertThat(server.findAll(getRequestedFor(urlPathMatching("/repos/.*")))).hasSize(4); // one lookup, retried, then given up
    assertThat(result.body()).contains("- Set SYNC_COLLECTIONS_TABLE=collections");
  }

  // Faults on the wire, each injected once (a WireMock scenario) in front of the stateful server.

  private int faults;

  private void once(MappingBuilder request, ResponseDefinitionBuilder fault) {
    server.stubFor(request.atPriority(1).inScenario("fault " + ++faults).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(fault).willSetStateTo("served"));
  }

  @Test
  void a429IsWaitedOutAsRetryAfterSaysForReadsAndWritesAlike() {
    config = ExampleReleases.train(dir);
    once(get(urlPathEqualTo("/rest/bug")), aResponse().withStatus(429).withHeader("Retry-After", "7"));
    once(post(urlPathEqualTo("/rest/bug")), aResponse().withStatus(429).withHeader("Retry-After", "2"));

    DeployBugResult result = run("v1.4.0");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(posts("/rest/bug")).as("a 429 was not acted on, so the create is simply sent again").isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    assertThat(reporter.warnings()).contains(
        "Bugzilla GET /rest/bug: HTTP 429; retrying in 7s (attempt 2 of 4)",
        "Bugzilla POST /rest/bug: HTTP 429; retrying in 2s (attempt 2 of 4)");
  }

  @Test
  void aResetReadIsRetriedAndAResetCreateIsLookedForBeforeItIsSentAgain() {
    config = ExampleReleases.train(dir);
    once(get(urlPathEqualTo("/rest/bug")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    once(post(urlPathEqualTo("/rest/bug")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    DeployBugResult result = run("v1.4.0");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(posts("/rest/bug")).isEqualTo(2);
    assertThat(reporter.warnings()).anyMatch(w -> w.startsWith("Bugzilla POST /rest/bug failed: ")
        && w.endsWith("; not retried because the server may have acted on it; checking whether it arrived"));
    assertThat(bugzilla.comments(result.id())).hasSize(1);
  }

  @Test
  void aBodyThatStallsPastTheTimeoutIsRetried() {
    config = ExampleReleases.train(dir);
    // The timeout bounds every request of the run, and all but the first must succeed within it: 5 s,
    // so that a loaded CI machine answering them late does not time them out too.
    policy = RetryPolicy.defaults().withRequestTimeout(Duration.ofSeconds(5));
    // the headers arrive at once; the body dribbles for a minute, long past the 5 s the whole answer may take
    once(get(urlPathEqualTo("/rest/bug")), aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"faults\": [], \"bugs\": []}").withChunkedDribbleDelay(5, 60_000));

    DeployBugResult result = run("v1.4.0");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(reporter.warnings()).anyMatch(w -> w.startsWith(
        "Bugzilla GET /rest/bug: no complete response within 5s; retrying in"));
  }

  @Test
  void malformedJsonIsRetriedForReadsAndLookedForAfterACreate() {
    config = ExampleReleases.train(dir);
    once(get(urlPathEqualTo("/rest/bug")), aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"faults\": [], \"bugs\": [{\"id\": 19"));
    once(post(urlPathEqualTo("/rest/bug")), aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":"));

    DeployBugResult result = run("v1.4.0");

    assertThat(result.action()).isEqualTo(DeployBugAction.FILED);
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(reporter.warnings()).contains(
        "Bugzilla GET /rest/bug: malformed JSON (HTTP 200); retrying in 0.75s (attempt 2 of 4)",
        "Bugzilla POST /rest/bug answered malformed JSON (HTTP 200); the server may have acted on it;"
            + " checking whether it arrived");
  }

  @Test
  void faultsThatOutlastTheRetriesAreOneRemoteLineAndHtmlIsAWrongUrl() {
    config = ExampleReleases.train(dir);
    server.stubFor(get(urlPathEqualTo("/rest/bug")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"bugs\": [")));

    assertThatThrownBy(() -> run("v1.4.0")).isInstanceOfSatisfying(TrainyardException.class, e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
      assertThat(e.getMessage()).isEqualTo("Bugzilla GET /rest/bug answered malformed JSON (HTTP 200, 4 attempts)");
    });
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/rest/bug")))).hasSize(4);

    server.stubFor(get(urlPathEqualTo("/rest/bug")).atPriority(1).willReturn(aResponse().withStatus(502)));
    assertThatThrownBy(() -> run("v1.4.0")).isInstanceOfSatisfying(TrainyardException.class, e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
      assertThat(e.getMessage()).isEqualTo("Bugzilla GET /rest/bug failed: HTTP 502 after 4 attempts");
    });

    server.stubFor(get(urlPathEqualTo("/rest/bug")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<!DOCTYPE html><title>Sign in</title>")));
    assertThatThrownBy(() -> run("v1.4.0")).isInstanceOfSatisfying(TrainyardException.class, e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
      assertThat(e.getMessage()).startsWith("Bugzilla GET /rest/bug answered HTTP 200 without Bugzilla's JSON");
      assertThat(e.hint()).contains("--bugzilla-url");
    });
    assertThat(bugzilla.bugs()).isEmpty();
  }
}
