package dev.trainyard.cli.actions;

import dev.trainyard.TrainyardException;
import dev.trainyard.cli.CliEnvironment;
import dev.trainyard.cli.MaskingWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that speaks the GitHub Actions runner's protocols: step outputs and the step
 * summary through the files named by {@code GITHUB_OUTPUT} and {@code GITHUB_STEP_SUMMARY}, and
 * workflow commands (annotations, masks, log groups) as specially formatted log lines. Outside
 * Actions every method is a no-op, so commands call it unconditionally.
 *
 * <p>Workflow commands go to stdout, except with {@code --json}, where stdout carries exactly one
 * JSON object and the commands go to stderr (the runner reads both streams).
 */
public final class ActionsIO {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CliEnvironment environment;
  private final boolean stdoutReserved;
  private final Map<String, String> outputsWritten = new LinkedHashMap<>();
  /** The lines already sent to ::add-mask:: (a token met twice, as flag and as GITHUB_TOKEN, is sent once). */
  private final Set<String> announced = ConcurrentHashMap.newKeySet();

  public ActionsIO(CliEnvironment environment, boolean stdoutReservedForJson) {
    this.environment = environment;
    this.stdoutReserved = stdoutReservedForJson;
  }

  public boolean active() {
    return environment.inGitHubActions();
  }

  private PrintWriter commands() {
    return stdoutReserved ? environment.err() : environment.out();
  }

  /** Sets a step output. Values may span lines; a random delimiter keeps them from ending early. */
  public void output(String name, Object value) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("not a valid output name: " + name);
    }
    String text = environment.secrets().clean(value == null ? "" : String.valueOf(value));
    outputsWritten.put(name, text);
    Path file = file("GITHUB_OUTPUT");
    if (file == null) {
      return;
    }
    String delimiter;
    do {
      delimiter = "ghadelimiter_" + HexFormat.of().formatHex(randomBytes());
    } while (text.contains(delimiter));
    append(file, name + "<<" + delimiter + "\n" + text + "\n" + delimiter + "\n", "GITHUB_OUTPUT");
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** The outputs this command set, in order (for tests and for the terminal rendering). */
  public Map<String, String> outputs() {
    return Map.copyOf(outputsWritten);
  }

  /** Appends Markdown to the job's step summary. */
  public void summary(String markdown) {
    Path file = file("GITHUB_STEP_SUMMARY");
    if (file != null) {
      String clean = environment.secrets().clean(markdown);
      append(file, clean.endsWith("\n") ? clean : clean + "\n", "GITHUB_STEP_SUMMARY");
    }
  }

  /**
   * Hides {@code secret} in everything trainyard prints or writes from now on ({@link Secrets}) and,
   * on the runner, in every later log line of the job, line by line for multi-line secrets; each
   * line once.
   */
  public void mask(String secret) {
    if (secret == null || secret.isBlank()) {
      return;
    }
    environment.secrets().add(secret);
    if (!active()) {
      return;
    }
    PrintWriter commands = commands();
    secret.lines().filter(line -> !line.isBlank() && announced.add(line)).forEach(line -> {
      String command = "::add-mask::" + escapeData(line);
      if (commands instanceof MaskingWriter.Masked masked) {
        masked.printlnUnmasked(command);
      } else {
        commands.println(command);
      }
    });
    commands.flush();
  }

  public void error(String message) {
    annotation("error", message, null);
  }

  public void warning(String message) {
    annotation("warning", message, null);
  }

  public void notice(String message) {
    annotation("notice", message, null);
  }

  /** An annotation pointing at a file position (e.g. a configuration error). */
  public void annotation(String level, String message, Location location) {
    if (!active()) {
      return;
    }
    StringBuilder line = new StringBuilder("::").append(level);
    if (location != null) {
      line.append(" file=").append(escapeProperty(location.file()));
      if (location.line() > 0) {
        line.append(",line=").append(location.line());
      }
      if (location.column() > 0) {
        line.append(",col=").append(location.column());
      }
    }
    line.append("::").append(escapeData(environment.secrets().clean(message)));
    commands().println(line);
    commands().flush();
  }

  /** Opens a collapsible log group; close it to end the group. Outside Actions, prints a heading. */
  public Group group(String title) {
    if (active()) {
      commands().println("::group::" + escapeData(environment.secrets().clean(title)));
    } else if (!stdoutReserved) {
      environment.err().println("== " + title);
    }
    commands().flush();
    return () -> {
      if (active()) {
        commands().println("::endgroup::");
        commands().flush();
      }
    };
  }

  /** A log group; closing it never throws. */
  public interface Group extends AutoCloseable {
    @Override
    void close();
  }

  /** A position in a file, for annotations. */
  public record Location(String file, int line, int column) {}

  static String escapeData(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String escapeProperty(String value) {
    return escapeData(value).replace(":", "%3A").replace(",", "%2C");
  }

  private Path file(String variable) {
    String value = environment.get(variable);
    return value == null ? null : environment.workingDirectory().resolve(value);
  }

  private static void append(Path file, String text, String variable) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw TrainyardException.invalidInput(
          "cannot write to $" + variable + " (" + file + "): " + e.getMessage(),
          "the runner sets " + variable + " to a writable file; unset it to run outside Actions");
    }
  }
}
