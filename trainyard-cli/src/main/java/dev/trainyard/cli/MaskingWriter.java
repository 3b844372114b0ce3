package dev.trainyard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Objects;

/**
 * A writer that passes every line through {@link Secrets#clean(String)} before it reaches the real
 * stream. Text is held until the end of its line, so a secret written in pieces is still masked
 * whole; an explicit flush (a redrawn progress bar) lets a partial line through, cleaned as well.
 */
public final class MaskingWriter extends Writer {
  private final Writer target;
  private final Secrets secrets;
  private final StringBuilder line = new StringBuilder();

  public MaskingWriter(Writer target, Secrets secrets) {
    super(target);
    this.target = Objects.requireNonNull(target, "target");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** A {@link PrintWriter} that masks, flushing at every line like the streams it wraps. */
  public static Masked printWriter(Writer target, Secrets secrets) {
    return new Masked(new MaskingWriter(target, secrets), target);
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    synchronized (lock) {
      int end = offset + length;
      int lineStart = offset;
      for (int i = offset; i < end; i++) {
        if (buffer[i] == '\n') {
          line.append(buffer, lineStart, i + 1 - lineStart);
          emit();
          lineStart = i + 1;
        }
      }
      line.append(buffer, lineStart, end - lineStart);
    }
  }

  @Override
  public void flush() throws IOException {
    synchronized (lock) {
      emit();
      target.flush();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      flush();
      target.close();
    }
  }

  private void emit() throws IOException {
    if (line.length() > 0) {
      target.write(secrets.clean(line.toString()));
      line.setLength(0);
    }
  }

  /**
   * The masking print writer, with one way around the mask: the {@code ::add-mask::} workflow
   * command must name the secret for the runner to hide it from later steps.
   */
  public static final class Masked extends PrintWriter {
    private final Writer raw;

    Masked(MaskingWriter masking, Writer raw) {
      super(masking, true);
      this.raw = raw;
    }

    /** Writes {@code line} as is: only for the runner's {@code ::add-mask::} command. */
    public void printlnUnmasked(String line) {
      if (!line.startsWith("::add-mask::")) {
        throw new IllegalArgumentException("only ::add-mask:: commands bypass masking");
      }
      synchronized (lock) {
        flush();
        try {
          raw.write(line + System.lineSeparator());
          raw.flush();
        } catch (IOException e) {
          setError();
        }
      }
    }
  }
}
