package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No printed line carries a configured secret, for every command that takes one: stdout, stderr,
 * the step summary and the step outputs, in text and JSON mode, on the runner. The servers here are
 * hostile: they echo the Authorization header (or the secret itself) in their error messages and in
 * the data they return, so each test also checks that the echo reached the output, masked; without
 * masking it would fail. The only line allowed to name a secret is the runner's own
 * {@code ::add-mask::} command, which exists to hide it.
 */
class SecretLeakTest {
  private static final String TOKEN = "ghs_leakProbe0123456789abcdefXYZ";
  private static final String FLAG_TOKEN = "ghp_flagProbe9876543210zyxwvuABC";
  private static final String AWS_SECRET = "awsSecretProbe/abc+def0123456789XYZ";
  private static final String ECHO_AUTHORIZATION = "{{request.headers.Authorization}}";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  /** A run on the runner: outputs and summary go to files this test reads. */
  private record Run(CliRunner.Result result, String summary, String outputs) {
    String everything() {
      return result.out() + "\n" + result.err() + "\n" + summary + "\n" + outputs;
    }
  }

  private CliRunner actionsRunner(Path dir) {
    return new CliRunner(dir)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", tmp.resolve("outputs.txt").toString())
        .env("GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString())
        .env("GITHUB_API_URL", server.baseUrl())
        .env("GITHUB_SERVER_URL", server.baseUrl())
        .env("GITHUB_TOKEN", TOKEN);
  }

  private Run run(CliRunner runner, String... args) throws IOException {
    Files.deleteIfExists(tmp.resolve("outputs.txt"));
    Files.deleteIfExists(tmp.resolve("summary.md"));
    CliRunner.Result result = runner.run(args);
    return new Run(result, read(tmp.resolve("summary.md")), read(tmp.resolve("outputs.txt")));
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  /** Every form a secret takes on the wire: as is, and as the Basic credentials git sends. */
  private static List<String> forms(String... secrets) {
    List<String> forms = new ArrayList<>();
    for (String secret : secrets) {
      forms.add(secret);
      forms.add(Base64.getEncoder().encodeToString(("x-access-token:" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return forms;
  }

  private static void assertNoSecret(Run run, String... secrets) {
    for (String line : run.everything().split("\n", -1)) {
      if (line.startsWith("::add-mask::")) {
        continue;
      }
      for (String form : forms(secrets)) {
        assertThat(line).as("a printed line leaks a secret; whole run:\n" + run.result()
            + "\n--- summary\n" + run.summary() + "\n--- outputs\n" + run.outputs()).doesNotContain(form);
      }
    }
  }

  private static void echoAuthorizationEverywhere(int status) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"rejected Authorization: " + ECHO_AUTHORIZATION + "\","
            + "\"documentation_url\":\"https://docs.github.com/rest\"}")
        .withTransformers("response-template")));
  }

  @Test
  void verifyCiMasksAServerThatEchoesTheAuthorizationHeader() throws Exception {
    echoAuthorizationEverywhere(422);
    for (String[] args : List.of(
        new String[] {"verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0"},
        new String[] {"verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0", "--json"},
        new String[] {"verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0", "--token", FLAG_TOKEN},
        new String[] {"verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1.4.0", "--token=" + FLAG_TOKEN, "--json"})) {
      Run run = run(actionsRunner(tmp), args);

      assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCode.REMOTE);
      assertNoSecret(run, TOKEN, FLAG_TOKEN);
      assertThat(run.result().err()).as("the echo reached the output, masked").contains("Authorization: Bearer ***");
    }
  }

  @Test
  void verifyCiMasksASecretInTheChecksItReports() throws Exception {
    String sha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    String url = "https://github.com/acme/widgets/actions/runs/900/job/1?token=" + TOKEN;
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/commits/" + sha + "/check-runs"))
        .willReturn(okJson("{\"total_count\":1,\"check_runs\":[{\"id\":1,\"name\":\"build " + TOKEN + "\","
            + "\"head_sha\":\"" + sha + "\",\"status\":\"completed\",\"conclusion\":\"failure\","
            + "\"started_at\":\"2026-11-21T11:00:00Z\",\"completed_at\":\"2026-11-21T11:01:00Z\","
            + "\"html_url\":\"" + url + "\",\"details_url\":\"" + url + "\",\"check_suite\":{\"id\":7},"
            + "\"app\":{\"id\":1,\"slug\":\"github-actions\",\"name\":\"GitHub Actions\"},\"pull_requests\":[]}]}")));
    server.stubFor(get(urlPathEqualTo("/repos/acme/widgets/commits/" + sha + "/status"))
        .willReturn(okJson("{\"state\":\"failure\",\"sha\":\"" + sha + "\",\"total_count\":1,\"statuses\":[{"
            + "\"id\":2,\"context\":\"deploy/" + TOKEN + "\",\"state\":\"failure\",\"description\":\"saw " + TOKEN
            + "\",\"target_url\":null,\"created_at\":\"2026-11-21T11:00:00Z\",\"updated_at\":\"2026-11-21T11:00:00Z\"}]}")));

    for (boolean json : List.of(false, true)) {
      Run run = json ? run(actionsRunner(tmp), "verify-ci", "--repo-slug", "acme/widgets", "--ref", sha, "--json")
          : run(actionsRunner(tmp), "verify-ci", "--repo-slug", "acme/widgets", "--ref", sha);

      assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCode.CHECK_FAILED);
      assertNoSecret(run, TOKEN);
      assertThat(run.summary()).contains("build ***");
      assertThat(json ? run.result().out() : run.result().out()).contains("build ***");
    }
  }

  @Test
  void mergeBackMasksTrackingIssueErrorsThatEchoTheHeader() throws Exception {
    Path repo = tmp.resolve("repo");
    try (GitFixture fx = GitFixture.init(repo)) {
      fx.commit("initial", "a.txt", "a\n");
      fx.branch("train-1").commit("fix: one", "one.txt", "1\n");
      fx.checkout("main");
    }
    echoAuthorizationEverywhere(403);
    for (String[] args : List.of(
        new String[] {"merge-back", "--tracking-issue", "--all"},
        new String[] {"merge-back", "--tracking-issue", "--all", "--json"},
        new String[] {"merge-back", "--tracking-issue", "--all", "--token", FLAG_TOKEN, "--json"})) {
      Run run = run(actionsRunner(repo).env("GITHUB_REPOSITORY", "acme/widgets"), args);

      assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCode.REMOTE);
      assertNoSecret(run, TOKEN, FLAG_TOKEN);
      assertThat(run.result().err()).contains("Authorization: Bearer ***");
      if (List.of(args).contains("--json")) {
        JsonNode error = new ObjectMapper().readTree(run.result().out()).path("error");
        assertThat(error.path("kind").asText()).isEqualTo("REMOTE");
        assertThat(error.path("message").asText()).contains("Bearer ***");
      }
    }
  }

  @Test
  void cutMasksAReleaseDraftErrorThatEchoesTheHeader() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    Path repo = tmp.resolve("repo");
    try (GitFixture fx = GitFixture.init(repo)) {
      fx.commit("chore: start", "CHANGELOG.md", "# Change history\n\n## 1.10.0\n\nNo changes.\n");
      fx.tag("v1.10.0");
      fx.commit("feat(auth): passkeys " + TOKEN + " (#101)", "a.js", "1");
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", bare.toUri().toString());
      config.save();
    }
    server.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(okJson(CutGitHubReleaseTest.REPO_JSON)));
    server.stubFor(get(urlPathEqualTo("/repos/o/r/releases")).willReturn(okJson("[]")));
    server.stubFor(post(urlPathMatching("/repos/o/r/releases")).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Validation Failed for " + ECHO_AUTHORIZATION + "\",\"errors\":[]}")
        .withTransformers("response-template")));

    Run run = run(actionsRunner(repo).env("GITHUB_REPOSITORY", "o/r"), "cut", "--push", "--github-release");

    assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCode.REMOTE);
    assertNoSecret(run, TOKEN);
    assertThat(run.result().err()).contains("drafting the GitHub release failed");
    assertThat(run.result().err()).contains("(Validation Failed for token ***)");
  }

  @Test
  void cutDryRunMasksASecretInACommitSubject() throws Exception {
    Path repo = tmp.resolve("repo");
    try (GitFixture fx = GitFixture.init(repo)) {
      fx.commit("chore: start", "CHANGELOG.md", "# Change history\n\n## 1.10.0\n\nNo changes.\n");
      fx.tag("v1.10.0");
      fx.commit("feat(auth): oops, pasted " + TOKEN, "a.js", "1");
    }
    for (String[] args : List.of(new String[] {"cut", "--dry-run"}, new String[] {"cut", "--dry-run", "--json"},
        new String[] {"changelog", "--from", "v1.10.0", "--json"})) {
      Run run = run(actionsRunner(repo), args);

      assertThat(run.result().exitCode()).as(run.result().toString()).isZero();
      assertNoSecret(run, TOKEN);
      assertThat(run.result().out()).contains("oops, pasted ***");
    }
  }

  @Test
  void uploadAssetsMasksTheAwsSecretWhateverTheStoreAnswers() throws Exception {
    Path repo = tmp.resolve("site");
    Files.createDirectories(repo.resolve("assets"));
    Files.writeString(repo.resolve("assets/logo.svg"), "<svg/>");
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>key "
            + AWS_SECRET + " is not allowed</Message><RequestId>1</RequestId></Error>")));

    for (String[] args : List.of(
        new String[] {"upload-assets", "--target", "s3://bucket/static", "--endpoint", server.baseUrl(), "--path-style"},
        new String[] {"upload-assets", "--target", "s3://bucket/static", "--endpoint", server.baseUrl(), "--path-style",
            "--json"})) {
      Run run = run(actionsRunner(repo).env("AWS_ACCESS_KEY_ID", "AKIAPROBE").env("AWS_SECRET_ACCESS_KEY", AWS_SECRET)
          .env("AWS_REGION", "us-east-1"), args);

      assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCode.REMOTE);
      assertNoSecret(run, AWS_SECRET, TOKEN);
      assertThat(run.everything()).contains("key *** is not allowed");
    }
  }

  @Test
  void aTokenWithALineBreakIsRefusedWithoutShowingIt() throws Exception {
    String broken = "ghs_firstHalf0123\nsecondHalf4567";
    for (String[] args : List.of(
        new String[] {"verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1"},
        new String[] {"verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--json"})) {
      Run run = run(actionsRunner(tmp).env("GITHUB_TOKEN", broken), args);

      assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCode.USAGE);
      assertThat(run.result().err()).contains("GITHUB_TOKEN contains a line break at position 18 of 32")
          .doesNotContain("internal error");
      assertNoSecret(run, broken, "ghs_firstHalf0123", "secondHalf4567");
    }
    Run flag = run(actionsRunner(tmp), "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--token",
        "ghp_bell\u0007rings0123");
    assertThat(flag.result().exitCode()).as(flag.result().toString()).isEqualTo(ExitCode.USAGE);
    assertThat(flag.result().err()).contains("--token contains a control character at position 9");
    assertNoSecret(flag, "ghp_bell", "rings0123");
  }
}
