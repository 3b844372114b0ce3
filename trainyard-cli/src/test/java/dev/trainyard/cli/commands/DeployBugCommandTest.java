package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.bugs.BugzillaServer;
import dev.trainyard.bugs.GitHubIssuesServer;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy-bug end to end through the CLI, in the repository {@code trainyard example} makes after a
 * real {@code cut} and a {@code cut --patch}, against Bugzilla and GitHub servers on loopback.
 */
class DeployBugCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "bmo-cli-key-5d4c3b2a190817263544";
  static final String TOKEN = "ghs_clitesttoken11112222333344445555";

  private final BugzillaServer bugzilla = new BugzillaServer(KEY);
  private final GitHubIssuesServer github = new GitHubIssuesServer("example-org/yard", TOKEN);

  @RegisterExtension
  final WireMockExtension bugzillaHttp = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(bugzilla)).build();

  @RegisterExtension
  final WireMockExtension githubHttp = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(github)).build();

  @TempDir Path work;
  private Path yard;
  private CliRunner.Result trainCut;

  @BeforeEach
  void exampleWithATrainAndAPatch() {
    bugzillaHttp.stubFor(any(urlPathMatching("/rest/.*")).atPriority(10)
        .willReturn(aResponse().withTransformers(BugzillaServer.NAME)));
    githubHttp.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(GitHubIssuesServer.NAME)));
    yard = work.resolve("yard");
    CliRunner cli = new CliRunner(work);
    assertThat(cli.run("example", yard.toString()).exitCode()).isZero();
    trainCut = cli.run("cut", "--repo", yard.toString());
    assertThat(trainCut.exitCode()).as(trainCut.toString()).isZero();
    try (GitFixture fx = GitFixture.open(yard)) {
      fx.at(Instant.parse("2026-11-21T09:00:00Z"));
      fx.commit("fix(auth): keep the session when the clock skews (#24)", "packages/auth-server/index.js",
          "console.log('auth-server, patched');\n");
    }
    CliRunner.Result patch = cli.run("cut", "--patch", "--repo", yard.toString());
    assertThat(patch.exitCode()).as(patch.toString()).isZero();
  }

  private CliRunner inActions(Path outputs, Path summary) {
    return new CliRunner(yard)
        .env("BUGZILLA_API_KEY", KEY)
        .env("GITHUB_TOKEN", TOKEN)
        .env("GITHUB_API_URL", githubHttp.baseUrl())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", outputs.toString())
        .env("GITHUB_STEP_SUMMARY", summary.toString());
  }

  @Test
  void theTrainIsFiledThePatchCommentedAndReRunsChangeNothing() throws Exception {
    Path outputs = work.resolve("outputs");
    Path summary = work.resolve("summary");
    CliRunner cli = inActions(outputs, summary);
    String url = bugzillaHttp.baseUrl();

    CliRunner.Result train = cli.run("deploy-bug", "--tracker", "bugzilla", "--bugzilla-url", url, "--version", "v1.4.0",
        "--json");
    assertThat(train.exitCode()).as(train.toString()).isZero();
    JsonNode filed = JSON.readTree(train.out());
    assertThat(filed.path("action").asText()).isEqualTo("filed");
    long id = filed.path("id").asLong();
    assertThat(filed.path("url").asText()).isEqualTo(url + "/show_bug.cgi?id=" + id);
    assertThat(filed.path("body").asText()).startsWith("Please deploy yard train 4 (tag v1.4.0) to stage.");
    assertThat(Files.readString(outputs)).contains("action<<").contains("\nfiled\n").contains("\n" + id + "\n");
    assertThat(Files.readString(summary)).contains("### trainyard deploy-bug: filed");

    CliRunner.Result patch = cli.run("deploy-bug", "--tracker", "bugzilla", "--bugzilla-url", url, "--version", "v1.4.1",
        "--json");
    JsonNode commented = JSON.readTree(patch.out());
    assertThat(commented.path("action").asText()).as(patch.toString()).isEqualTo("commented");
    assertThat(commented.path("id").asLong()).isEqualTo(id);

    for (String tag : List.of("v1.4.0", "v1.4.1")) {
      CliRunner.Result again = cli.run("deploy-bug", "--tracker", "bugzilla", "--bugzilla-url", url, "--version", tag,
          "--json");
      assertThat(JSON.readTree(again.out()).path("action").asText()).as(again.toString()).isEqualTo("unchanged");
    }
    assertThat(bugzilla.bugs()).hasSize(1);
    assertThat(bugzilla.comments(id)).hasSize(2);

    CliRunner.Result text = new CliRunner(yard).run("deploy-bug", "--dry-run", "--version", "v1.4.1");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).startsWith("Would comment on the release's existing request (dry run, Bugzilla not asked):")
        .contains("  Please deploy yard patch release v1.4.1 to stage.");
  }

  @Test
  void theGitHubTrackerNeedsOnlyTheTrackerFlag() throws Exception {
    CliRunner cli = inActions(work.resolve("outputs"), work.resolve("summary"));

    CliRunner.Result train = cli.run("deploy-bug", "--tracker", "github", "--version", "v1.4.0", "--json");

    assertThat(train.exitCode()).as(train.toString()).isZero();
    JsonNode json = JSON.readTree(train.out());
    assertThat(json.path("action").asText()).isEqualTo("filed");
    assertThat(json.path("url").asText()).isEqualTo("https://github.com/example-org/yard/issues/" + json.path("id").asLong());
    assertThat(github.issues()).singleElement()
        .satisfies(issue -> assertThat(issue.path("title").asText()).isEqualTo("Please deploy yard train 4 (v1.4.0) to stage"));
  }

  @Test
  void theActionInputsCarryTheKeyAndTheFlags() throws Exception {
    CliRunner.Result result = new CliRunner(yard)
        .env("INPUT_COMMAND", "deploy-bug")
        .env("INPUT_ARGS", "")
        .env("INPUT_BUGZILLA-API-KEY", KEY)
        .env("INPUT_TRACKER", "bugzilla")
        .env("INPUT_BUGZILLA-URL", bugzillaHttp.baseUrl())
        .env("INPUT_VERSION", "v1.4.0")
        .env("INPUT_DRY-RUN", "")
        .run("deploy-bug");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("Filed Bugzilla request ");
    assertThat(bugzilla.bugs()).hasSize(1);
  }

  @Test
  void noLinePrintedAnywhereCarriesTheKeyOrTheToken() throws Exception {
    Path outputs = work.resolve("outputs");
    Path summary = work.resolve("summary");
    CliRunner cli = inActions(outputs, summary);
    String url = bugzillaHttp.baseUrl();
    List<CliRunner.Result> results = new ArrayList<>();
    results.add(cli.run("deploy-bug", "--verbose", "--bugzilla-url", url, "--version", "v1.4.0", "--product", "Nope",
        "--stacktrace"));
    results.add(cli.run("deploy-bug", "--verbose", "--bugzilla-url", url, "--version", "v1.4.0"));
    results.add(cli.run("deploy-bug", "--verbose", "--bugzilla-url", url, "--version", "v1.4.1", "--json"));
    results.add(cli.run("deploy-bug", "--verbose", "--bugzilla-url", url, "--version", "v1.4.1", "--dry-run"));
    results.add(cli.run("deploy-bug", "--verbose", "--tracker", "github", "--version", "v1.4.0", "--json"));
    results.add(inActions(outputs, summary).env("BUGZILLA_API_KEY", "bmo-wrong-" + KEY)
        .run("deploy-bug", "--verbose", "--bugzilla-url", url, "--version", "v1.4.0", "--env", "production"));
    results.add(inActions(outputs, summary).env("GITHUB_TOKEN", "ghs_wrong" + TOKEN)
        .run("deploy-bug", "--verbose", "--tracker", "github", "--version", "v1.4.1", "--json"));

    assertThat(results).extracting(CliRunner.Result::exitCode)
        .containsExactly(ExitCode.USAGE, 0, 0, 0, 0, ExitCode.REMOTE, ExitCode.REMOTE);
    List<String> lines = new ArrayList<>();
    for (CliRunner.Result result : results) {
      lines.addAll(result.out().lines().toList());
      lines.addAll(result.err().lines().toList());
    }
    lines.addAll(Files.readAllLines(outputs, StandardCharsets.UTF_8));
    lines.addAll(Files.readAllLines(summary, StandardCharsets.UTF_8));
    // The runner consumes ::add-mask:: commands and hides the value from then on; they are the one
    // place a secret may appear, and must, so everything after them is masked.
    List<String> masks = lines.stream().filter(l -> l.startsWith("::add-mask::")).toList();
    assertThat(masks).contains("::add-mask::" + KEY, "::add-mask::" + TOKEN);
    assertThat(lines.stream().filter(l -> !l.startsWith("::add-mask::")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).doesNotContain(KEY).doesNotContain(TOKEN));
  }

  @Test
  void aTemplateMistakeIsOneLineWithItsPosition() throws Exception {
    Path template = work.resolve("request.mustache");
    Files.writeString(template, "Deploy {{product}}\n{{#packages}}\n- {{nmae}}\n{{/packages}}\n");

    CliRunner.Result result = new CliRunner(yard).run("deploy-bug", "--dry-run", "--version", "v1.4.0",
        "--template", template.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).startsWith("trainyard: error: " + template + ":3:3: unknown name 'nmae'\n")
        .contains("hint: did you mean 'name'?");
  }

  @Test
  void cutPrintedTheTextDeployBugFilesAndTemplateReplacesIt() throws Exception {
    CliRunner.Result dry = new CliRunner(yard).run("deploy-bug", "--dry-run", "--version", "v1.4.0", "--json");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    String body = JSON.readTree(dry.out()).path("body").asText();
    String marker = "\n\n[trainyard:yard:v1.4.0:stage]\n";
    assertThat(body).startsWith("Please deploy yard train 4 (tag v1.4.0) to stage.").endsWith(marker);
    // one template, one model: what cut printed for train 4 (indented) is what deploy-bug files for its tag
    String indented = body.substring(0, body.length() - marker.length()).lines().map(l -> "  " + l)
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(trainCut.out()).contains(indented);

    Path template = work.resolve("request.mustache");
    Files.writeString(template, "Ship {{product}} {{tag}}:\n{{#services}}{{position}}={{name}} {{/services}}\n");
    CliRunner.Result mine = new CliRunner(yard).run("deploy-bug", "--dry-run", "--version", "v1.4.0", "--json",
        "--template", template.toString());
    assertThat(mine.exitCode()).as(mine.toString()).isZero();
    assertThat(JSON.readTree(mine.out()).path("body").asText())
        .isEqualTo("Ship yard v1.4.0:\n1=auth-server 2=sync-server 3=content-server" + marker);
  }
}
