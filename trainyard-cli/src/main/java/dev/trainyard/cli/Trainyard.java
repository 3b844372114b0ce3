package dev.trainyard.cli;

import dev.trainyard.TrainyardException;
import dev.trainyard.cli.actions.ActionsIO;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the command line for {@code main} and for tests, and turns every failure into one exit code. */
public final class Trainyard {
  private Trainyard() {}

  public static int run(CliEnvironment environment, String... args) {
    String[] effective;
    try {
      effective = ActionInvocation.arguments(environment, args);
    } catch (TrainyardException e) {
      return failure(e, commandLine(environment), environment, args);
    }
    return commandLine(environment, effective).execute(effective);
  }

  /** The command line with every subcommand, for help and for tests that inspect the model. */
  public static CommandLine commandLine(CliEnvironment environment) {
    return commandLine(environment, TrainyardCommand.SUBCOMMANDS.keySet());
  }

  /**
   * The command line for these arguments: when they start with a subcommand's name, only that
   * subcommand is registered (a misspelt or missing one gets them all, for suggestions and help).
   */
  static CommandLine commandLine(CliEnvironment environment, String[] args) {
    if (args.length > 0 && TrainyardCommand.SUBCOMMANDS.containsKey(args[0]) && !"help".equals(args[0])) {
      return commandLine(environment, Set.of(args[0]));
    }
    return commandLine(environment);
  }

  private static CommandLine commandLine(CliEnvironment environment, Set<String> subcommands) {
    IFactory factory = new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K instance = CommandLine.defaultFactory().create(type);
        if (instance instanceof BaseCommand command) {
          command.environment = environment;
        }
        return instance;
      }
    };
    CommandLine commandLine = new CommandLine(new TrainyardCommand(), factory);
    commandLine.getCommandSpec().usageMessage().footer(ExitCode.footer());
    TrainyardCommand.SUBCOMMANDS.forEach((name, type) -> {
      if (subcommands.contains(name)) {
        commandLine.addSubcommand(name, new CommandLine(type, factory));
      }
    });
    commandLine.setOut(environment.out());
    commandLine.setErr(environment.err());
    commandLine.setDefaultValueProvider(new ActionsInputDefaults(environment));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(Trainyard::usageError);
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) ->
        failure(e, cmd, environment, parseResult.originalArgs().toArray(String[]::new)));
    return commandLine;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("trainyard: error: " + e.getMessage().lines().findFirst().orElse(""));
    if (e instanceof UnmatchedArgumentException unmatched) {
      var suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        err.println("  did you mean: " + String.join(", ", suggestions) + "?");
      }
    }
    err.println("  see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    return ExitCode.USAGE;
  }

  private static int failure(Exception e, CommandLine cmd, CliEnvironment environment, String[] args) {
    PrintWriter err = cmd.getErr();
    boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
    boolean json = Arrays.asList(args).contains("--json") || "true".equals(environment.get("INPUT_JSON"));
    ActionsIO actions = new ActionsIO(environment, json);
    if (e instanceof TrainyardException failure) {
      err.println("trainyard: error: " + failure.getMessage());
      if (failure.hint() != null) {
        err.println("  hint: " + failure.hint());
      }
      actions.error(failure.getMessage() + (failure.hint() == null ? "" : " (" + failure.hint() + ")"));
      if (stacktrace) {
        e.printStackTrace(err);
      }
      int code = ExitCode.of(failure.kind());
      if (json) {
        printJsonError(cmd, failure.kind().name(), failure.getMessage(), failure.hint(), code);
      }
      return code;
    }
    err.println("trainyard: internal error: " + e);
    err.println("  this is a bug in trainyard; rerun with --stacktrace and report the output");
    actions.error("internal error: " + e);
    if (stacktrace) {
      e.printStackTrace(err);
    }
    if (json) {
      printJsonError(cmd, "INTERNAL", String.valueOf(e), null, ExitCode.INTERNAL);
    }
    return ExitCode.INTERNAL;
  }

  /** With --json, scripts get a parseable object on stdout even when the command fails. */
  private static void printJsonError(CommandLine cmd, String kind, String message, String hint, int code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("kind", kind);
    error.put("message", message);
    error.put("hint", hint);
    error.put("exitCode", code);
    cmd.getOut().println(CommandContext.toJson(Map.of("error", error)));
    cmd.getOut().flush();
  }
}
