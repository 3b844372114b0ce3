package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.cli.GitHubOptions;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.preflight.PreflightRequest;
import dev.trainyard.rehearse.Rehearsal;
import dev.trainyard.rehearse.RehearsalFlags;
import dev.trainyard.rehearse.RehearsalReport;
import dev.trainyard.rehearse.RehearsalRequest;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The whole release duty as a dry run, for this repository or for a generated example. */
@Command(name = "rehearse", description = {
    "Rehearse the whole release duty, changing nothing anywhere: preflight, the cut plan and its",
    "changelogs, the deploy order, the asset sync plan, the deployment request, the merge-back status,",
    "in the order they would happen. --example does it on a generated example monorepo, offline.",
    "Exit 0 when the rehearsal finds nothing that stops the release, 1 otherwise."})
public final class RehearseCommand extends BaseCommand {
  @Option(names = "--example", description = "Rehearse on a freshly generated example monorepo: offline, no token, no credentials.")
  boolean example;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the working directory).")
  Path repo;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "The release day (default: today; with --example the example's day, " + Rehearsal.EXAMPLE_DAY + ").")
  String date;

  @Option(names = "--offline", description = "Ask no remote, no GitHub and no bucket.")
  boolean offline;

  @Mixin
  GitHubOptions gitHubOptions;

  @Override
  protected int execute(CommandContext context) {
    RehearsalFlags flags = new RehearsalFlags(example, date, offline);
    Rehearsal rehearsal = new Rehearsal(context.reporter(), context.clock(),
        root -> new ConfigLoader().load(root.resolve(ConfigLoader.DEFAULT_FILE_NAME), true).rehearsalSections());
    RehearsalReport report;
    if (example) {
      report = rehearsal.run(RehearsalRequest.resolve(null, flags, context.workingDirectory(), GitHubEndpoint.defaults(),
          PreflightRequest.Bugzilla.defaults(), context.env(), context.clock()));
    } else {
      try (GitRepository repository = ReleaseSupport.open(context, repo)) {
        TrainyardConfig config = context.config(repository.workTree());
        GitHubEndpoint endpoint = gitHubOptions.endpoint(context, config);
        report = rehearsal.run(RehearsalRequest.resolve(config.rehearsalSections(), flags,
            repository.workTree(), endpoint, PreflightCommand.bugzilla(context, config), context.env(), context.clock()));
      }
    }
    if (context.json()) {
      context.printJson(report);
    } else {
      RehearseOutput.printText(context.out(), report);
    }
    RehearseOutput.publish(context.actions(), report);
    return report.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }
}
