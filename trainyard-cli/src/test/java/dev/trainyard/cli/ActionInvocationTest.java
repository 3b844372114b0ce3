package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.TrainyardException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionInvocationTest {
  @TempDir
  Path dir;

  @Test
  void emptyCommandInputIsOneClearUsageError() {
    CliRunner.Result result = new CliRunner(dir).env("GITHUB_ACTIONS", "true").env("INPUT_COMMAND", "").run("");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err().lines().findFirst())
        .hasValue("trainyard: error: the action input 'command' is required but empty");
    assertThat(result.out()).startsWith("::error::the action input 'command' is required but empty");
  }

  @Test
  void argsInputIsAppendedToTheCommand() throws Exception {
    Files.writeString(dir.resolve("other.yml"), "github:\n  repository: acme/from-args\n");
    CliRunner.Result result = new CliRunner(dir)
        .env("INPUT_COMMAND", "config")
        .env("INPUT_ARGS", "--json\n  --config 'other.yml'")
        .run("config");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
    assertThat(new ObjectMapper().readTree(result.out()).at("/github/repository").asText())
        .isEqualTo("acme/from-args");
  }

  @Test
  void argsInputIsIgnoredOutsideTheAction() throws Exception {
    CliRunner.Result result = new CliRunner(dir).env("INPUT_ARGS", "--json").run("config");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).doesNotStartWith("{");
  }

  @Test
  void missingWorkspaceNamesThePathAndTheUids() {
    Path missing = dir.resolve("no-such-workspace");
    CliRunner.Result result = new CliRunner(missing).env("INPUT_COMMAND", "config").run("config");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err().lines().findFirst().orElseThrow())
        .startsWith("trainyard: error: cannot read the workspace " + missing + " (owner uid ")
        .contains("trainyard runs as uid ");
  }

  @Test
  void splitsLikeAShellWithoutExpansion() {
    assertThat(ActionInvocation.split("  --a b\n--c\t'd e' \"f \\\"g\\\" $h\" i\\ j '' ")).containsExactly(
        "--a", "b", "--c", "d e", "f \"g\" $h", "i j", "");
    assertThat(ActionInvocation.split("")).isEmpty();
    assertThat(ActionInvocation.split("--include='*.svg'")).containsExactly("--include=*.svg");
  }

  @Test
  void unclosedQuoteInArgsIsAUsageError() {
    assertThatThrownBy(() -> ActionInvocation.split("--message 'oops"))
        .isInstanceOf(TrainyardException.class)
        .hasMessage("the action input 'args' has an unclosed single quote");
  }
}
