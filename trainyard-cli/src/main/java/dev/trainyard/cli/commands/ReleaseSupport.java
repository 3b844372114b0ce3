package dev.trainyard.cli.commands;

import dev.trainyard.TrainyardException;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.version.NextVersion;
import java.nio.file.Files;
import java.nio.file.Path;

/** What cut, next-version and changelog share: the repository, its configuration, the version's rendering. */
final class ReleaseSupport {
  private ReleaseSupport() {}

  static GitRepository open(CommandContext context, Path repoFlag) {
    Path dir = repoFlag == null ? context.workingDirectory() : context.resolve(repoFlag);
    if (!Files.isDirectory(dir)) {
      throw TrainyardException.invalidInput(
          "repository folder does not exist: " + dir, "pass an existing folder with --repo DIR");
    }
    return GitRepository.open(dir);
  }

  /** The {@code release:} section of the configuration found at the repository root. */
  static ReleaseConfig config(CommandContext context, GitRepository repo) {
    return context.config(repo.workTree()).releaseOrDefaults();
  }

  /** The version part of the {@code --json} of {@code next-version} and {@code cut}. */
  record VersionJson(String version, String tag, String previousTag, String previousVersion, String branch,
      boolean createsBranch, String scheme, boolean patch, String bump, String mainBranch, String mainBranchReason) {
    static VersionJson of(NextVersion next) {
      return new VersionJson(next.version(), next.tag(), next.previousTag(), next.previousVersion(), next.branch(),
          next.createsBranch(), next.scheme().id(), next.patch(), next.bump() == null ? null : next.bump().id(),
          next.mainBranch(), next.mainBranchReason());
    }
  }

  static void outputs(ActionsIO actions, NextVersion next, String compareUrl) {
    actions.output("version", next.version());
    actions.output("tag", next.tag());
    actions.output("branch", next.branch() == null ? "" : next.branch());
    actions.output("previous-tag", next.previousTag() == null ? "" : next.previousTag());
    actions.output("compare-url", compareUrl == null ? "" : compareUrl);
  }

  static String describe(NextVersion next) {
    String kind = switch (next.scheme()) {
      case TRAIN -> next.patch() ? "train, patch" : "train, regular";
      case DATE -> next.patch() ? "date, re-tag" : "date";
      case SEMVER -> "semver" + (next.bump() == null ? ", Release-As" : ", " + next.bump().id() + " bump");
    };
    return next.version() + " (" + kind + ")";
  }
}
