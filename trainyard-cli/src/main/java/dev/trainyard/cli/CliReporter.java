package dev.trainyard.cli;

import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.report.Reporter;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Renders core progress on stderr: a redrawn bar on an interactive terminal, a line every few
 * seconds in CI logs (a bar would flood them), warnings as Actions annotations on the runner.
 */
final class CliReporter implements Reporter {
  private static final Duration LOG_PROGRESS_EVERY = Duration.ofSeconds(5);

  private final CliEnvironment environment;
  private final ActionsIO actions;
  private final boolean verbose;
  private Instant lastProgressLine = Instant.MIN;
  private boolean barOnScreen;

  CliReporter(CliEnvironment environment, ActionsIO actions, boolean verbose) {
    this.environment = environment;
    this.actions = actions;
    this.verbose = verbose;
  }

  private PrintWriter err() {
    return environment.err();
  }

  @Override
  public synchronized void info(String message) {
    clearBar();
    err().println(message);
    err().flush();
  }

  @Override
  public synchronized void warn(String message) {
    clearBar();
    if (environment.inGitHubActions()) {
      actions.warning(message);
    } else {
      err().println("warning: " + message);
    }
    err().flush();
  }

  @Override
  public synchronized void debug(String message) {
    if (verbose) {
      clearBar();
      err().println(message);
      err().flush();
    }
  }

  @Override
  public synchronized void progress(String task, long done, long total) {
    if (environment.terminal() && !environment.inGitHubActions()) {
      int width = 30;
      int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
      err().print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
          + done + "/" + total);
      err().flush();
      barOnScreen = true;
      return;
    }
    Instant now = environment.clock().instant();
    boolean finished = total > 0 && done >= total;
    if (finished || Duration.between(lastProgressLine, now).compareTo(LOG_PROGRESS_EVERY) >= 0
        || lastProgressLine.equals(Instant.MIN)) {
      lastProgressLine = now;
      err().println(task + ": " + done + "/" + total);
      err().flush();
    }
  }

  private void clearBar() {
    if (barOnScreen) {
      err().println();
      barOnScreen = false;
    }
  }

  synchronized void finish() {
    clearBar();
  }
}
