package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the whole duty on the generated example, offline. */
class RehearseCommandTest {
  @TempDir Path tmp;

  @Test
  void theExampleRehearsalIsOneReadableReportInTheOrderOfTheDuty() throws Exception {
    Path outputs = tmp.resolve("outputs");
    Path summary = tmp.resolve("summary");
    CliRunner.Result result = new CliRunner(tmp).env("GITHUB_OUTPUT", outputs.toString())
        .env("GITHUB_STEP_SUMMARY", summary.toString()).run("rehearse", "--example");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    assertThat(result.out())
        .contains("on Tuesday 2026-09-08 (the example's day); nothing was changed anywhere.")
        .contains("Release owner: Grace Hopper (@grace-example), 2026-09-08 to 2026-09-21")
        .contains("== 1. preflight", "== 2. cut: planned v1.4.0", "== 3. push", "== 4. verify CI of v1.4.0",
            "== 5. deploy order: planned: production: auth-server, then sync-server, then content-server",
            "== 6. upload assets to file://build/cdn: planned", "== 7. deployment request: planned",
            "== 8. merge-back: planned: all 7 release refs merged into main")
        .contains("    upload product-icons/fox.svg  -> https://cdn.example.invalid/product-icons/fox.svg")
        .endsWith("rehearsal: nothing stops this release\n");
    assertThat(Files.readString(outputs)).contains("ok<<").contains("\ntrue\n").contains("\nv1.4.0\n");
    assertThat(Files.readString(summary)).contains("### Release rehearsal: ✅ ready").contains("| # | What would happen |")
        .contains("<summary>deployment request</summary>");
    // Nothing was written where it ran.
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("outputs", "summary");
    }
  }

  @Test
  void jsonIsTheSameReportAsOneObject() throws Exception {
    CliRunner.Result result = new CliRunner(tmp).run("rehearse", "--example", "--json", "--date", "2026-09-07");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("ok").asBoolean()).isFalse();
    assertThat(json.path("preflight").path("ok").asBoolean()).isFalse();
    assertThat(json.path("preflight").path("checks").findValuesAsText("reason"))
        .contains("Monday 2026-09-07 is a holiday (Labor Day); the next release day is Tuesday 2026-09-08");
    assertThat(json.path("cut").path("tag").asText()).isEqualTo("v1.4.0");
    assertThat(json.path("assets").path("upload")).hasSize(3);
    assertThat(json.path("deployOrder").path("services").get(0).path("name").asText()).isEqualTo("auth-server");
    assertThat(json.path("order")).hasSize(8);
  }
}
