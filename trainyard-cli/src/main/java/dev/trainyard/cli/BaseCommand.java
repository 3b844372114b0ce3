package dev.trainyard.cli;

import dev.trainyard.git.GitFailures;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A trainyard subcommand: parses its options, calls one core entry point, renders the result.
 * Subclasses implement {@link #execute(CommandContext)} and return an {@link ExitCode}; errors are
 * thrown as {@link dev.trainyard.TrainyardException} and rendered in one place.
 */
public abstract class BaseCommand implements Callable<Integer> {
  @Mixin
  protected CommonOptions common;

  @Spec
  protected CommandSpec spec;

  /** Set by the factory in {@link Trainyard#commandLine}. */
  CliEnvironment environment;

  @Override
  public final Integer call() throws Exception {
    StartupTiming.commandStarted();
    CommandContext context = new CommandContext(environment, common);
    try {
      return execute(context);
    } catch (RuntimeException e) {
      // A damaged repository, a held lock or a refusing hook met deep inside JGit is the
      // repository's state, not a bug: the core names it (GitFailures) and picks the exit code.
      throw GitFailures.translate(e).orElseThrow(() -> e);
    } finally {
      context.finish();
    }
  }

  protected abstract int execute(CommandContext context) throws Exception;
}
