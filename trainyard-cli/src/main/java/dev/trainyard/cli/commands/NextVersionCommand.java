package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ReleaseSettings;
import dev.trainyard.release.Releases;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the version {@code cut} would make, without touching anything. */
@Command(name = "next-version", description = {
    "Print the next release version, tag and branch without changing anything.",
    "Works in any git repository, with or without .trainyard.yml."})
public final class NextVersionCommand extends BaseCommand {
  @Mixin
  VersionOptions version;

  @Override
  protected int execute(CommandContext context) {
    try (GitRepository repository = ReleaseSupport.open(context, version.repo)) {
      NextVersionRequest request = ReleaseSettings.resolve(ReleaseSupport.config(context, repository), version.flags());
      NextVersion next = new Releases(context.clock(), context.reporter()).nextVersion(repository, request);
      ReleaseSupport.outputs(context.actions(), next, null);
      if (context.json()) {
        context.printJson(ReleaseSupport.VersionJson.of(next));
      } else {
        context.out().println("version:      " + ReleaseSupport.describe(next));
        context.out().println("tag:          " + next.tag());
        context.out().println("branch:       " + (next.branch() == null ? "(detached HEAD)" : next.branch()
            + (next.createsBranch() ? " (new)" : "")));
        context.out().println("previous tag: " + (next.previousTag() == null ? "(none)" : next.previousTag()));
        if (next.mainBranch() != null) {
          context.out().println("default:      " + next.mainBranch() + " (" + next.mainBranchReason() + ")");
        }
      }
      return ExitCode.OK;
    }
  }
}
