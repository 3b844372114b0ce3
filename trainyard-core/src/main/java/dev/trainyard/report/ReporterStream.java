package dev.trainyard.report;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} whose lines go to a {@link Reporter}: for output the core cannot avoid,
 * such as a git hook JGit runs in-process, which would otherwise write to the process's stdout and
 * stderr behind the CLI's back (and past its masking of secrets).
 */
public final class ReporterStream extends OutputStream {
  private final Reporter reporter;
  private final String prefix;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private ReporterStream(Reporter reporter, String prefix) {
    this.reporter = reporter;
    this.prefix = prefix;
  }

  /** Each line written becomes {@code reporter.info(prefix + line)}. */
  public static PrintStream of(Reporter reporter, String prefix) {
    return new PrintStream(new ReporterStream(reporter, prefix), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else if (b != '\r') {
      line.write(b);
    }
  }

  @Override
  public synchronized void flush() {
    // Lines are reported whole; a partial line waits for its end or for close().
  }

  @Override
  public synchronized void close() {
    emit();
  }

  private void emit() {
    if (line.size() > 0) {
      reporter.info(prefix + line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
