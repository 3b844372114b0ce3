package dev.trainyard.cli.commands;

import dev.trainyard.bugs.CutRequestText;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.release.Cancellation;
import dev.trainyard.release.CutFlags;
import dev.trainyard.release.CutOutcome;
import dev.trainyard.release.CutRequest;
import dev.trainyard.release.Releases;
import dev.trainyard.release.RepositoriesRequest;
import dev.trainyard.release.RepositoryTagging;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Cuts a release: version, branch, changelogs, version bumps, commit, tag, optional push and draft. */
@Command(name = "cut", description = {
    "Cut a release: pick the next version, create the release branch, write changelogs and version",
    "bumps, commit, and make an annotated tag. --dry-run prints the whole plan and changes nothing.",
    "Re-running for a release that exists says so and changes nothing (exit 0)."})
public final class CutCommand extends BaseCommand {
  @Mixin
  VersionOptions version;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--push", description = "Push the branch, then the tag (by name, never --tags), with GITHUB_TOKEN over HTTPS.")
  boolean push;

  @Option(names = "--github-release", description = "Draft a GitHub release from the new changelog section (needs --push).")
  boolean githubRelease;

  @Option(names = "--open-pr", description = {
      "Open the merge-back pull request (train-N -> main, release/X.Y -> the default branch) with the",
      "changelog section as its body, or reuse the open one (needs --push)."})
  boolean openPr;

  @Option(names = "--private", description = "A security release: push the branch and tag only to"
      + " release.private-remote, and print the steps that bring it to the public repository later.")
  boolean privateRelease;

  @Option(names = "--repos", paramLabel = "OWNER/NAME", split = ",",
      description = "Date scheme: tag these repositories' default branch heads through the GitHub API (no clone);"
          + " default: release.repos.")
  List<String> repos = new ArrayList<>();

  @Override
  protected int execute(CommandContext context) {
    CutFlags flags = new CutFlags(version.flags(), dryRun, push, githubRelease, openPr, privateRelease, repos);
    if (!flags.repos().isEmpty()) {
      return tagRepositories(context, context.config(), flags);
    }
    try (GitRepository repository = ReleaseSupport.open(context, version.repo)) {
      var config = context.config(repository.workTree());
      if (RepositoriesRequest.requested(config.releaseOrDefaults(), flags)) {
        return tagRepositories(context, config, flags);
      }
      GitHubEndpoint gitHub = context.gitHub(config, null, null);
      // The train's deployment request is deploy-bug's text (same template and model).
      CutRequest request = CutRequest.resolve(config.releaseOrDefaults(), flags, gitHub, context.env(),
          config.githubOrDefaults(), repository.workTree(),
          CutRequestText.fromConfig(config.deployBugOrDefaults(), repository.workTree(),
              gitHub.repository() == null ? null : gitHub.repository().toString(), config.deployOrDefaults(),
              config.deployDefaults(repository.workTree().getFileName().toString()), config.ownersOrDefaults(), context.clock(),
              context.reporter()));
      Cancellation cancellation = context.cancellation();
      CutOutcome outcome;
      try {
        outcome = new Releases(context.clock(), context.reporter(), context.env()).cut(repository, request, cancellation);
      } finally {
        context.endCancellation(cancellation);
      }
      CutOutput.render(context, outcome);
      return ExitCode.OK;
    }
  }

  private int tagRepositories(CommandContext context, TrainyardConfig config, CutFlags flags) {
    RepositoriesRequest request = RepositoriesRequest.resolve(config.releaseOrDefaults(), flags,
        context.gitHub(config, null, null), LocalDate.now(context.clock()));
    RepositoryTagging.Result result = new Releases(context.clock(), context.reporter(), context.env())
        .tagRepositories(request);
    CutOutput.renderRepositories(context, result);
    return result.complete() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }
}
