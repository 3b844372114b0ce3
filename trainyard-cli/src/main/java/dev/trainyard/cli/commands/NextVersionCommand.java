package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.release.ReleasePlanner;
import dev.trainyard.release.ReleaseSettings;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the version {@code cut} would make, without touching anything. */
@Command(name = "next-version", description = {
    "Print the next release version, tag and branch without changing anything.",
    "Works in any git repository, with or without .trainyard.yml."})
public final class NextVersionCommand extends BaseCommand {
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

  @Override
  protected int execute(CommandContext context) {
    try (GitRepository repository = ReleaseSupport.open(context, repo)) {
      ReleaseConfig config = ReleaseSupport.config(context, repository);
      NextVersionRequest request = ReleaseSettings.request(config, scheme, patch, date, firstRelease);
      repository.requireFullHistory(firstRelease);
      NextVersion next = new ReleasePlanner(context.clock(), context.reporter()).nextVersion(repository, request);
      ReleaseSupport.outputs(context, next, null);
      if (context.json()) {
        context.printJson(ReleaseSupport.json(next));
      } else {
        context.out().println("version:      " + ReleaseSupport.describe(next));
        context.out().println("tag:          " + next.tag());
        context.out().println("branch:       " + (next.branch() == null ? "(detached HEAD)" : next.branch()
            + (next.createsBranch() ? " (new)" : "")));
        context.out().println("previous tag: " + (next.previousTag() == null ? "(none)" : next.previousTag()));
      }
      return ExitCode.OK;
    }
  }
}
