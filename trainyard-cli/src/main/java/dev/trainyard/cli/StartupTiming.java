package dev.trainyard.cli;

import java.io.PrintStream;

/**
 * Where a run's time goes, for the benchmarks (bench/changelog): with {@code -Dtrainyard.timing=true}
 * (e.g. {@code TRAINYARD_JAVA_OPTS=-Dtrainyard.timing=true ./trainyard ...}) the process prints one
 * line to standard error as it exits: the time from entering {@code main} to the exit call (everything
 * trainyard does once the JVM runs it) and, within it, the time the subcommand itself ran. The JVM's
 * own start and exit are the rest of the wall time an outside timer measures.
 */
final class StartupTiming {
  private static long mainEntered;
  private static long commandStarted;

  private StartupTiming() {}

  static void mainEntered() {
    mainEntered = System.nanoTime();
  }

  static void commandStarted() {
    if (commandStarted == 0) {
      commandStarted = System.nanoTime();
    }
  }

  /** Prints the line when asked to; the measurement ends before anything is formatted. */
  static void report(PrintStream err) {
    long now = System.nanoTime();
    if (mainEntered == 0 || !Boolean.getBoolean("trainyard.timing")) {
      return;
    }
    // No String.format: its classes are not in the start-up archive, and this line should cost nothing.
    StringBuilder line = new StringBuilder("trainyard timing: main-to-exit=");
    milliseconds(line, now - mainEntered).append(" ms command=");
    milliseconds(line, commandStarted == 0 ? 0 : now - commandStarted).append(" ms");
    err.println(line);
    err.flush();
  }

  private static StringBuilder milliseconds(StringBuilder line, long nanos) {
    long tenths = nanos / 100_000;
    return line.append(tenths / 10).append('.').append(tenths % 10);
  }
}
