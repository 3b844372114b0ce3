package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Masking is a property of the printing layer, not of each command: whatever command runs, and
 * whichever way it fails, a known secret that ends up in its message never reaches stdout, stderr,
 * the step outputs, the step summary or an annotation. The commands are taken from
 * {@link TrainyardCommand#SUBCOMMANDS}, so a command added later is checked without touching this
 * test. Each case puts the secret into the message itself (an unknown option carrying it, a
 * configuration path containing it), so the masked {@code ***} must show where the secret was;
 * without masking, the test fails.
 */
class EveryCommandMasksSecretsTest {
  private static final String TOKEN = "ghs_everyCommandProbe0123456789";
  private static final String BUGZILLA_KEY = "bugzillaKeyProbe0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static Stream<String> commands() {
    return TrainyardCommand.SUBCOMMANDS.keySet().stream().filter(name -> !name.equals("help"));
  }

  private CliRunner runner() {
    return new CliRunner(tmp)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", tmp.resolve("outputs.txt").toString())
        .env("GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString())
        .env("GITHUB_TOKEN", TOKEN)
        .env("BUGZILLA_API_KEY", BUGZILLA_KEY);
  }

  /** Everything the run printed or wrote for the runner, except the runner's own add-mask lines. */
  private String printed(CliRunner.Result result) throws IOException {
    StringBuilder all = new StringBuilder(result.out()).append('\n').append(result.err());
    for (String file : List.of("outputs.txt", "summary.md")) {
      Path path = tmp.resolve(file);
      if (Files.exists(path)) {
        all.append('\n').append(Files.readString(path));
      }
    }
    return all.toString().lines().filter(line -> !line.startsWith("::add-mask::"))
        .reduce("", (a, b) -> a + b + "\n");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aSecretInAUsageErrorIsMasked(String command) throws Exception {
    for (String secret : List.of(TOKEN, BUGZILLA_KEY)) {
      CliRunner.Result result = runner().run(command, "--json", "--verbose=" + secret);

      String printed = printed(result);
      assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(ExitCode.USAGE);
      assertThat(printed).as(command + ": " + result).doesNotContain(secret).contains("'--verbose': '***' is not a boolean");
      JsonNode error = JSON.readTree(result.out().lines().filter(l -> !l.startsWith("::")).reduce("", String::concat))
          .path("error");
      assertThat(error.path("message").asText()).as(command).contains("'--verbose': '***' is not a boolean");
      assertThat(error.path("exitCode").asInt()).isEqualTo(ExitCode.USAGE);
    }
  }

  /** The commands that take {@code --config}. */
  static Stream<String> commandsWithConfig() {
    var subcommands = Trainyard.commandLine(new CliRunner(Path.of(".")).environment()).getSubcommands();
    return commands().filter(name -> subcommands.get(name).getCommandSpec().findOption("--config") != null);
  }

  /**
   * A value for each required option ({@code HEAD}) and parameter ({@code file}), so the run gets
   * past picocli to the command.
   */
  private static List<String> requiredArguments(String command, String file) {
    CommandSpec spec = Trainyard.commandLine(new CliRunner(Path.of(".")).environment()).getSubcommands()
        .get(command).getCommandSpec();
    List<String> args = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (option.required()) {
        args.add(option.longestName());
        args.add("HEAD");
      }
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      if (parameter.required()) {
        args.add(file);
      }
    }
    return args;
  }

  @ParameterizedTest
  @MethodSource("commandsWithConfig")
  void aSecretInAFailureMessageIsMasked(String command) throws Exception {
    // A configuration file that is wrong, at a path that holds the secret: the error names the path.
    Path config = tmp.resolve(TOKEN).resolve("trainyard.yml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "no-such-section: 1\n");
    try (Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call()) {
      Files.writeString(tmp.resolve("README.md"), "hello\n");
      git.add().addFilepattern("README.md").call();
      git.commit().setMessage("feat: first").setSign(false).setAuthor("A", "a@example.com")
          .setCommitter("A", "a@example.com").call();
    }
    List<String> args = new ArrayList<>(List.of(command, "--json", "--config", config.toString()));
    args.addAll(requiredArguments(command, config.toString()));

    CliRunner.Result result = runner().run(args.toArray(String[]::new));

    String printed = printed(result);
    String masked = tmp.resolve("***").resolve("trainyard.yml").toString();
    assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(ExitCode.USAGE);
    assertThat(printed).as(command + ": " + result).doesNotContain(TOKEN);
    assertThat(result.err()).as(command + ": " + result).contains("trainyard: error: ").contains(masked)
        .contains("::error::");
    assertThat(JSON.readTree(result.out()).path("error").path("message").asText()).as(command).contains(masked);
  }
}
