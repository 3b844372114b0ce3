package dev.trainyard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command may take from the process: environment variables, working directory,
 * output streams and the clock. {@code main} passes the real ones; tests pass their own.
 *
 * @param terminal whether stdout is an interactive terminal (progress bars, colours)
 */
public record CliEnvironment(
    Map<String, String> env, Path workingDirectory, PrintWriter out, PrintWriter err, Clock clock,
    boolean terminal, Secrets secrets) {

  public CliEnvironment {
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(clock, "clock");
    secrets = secrets == null ? Secrets.of(env) : secrets;
  }

  public CliEnvironment(
      Map<String, String> env, Path workingDirectory, PrintWriter out, PrintWriter err, Clock clock, boolean terminal) {
    this(env, workingDirectory, out, err, clock, terminal, null);
  }

  /**
   * This environment with stdout and stderr cleaned by {@link Secrets}: the secrets of the
   * environment and of secret-named flags in {@code args} are masked in every line printed.
   */
  public CliEnvironment masked(String... args) {
    if (out instanceof MaskingWriter.Masked && err instanceof MaskingWriter.Masked) {
      return this;
    }
    secrets.addFlagValues(args);
    return new CliEnvironment(env, workingDirectory, MaskingWriter.printWriter(out, secrets),
        MaskingWriter.printWriter(err, secrets), clock, terminal, secrets);
  }

  public static CliEnvironment system() {
    return system(System.out, System.err, null);
  }

  /** The process's environment writing to {@code out} and {@code err}, masking {@code secrets}. */
  static CliEnvironment system(java.io.PrintStream out, java.io.PrintStream err, Secrets secrets) {
    return new CliEnvironment(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        new PrintWriter(out, true, java.nio.charset.StandardCharsets.UTF_8),
        new PrintWriter(err, true, java.nio.charset.StandardCharsets.UTF_8),
        Clock.systemUTC(),
        System.console() != null,
        secrets);
  }

  /** The variable's value, or null when it is unset or empty (Actions passes unset inputs as ""). */
  public String get(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  public boolean inGitHubActions() {
    return "true".equals(env.get("GITHUB_ACTIONS"));
  }
}
