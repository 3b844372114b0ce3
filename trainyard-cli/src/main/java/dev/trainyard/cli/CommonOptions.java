package dev.trainyard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
  boolean json;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: .trainyard.yml in the repository or working directory, when present).")
  Path config;

  @Option(names = {"-v", "--verbose"}, description = "Print more detail while working.")
  boolean verbose;

  @Option(names = "--stacktrace", hidden = true, description = "Print stack traces of errors.")
  boolean stacktrace;
}
