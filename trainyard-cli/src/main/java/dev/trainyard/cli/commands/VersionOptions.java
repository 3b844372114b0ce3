package dev.trainyard.cli.commands;

import dev.trainyard.release.VersionFlags;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose the next version, shared by {@code cut} and {@code next-version}. */
final class VersionOptions {
  @Option(names = "--scheme", paramLabel = "SCHEME", description = "train, date or semver (default: release.scheme, else train).")
  String scheme;

  @Option(names = "--patch", description = "A patch (dot) release on a train-N or release/X.Y branch.")
  boolean patch;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date scheme: the push date (default: the next push day).")
  String date;

  @Option(names = "--first-release", description = "Allow a repository without any release tag yet.")
  boolean firstRelease;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the working directory).")
  Path repo;

  VersionFlags flags() {
    return new VersionFlags(scheme, patch, date, firstRelease);
  }
}
