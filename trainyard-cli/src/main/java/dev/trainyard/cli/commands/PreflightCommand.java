package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.cli.GitHubOptions;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.preflight.Preflight;
import dev.trainyard.preflight.PreflightFlags;
import dev.trainyard.preflight.PreflightReport;
import dev.trainyard.preflight.PreflightRequest;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Is it safe to release today? Every readiness check in one table. */
@Command(name = "preflight", description = {
    "Release readiness before tagging: clean tree, release branch, branch and tags equal the remote's,",
    "new commits since the last release, merge-backs, CI green for HEAD, no open blockers, a release",
    "day that is no holiday. Each check passes, warns, fails or is skipped, with one line of reason.",
    "Changes nothing. Exit 0 when no check fails, 1 otherwise."})
public final class PreflightCommand extends BaseCommand {
  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the working directory).")
  Path repo;

  @Option(names = "--scheme", paramLabel = "SCHEME", description = "train, date or semver (default: release.scheme, else train).")
  String scheme;

  @Option(names = "--patch", negatable = true,
      description = "Check a patch (dot) release (default: yes on a train-N or release/X.Y branch).")
  Boolean patch;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "The release day to check (default: today; for the date scheme the push day).")
  String date;

  @Option(names = "--only", paramLabel = "CHECK", split = ",", description = "Run only these checks (comma-separated or repeated).")
  List<String> only;

  @Option(names = "--skip", paramLabel = "CHECK", split = ",", description = "Leave these checks out (comma-separated or repeated).")
  List<String> skip;

  @Option(names = "--allow-empty", description = "Nothing new since the last release is a warning, not a failure.")
  boolean allowEmpty;

  @Option(names = "--offline", description = "Ask no remote and no GitHub: those checks are skipped.")
  boolean offline;

  @Option(names = "--first-release", description = "Allow a repository without any release tag yet.")
  boolean firstRelease;

  @Mixin
  GitHubOptions gitHubOptions;

  @Override
  protected int execute(CommandContext context) {
    try (GitRepository repository = ReleaseSupport.open(context, repo)) {
      TrainyardConfig config = context.config(repository.workTree());
      GitHubEndpoint endpoint = gitHubOptions.endpoint(context, config);
      PreflightRequest request = PreflightRequest.resolve(config.preflightOrDefaults(), config.releaseOrDefaults(),
          config.ownersOrDefaults(), config.verifyCiOrDefaults(), config.mergeBackOrDefaults(), flags(),
          repository.workTree(), endpoint, bugzilla(context, config), context.clock());
      PreflightReport report = new Preflight(context.reporter(), context.clock()).run(repository, request);
      if (context.json()) {
        context.printJson(report);
      } else {
        PreflightOutput.printText(context.out(), report);
      }
      PreflightOutput.publish(context.actions(), report);
      return report.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }

  /**
   * Where blocker bugs are searched ({@code preflight.blocker-bugzilla}): the Bugzilla deployment
   * requests go to ({@code deploy-bug.bugzilla-url}), with deploy-bug's key (masked first); without
   * one the search sees public bugs only.
   */
  static PreflightRequest.Bugzilla bugzilla(CommandContext context, TrainyardConfig config) {
    return new PreflightRequest.Bugzilla(config.deployBugOrDefaults().bugzillaBaseUrl(), DeployBugCommand.apiKey(context));
  }

  private PreflightFlags flags() {
    return new PreflightFlags(scheme, patch, date, only, skip, allowEmpty, offline, firstRelease);
  }
}
