package dev.trainyard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs trainyard in-process with its own environment and captures exit code, stdout and stderr. */
public final class CliRunner {
  public static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private final Path workingDirectory;
  private final Map<String, String> env = new HashMap<>();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  public CliRunner(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  public CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public CliRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** An environment with this runner's variables and clock that writes nowhere. */
  public CliEnvironment environment() {
    return environment(new StringWriter(), new StringWriter());
  }

  private CliEnvironment environment(StringWriter out, StringWriter err) {
    return new CliEnvironment(
        env, workingDirectory, new PrintWriter(out, true), new PrintWriter(err, true), clock, false);
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Trainyard.run(environment(out, err), args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** What a run produced. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
