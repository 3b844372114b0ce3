package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightCommandTest {
  private static final Clock TUESDAY = Clock.fixed(Instant.parse("2026-01-20T10:00:00Z"), ZoneOffset.UTC);
  private static final String CONFIG = """
      release:
        scheme: train
      preflight:
        release-days: [tuesday]
        holidays: ["2026-01-27 Founders Day"]
      owners:
        cadence: weekly
        start: 2026-01-05
        people:
          - {name: Ada Lovelace, github: ada, bugzilla: ada@example.com}
          - {name: Grace Hopper, github: grace}
      """;

  @TempDir Path tmp;
  GitFixture repo;

  @BeforeEach
  void history() {
    repo = GitFixture.init(tmp.resolve("repo"));
    repo.commit("feat: first", "a.txt", "a\n", ".trainyard.yml", CONFIG);
    repo.tag("v1.1.0", "Train release 1");
    repo.commit("fix: second", "a.txt", "b\n");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private CliRunner cli() {
    return new CliRunner(repo.dir()).clock(TUESDAY);
  }

  @Test
  void jsonHasOkAndEveryCheckWithNameStatusAndReason() throws Exception {
    CliRunner.Result result = cli().run("preflight", "--json");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("ok").asBoolean()).isTrue();
    assertThat(json.path("nextTag").asText()).isEqualTo("v1.2.0");
    assertThat(json.path("owner").path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(json.path("checks")).hasSize(9);
    for (JsonNode check : json.path("checks")) {
      assertThat(check.path("name").asText()).isNotEmpty();
      assertThat(check.path("status").asText()).isIn("pass", "warn", "fail", "skip");
      assertThat(check.path("reason").asText()).isNotEmpty();
    }
    assertThat(json.path("checks").get(8).path("reason").asText())
        .isEqualTo("Tuesday 2026-01-20 is a release day and not a holiday");
  }

  @Test
  void aFailingCheckExitsOneWithTheTableOutputsAndSummary() throws Exception {
    Path outputs = tmp.resolve("outputs");
    Path summary = tmp.resolve("summary");
    CliRunner.Result result = cli().env("GITHUB_ACTIONS", "true").env("GITHUB_OUTPUT", outputs.toString())
        .env("GITHUB_STEP_SUMMARY", summary.toString()).run("preflight", "--date", "2026-01-27");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out()).contains("preflight for v1.2.0 (train) on Tuesday 2026-01-27; release owner Grace Hopper (@grace)")
        .contains("  FAIL  release-date    Tuesday 2026-01-27 is a holiday (Founders Day); the next release day is Tuesday 2026-02-03")
        .contains("  pass  clean-tree      no uncommitted or untracked files")
        .contains("NOT READY: 4 passed, 0 warnings, 1 failed, 4 skipped (release-date)")
        .contains("::error::preflight release-date: Tuesday 2026-01-27 is a holiday");
    assertThat(Files.readString(outputs)).contains("ok<<").contains("\nfalse\n").contains("failed<<")
        .contains("\nrelease-date\n");
    assertThat(Files.readString(summary)).contains("| Check | Status | Reason |")
        .contains("| `release-date` | ❌ fail | Tuesday 2026-01-27 is a holiday (Founders Day)");
  }

  @Test
  void onlyAndSkipChooseChecksAndAnUnknownOneIsAUsageError() throws Exception {
    CliRunner.Result only = cli().run("preflight", "--only", "clean-tree,new-commits", "--json");
    assertThat(only.exitCode()).as(only.toString()).isEqualTo(ExitCode.OK);
    assertThat(new ObjectMapper().readTree(only.out()).path("checks")).hasSize(2);

    CliRunner.Result unknown = cli().run("preflight", "--skip", "holidays");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err()).contains("trainyard: error: --skip: unknown check 'holidays'")
        .contains("hint: the checks are clean-tree, release-branch, up-to-date, new-commits, date-tag, merged-back, ci, blockers, release-date");
  }

  @Test
  void nothingToReleaseFailsUnlessAllowed() {
    repo.tag("v1.2.0", "Train release 2");
    CliRunner.Result result = cli().run("preflight", "--only", "new-commits");
    assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out()).contains("nothing to release: HEAD is already released as v1.2.0");
    assertThat(cli().run("preflight", "--only", "new-commits", "--allow-empty").exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  void ownerSaysWhoIsOnDutyAndNext() throws Exception {
    CliRunner.Result text = cli().run("owner");
    assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCode.OK);
    assertThat(text.out()).isEqualTo("release owner on 2026-01-20: Ada Lovelace (@ada), 2026-01-19 to 2026-01-25\n"
        + "next: Grace Hopper (@grace), 2026-01-26 to 2026-02-01\n");
    CliRunner.Result json = cli().run("owner", "--date", "2026-01-14", "--json");
    JsonNode result = new ObjectMapper().readTree(json.out());
    assertThat(result.path("owner").path("name").asText()).isEqualTo("Grace Hopper");
    assertThat(result.path("owner").path("github").asText()).isEqualTo("grace");
    assertThat(result.path("owner").path("from").asText()).isEqualTo("2026-01-12");
    assertThat(result.path("owner").path("until").asText()).isEqualTo("2026-01-18");
    assertThat(result.path("next").path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(result.path("next").path("from").asText()).isEqualTo("2026-01-19");
    assertThat(result.path("cadence").asText()).isEqualTo("weekly");
  }

  @Test
  void ownerWithoutARotationIsAUsageError() throws Exception {
    Files.writeString(repo.dir().resolve(".trainyard.yml"), "release: {scheme: train}\n");
    CliRunner.Result result = cli().run("owner");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).startsWith("trainyard: error: no release-owner rotation: .trainyard.yml has no owners: section");
  }
}
