package dev.trainyard.cli;

import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract between {@code action.yml} and the CLI. The action passes {@code inputs.command} as
 * the only argument and every other input as {@code INPUT_*} variables; this class turns that into
 * the command line the user meant, and checks what the runner does not: it never enforces
 * {@code required:} (a missing input arrives as an empty string) and it mounts the workspace as
 * whoever owns it on the host.
 */
final class ActionInvocation {
  static final String COMMAND_INPUT = "INPUT_COMMAND";
  static final String ARGS_INPUT = "INPUT_ARGS";

  private ActionInvocation() {}

  /** True when started through action.yml: the runner sets every declared input, even empty ones. */
  static boolean fromAction(CliEnvironment environment) {
    return environment.env().containsKey(COMMAND_INPUT);
  }

  /** The effective arguments: {@code args} plus the {@code args} input, split like a shell would. */
  static String[] arguments(CliEnvironment environment, String[] args) {
    if (!fromAction(environment)) {
      return args;
    }
    if (args.length == 0 || args[0].isBlank()) {
      throw TrainyardException.invalidInput(
          "the action input 'command' is required but empty",
          "add `command: <name>` under `with:` of the trainyard step (see trainyard --help for the commands)");
    }
    checkWorkspaceReadable(environment.workingDirectory());
    List<String> arguments = new ArrayList<>(List.of(args));
    String extra = environment.get(ARGS_INPUT);
    if (extra != null) {
      arguments.addAll(split(extra));
    }
    return arguments.toArray(String[]::new);
  }

  private static void checkWorkspaceReadable(Path workspace) {
    if (Files.isDirectory(workspace) && Files.isReadable(workspace) && Files.isExecutable(workspace)) {
      return;
    }
    String owner = uid(workspace);
    throw TrainyardException.invalidInput(
        "cannot read the workspace " + workspace + " (owner uid " + owner + ", trainyard runs as uid "
            + uid(Path.of("/proc/self")) + ")",
        "run the step as the workspace owner or make the checkout readable; container actions run as"
            + " root unless the workflow sets options: --user");
  }

  private static String uid(Path path) {
    try {
      return String.valueOf(Files.getAttribute(path, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
      return "unknown";
    }
  }

  /**
   * Splits like a POSIX shell without expansion: whitespace (including newlines, for YAML block
   * scalars) separates words, single quotes keep everything, double quotes keep everything but
   * backslash escapes, a backslash outside quotes escapes the next character.
   */
  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw TrainyardException.invalidInput(
          "the action input 'args' has an unclosed " + (quote == '"' ? "double" : "single") + " quote",
          "close the quote, or pass the value through its own input instead of 'args'");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
