package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.release.RepositoryTaggingStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cut --scheme date --repos} end to end, no clone: WireMock as GitHub's git-data API, with
 * the middle repository refusing (422, the tag exists on another commit). What the release owner
 * reads: which repositories were tagged, which failed, the exact undo, exit 1, one compare link per
 * repository in the step summary, {@code complete=false} as an output, and never the token.
 */
class CutRepositoriesTest {
  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  CliRunner runner() {
    return new CliRunner(tmp).clock(Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC))
        .env("GITHUB_API_URL", github.baseUrl()).env("GITHUB_TOKEN", "ghs_secret").env("GITHUB_REPOSITORY", "o/server");
  }

  @Test
  void aRepositoryRefusingInTheMiddleIsReportedWithTheUndoAndExitOne() throws Exception {
    new RepositoryTaggingStubs(github).threeRepositories();
    Path summary = tmp.resolve("summary.md");
    Path outputs = tmp.resolve("outputs.txt");

    CliRunner.Result result = runner().env("GITHUB_ACTIONS", "true").env("GITHUB_STEP_SUMMARY", summary.toString())
        .env("GITHUB_OUTPUT", outputs.toString()).run("cut", "--scheme", "date", "--repos", "server,frontend,o/linter");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    // In Actions the token is masked first, once; no other line carries it.
    assertThat(result.out()).startsWith("::add-mask::ghs_secret\n");
    assertThat(result.out().lines().filter(line -> line.startsWith("::add-mask::"))).containsExactly("::add-mask::ghs_secret");
    String shown = result.out().lines().filter(line -> !line.startsWith("::add-mask::"))
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(shown).startsWith("Date tags for 2026-11-26\n")
        .contains("  o/server: tagged 2026.11.26 on master (5ea1f2b)\n"
            + "    https://github.com/o/server/compare/2026.11.19...2026.11.26\n")
        .contains("  o/frontend: FAILED 2026.11.26 on master (f0e1d2c): o/frontend: GitHub refused tag 2026.11.26"
            + " (HTTP 422 Reference already exists): it already exists at 0badc0d, not at master (f0e1d2c)\n"
            + "  o/linter: not attempted 2026.11.26-1 on main (11a2b3c): not attempted after the failure above\n\n")
        .endsWith("Not all repositories were tagged. To take back the tags this run made:\n"
            + "  gh api -X DELETE repos/o/server/git/refs/tags/2026.11.26\n");
    assertThat(Files.readString(outputs)).contains("complete").contains("false");
    assertThat(Files.readString(summary)).contains("### trainyard cut: date tags for 2026-11-26")
        .contains("| o/server | `2026.11.26` | tagged | [2026.11.19...2026.11.26](https://github.com/o/server/compare/2026.11.19...2026.11.26) |")
        .contains("gh api -X DELETE repos/o/server/git/refs/tags/2026.11.26");
    assertThat(shown + result.err() + Files.readString(summary)
        + Files.readString(outputs)).doesNotContain("ghs_secret");
    assertThat(Files.readString(summary)).contains("| o/linter | `2026.11.26-1` | not attempted: not attempted after the"
        + " failure above | - |");
    github.verify(0, postRequestedFor(urlPathMatching("/repos/o/linter/.*")));
  }

  @Test
  void aDryRunPlansEveryRepositoryAsJsonAndWritesNothing() throws Exception {
    new RepositoryTaggingStubs(github).threeRepositories();

    CliRunner.Result result = runner().run("cut", "--scheme", "date", "--repos", "server,linter", "--dry-run", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("date").asText()).isEqualTo("2026-11-26");
    assertThat(json.get("dryRun").asBoolean()).isTrue();
    assertThat(json.get("repositories")).hasSize(2);
    assertThat(json.get("repositories").get(0).get("repository").asText()).isEqualTo("o/server");
    assertThat(json.get("repositories").get(0).get("tag").asText()).isEqualTo("2026.11.26");
    assertThat(json.get("repositories").get(1).get("tag").asText()).isEqualTo("2026.11.26-1");
    assertThat(json.get("repositories").get(1).get("status").asText()).isEqualTo("PLANNED");
    assertThat(json.get("undo")).isEmpty();
    github.verify(0, postRequestedFor(urlPathMatching("/repos/.*")));
  }

  @Test
  void reposWithoutATokenIsAUsageErrorNamingTheFlag() {
    CliRunner.Result result = new CliRunner(tmp).env("GITHUB_REPOSITORY", "o/server")
        .run("cut", "--scheme", "date", "--repos", "server,frontend");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("--repos writes tags through the GitHub API, which needs a token");
  }
}
