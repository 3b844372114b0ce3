package dev.trainyard.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The byte-stream twin of {@link MaskingWriter}, for {@code System.out} and {@code System.err}:
 * whatever a library or a git hook run in-process prints there is cleaned by the same
 * {@link Secrets} line by line (UTF-8) before it reaches the real stream.
 */
final class MaskingOutputStream extends OutputStream {
  private final OutputStream target;
  private final Secrets secrets;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  MaskingOutputStream(OutputStream target, Secrets secrets) {
    this.target = Objects.requireNonNull(target, "target");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    target.close();
  }

  private void emit() throws IOException {
    if (line.size() > 0) {
      target.write(secrets.clean(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
