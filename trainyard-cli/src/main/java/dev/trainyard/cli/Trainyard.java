package dev.trainyard.cli;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.git.JGitWarmUp;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the command line for {@code main} and for tests, and turns every failure into one exit code. */
public final class Trainyard {
  /** The subcommands that never open a git repository. */
  private static final Set<String> WITHOUT_A_REPOSITORY = Set.of("upload-assets", "owner");

  private Trainyard() {}

  public static int run(CliEnvironment unmasked, String... args) {
    CliEnvironment environment = unmasked.masked(args);
    try {
      return runMasked(environment, args);
    } finally {
      environment.out().flush();
      environment.err().flush();
    }
  }

  private static int runMasked(CliEnvironment environment, String... args) {
    String[] effective;
    try {
      effective = ActionInvocation.arguments(environment, args);
    } catch (TrainyardException e) {
      return failure(e, commandLine(environment), environment, args);
    }
    // The args input may name a token too (--token VALUE inside INPUT_ARGS).
    environment.secrets().addFlagValues(effective);
    startWarmUp(effective); // started by Main already, unless the command came from the action's inputs
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
    if (runsACommand(args)) {
      return commandLine(environment, Set.of(args[0]));
    }
    return commandLine(environment);
  }

  /** Whether {@code args} start with a subcommand to run (not help, a misspelt name or an option). */
  static boolean runsACommand(String[] args) {
    return args.length > 0 && TrainyardCommand.SUBCOMMANDS.containsKey(args[0]) && !"help".equals(args[0]);
  }

  /** Starts JGit's one-time initialisation on other cores when {@code args} run a command that opens a repository. */
  static void startWarmUp(String[] args) {
    if (opensARepository(args)) {
      JGitWarmUp.inBackground();
    }
  }

  /**
   * Whether {@code args} run a subcommand that opens a git repository, for which JGit's warm-up pays
   * (the others would spend 0.2 s of CPU on it for nothing: upload-assets' no-op, measured).
   */
  static boolean opensARepository(String[] args) {
    return runsACommand(args) && !WITHOUT_A_REPOSITORY.contains(args[0]);
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
    commandLine.setParameterExceptionHandler((e, args) -> usageError(e, args, environment));
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) ->
        failure(e, cmd, environment, parseResult.originalArgs().toArray(String[]::new)));
    return commandLine;
  }

  private static int usageError(ParameterException e, String[] args, CliEnvironment environment) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = e.getMessage().lines().findFirst().orElse("");
    err.println("trainyard: error: " + message);
    String hint = "see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
    if (e instanceof UnmatchedArgumentException unmatched) {
      var suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        err.println("  did you mean: " + String.join(", ", suggestions) + "?");
        hint = "did you mean: " + String.join(", ", suggestions) + "? " + hint;
      }
    }
    err.println("  see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    new ActionsIO(environment, json(environment, args)).error(message + " (" + hint + ")");
    if (json(environment, args)) {
      printJsonError(cmd, FailureKind.INVALID_INPUT.name(), message, hint, ExitCode.USAGE);
    }
    return ExitCode.USAGE;
  }

  /** --json on the command line (before a lone "--"), or the json input of the action. */
  private static boolean json(CliEnvironment environment, String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("--json")) {
        return true;
      }
    }
    return "true".equals(environment.get("INPUT_JSON"));
  }

  private static int failure(Exception e, CommandLine cmd, CliEnvironment environment, String[] args) {
    PrintWriter err = cmd.getErr();
    boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
    boolean json = json(environment, args);
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
    cmd.getOut().println(CommandContext.toJson(new JsonError(new JsonError.Body(kind, message, hint, code))));
    cmd.getOut().flush();
  }

  /** The documented failure object of --json: {@code {"error": {"kind", "message", "hint", "exitCode"}}}. */
  record JsonError(Body error) {
    record Body(String kind, String message, String hint, int exitCode) {}
  }
}
