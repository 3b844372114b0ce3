package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class TrainyardCliTest {
  @TempDir
  Path dir;

  @Test
  void versionNamesTheBuild() {
    CliRunner.Result result = new CliRunner(dir).run("--version");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).startsWith("trainyard ");
  }

  @Test
  void everyCommandAnswersHelp() {
    var commands = Trainyard.commandLine(new CliRunner(dir).environment()).getSubcommands();
    assertThat(commands).containsKeys("cut", "verify-ci", "upload-assets", "merge-back");
    commands.forEach((name, command) -> {
      if (!name.equals("help")) {
        CliRunner.Result result = new CliRunner(dir).run(name, "--help");
        assertThat(result.exitCode()).as(name + " --help: " + result).isEqualTo(ExitCode.OK);
        assertThat(result.out()).as(name).startsWith("Usage: trainyard " + name);
      }
    });
  }

  @Test
  void jGitIsWarmedUpOnlyForCommandsThatOpenARepository() {
    assertThat(Trainyard.opensARepository(new String[] {"changelog", "--json"})).isTrue();
    assertThat(Trainyard.opensARepository(new String[] {"cut"})).isTrue();
    assertThat(Trainyard.opensARepository(new String[] {"upload-assets", "--source", "dist"})).isFalse();
    assertThat(Trainyard.opensARepository(new String[] {"owner"})).isFalse();
    assertThat(Trainyard.opensARepository(new String[] {"help", "cut"})).isFalse();
    assertThat(Trainyard.opensARepository(new String[] {"--version"})).isFalse();
    assertThat(Trainyard.opensARepository(new String[0])).isFalse();
  }

  @Test
  void everySubcommandIsRegisteredUnderItsOwnName() {
    TrainyardCommand.SUBCOMMANDS.forEach((name, type) ->
        assertThat(type.getAnnotation(Command.class).name()).as(type.getName()).isEqualTo(name));
  }

  @Test
  void topLevelHelpListsEveryCommandThoughARunBuildsOnlyItsOwn() {
    CliRunner.Result help = new CliRunner(dir).run("--help");
    CliRunner.Result helpCommand = new CliRunner(dir).run("help", "cut");

    assertThat(help.exitCode()).isEqualTo(ExitCode.OK);
    TrainyardCommand.SUBCOMMANDS.keySet().forEach(name -> assertThat(help.out()).contains("  " + name + " "));
    assertThat(helpCommand.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(helpCommand.out()).startsWith("Usage: trainyard cut");
    assertThat(Trainyard.commandLine(new CliRunner(dir).environment(), new String[] {"cut", "--dry-run"})
        .getSubcommands()).containsOnlyKeys("cut");
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    CliRunner.Result result = new CliRunner(dir).run("confg");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("trainyard: error:").contains("did you mean: config")
        .doesNotContain("at dev.trainyard");
  }

  @Test
  void missingCommandIsAUsageError() {
    CliRunner.Result result = new CliRunner(dir).run();
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("missing command");
  }

  @Test
  void configErrorIsOneLineWithLocationAndExitCode2() throws Exception {
    Files.writeString(dir.resolve(".trainyard.yml"), "github:\n  repositroy: acme/widgets\n");
    CliRunner.Result result = new CliRunner(dir).run("config");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err().lines().toList()).containsExactly(
        "trainyard: error: " + dir.resolve(".trainyard.yml") + ":2:3: unknown key 'repositroy' under 'github'",
        "  hint: did you mean 'repository'? (allowed: api-url, repository, server-url)");
  }

  @Test
  void configErrorBecomesAnErrorAnnotationInActions() throws Exception {
    Files.writeString(dir.resolve("custom.yml"), "gihub: {}\n");
    CliRunner.Result result = new CliRunner(dir).env("GITHUB_ACTIONS", "true").run("config", "--config", "custom.yml");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).startsWith("::error::" + dir.resolve("custom.yml") + ":1:1: unknown key 'gihub'");
  }

  @Test
  void jsonOutputIsOneObjectOnStdout() throws Exception {
    Files.writeString(dir.resolve(".trainyard.yml"), "github:\n  repository: acme/widgets\n");
    CliRunner.Result result = new CliRunner(dir).run("config", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.at("/github/repository").asText()).isEqualTo("acme/widgets");
  }

  @Test
  void configPrintsTheEffectiveDefaultsNotNull() throws Exception {
    CliRunner.Result result = new CliRunner(dir).env("GITHUB_REPOSITORY", "acme/widgets").run("config", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(result.out());
    // Only keys decided at run time, or off until set, may be null; a new section or key with a fixed
    // default must show it.
    java.util.Set<String> decidedAtRunTime = java.util.Set.of("/release/pushDay", "/release/tagPattern",
        "/release/deployProduct", "/release/changelogReleaseCommits", "/release/privateRemote", "/mergeBack/main", "/mergeBack/forkSync", "/assets/target", "/assets/endpoint",
        "/assets/region", "/assets/cdnUrl", "/assets/cacheControl", "/deploy/services", "/owners/cadence",
        "/owners/start", "/owners/sprintDays", "/preflight/holidayCalendar", "/preflight/blockerMilestone",
        "/preflight/blockerBugzilla",
        "/deployBug/severity", "/deployBug/cc", "/deployBug/repository", "/deployBug/template",
        "/deployBug/releaseOwner");
    java.util.List<String> nulls = new java.util.ArrayList<>();
    json.fields().forEachRemaining(section -> {
      assertThat(section.getValue().isObject()).as("section " + section.getKey()).isTrue();
      section.getValue().fields().forEachRemaining(key -> {
        if (key.getValue().isNull()) {
          nulls.add("/" + section.getKey() + "/" + key.getKey());
        }
      });
    });
    assertThat(decidedAtRunTime).containsAll(nulls);
    assertThat(json.at("/github/serverUrl").asText()).isEqualTo("https://github.com");
    assertThat(json.at("/github/repository").asText()).isEqualTo("acme/widgets");
    assertThat(json.at("/release/scheme").asText()).isEqualTo("TRAIN");
    assertThat(json.at("/release/mainBranch").asText()).isEqualTo("main");
    assertThat(json.at("/release/changelogFormat").asText()).isEqualTo("FXA");
    assertThat(json.at("/verifyCi/interval").asText()).isEqualTo("30s");
    assertThat(json.at("/mergeBack/staleAfter").asText()).isEqualTo("7d");
    assertThat(json.at("/assets/concurrency").asInt()).isEqualTo(16);
    assertThat(json.at("/deployBug/component").asText()).isEqualTo("Operations: Deployment Requests");

    Files.writeString(dir.resolve(".trainyard.yml"), "release:\n  scheme: semver\nmerge-back:\n  label: stale\n"
        + "owners:\n  start: 2026-01-05\n  people: [{name: Ada, github: ada}]\n");
    JsonNode configured = new ObjectMapper().readTree(new CliRunner(dir).run("config", "--json").out());
    assertThat(configured.at("/owners/cadence").asText()).isEqualTo("weekly");
    assertThat(configured.at("/release/changelogFormat").asText()).isEqualTo("CLOG");
    assertThat(configured.at("/mergeBack/label").asText()).isEqualTo("stale");
  }

  @Test
  void jsonErrorsAreAnObjectOnStdout() throws Exception {
    Files.writeString(dir.resolve(".trainyard.yml"), "gihub: {}\n");
    CliRunner.Result result = new CliRunner(dir).run("config", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.at("/error/kind").asText()).isEqualTo("INVALID_INPUT");
    assertThat(json.at("/error/exitCode").asInt()).isEqualTo(2);
    assertThat(json.at("/error/message").asText()).endsWith("unknown key 'gihub'");
  }

  @Test
  void usageErrorsWithJsonPrintTheErrorObjectToo() throws Exception {
    for (String[] args : java.util.List.of(new String[] {"next-version", "--json", "--bogus"},
        new String[] {"verify-ci", "--json", "--rerun-failed", "many"}, new String[] {"cut", "--json", "--scheme"})) {
      CliRunner.Result result = new CliRunner(dir).run(args);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
      JsonNode json = new ObjectMapper().readTree(result.out());
      assertThat(json.at("/error/kind").asText()).isEqualTo("INVALID_INPUT");
      assertThat(json.at("/error/exitCode").asInt()).isEqualTo(2);
      assertThat(json.at("/error/message").asText()).isNotBlank();
      assertThat(json.at("/error/hint").asText()).contains("--help");
      assertThat(result.err()).startsWith("trainyard: error: ");
    }
    CliRunner.Result text = new CliRunner(dir).run("next-version", "--bogus");
    assertThat(text.out()).isEmpty();
  }

  @Test
  void optionsFallBackToActionsInputsWithHyphensKept() throws Exception {
    Files.writeString(dir.resolve("from-input.yml"), "github:\n  repository: acme/from-input\n");
    CliRunner.Result result = new CliRunner(dir)
        .env("INPUT_CONFIG", "from-input.yml")
        .env("INPUT_JSON", "true")
        .run("config");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("acme/from-input");
  }

  @Test
  void flagWinsOverActionsInput() throws Exception {
    Files.writeString(dir.resolve("flag.yml"), "github:\n  repository: acme/flag\n");
    CliRunner.Result result = new CliRunner(dir)
        .env("INPUT_CONFIG", "missing.yml")
        .run("config", "--config", "flag.yml");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("acme/flag");
  }

  @Test
  void emptyInputCountsAsUnset() {
    CliRunner.Result result = new CliRunner(dir).env("INPUT_CONFIG", "").run("config");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
  }
}
