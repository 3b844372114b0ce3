package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.deploy.DeployOrderFlags;
import dev.trainyard.deploy.DeployOrderRequest;
import dev.trainyard.deploy.DeployPlan;
import dev.trainyard.deploy.DeployPlanner;
import dev.trainyard.git.GitRepository;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The deployment plan of an environment: which services, in which order and waves, and why. */
@Command(name = "deploy-order", description = {
    "Print the deploy order and waves of an environment. production: auth first, then",
    "what touches the database, then the rest, content last; stage: alphabetical;",
    "after: edges always hold. Only the services changed since the previous release,",
    "unless --all."})
public final class DeployOrderCommand extends BaseCommand {
  @Option(names = "--env", paramLabel = "ENV", description = "Environment: production, stage, or one under deploy.environments.")
  String environment;

  @Option(names = "--changed-since", paramLabel = "REF",
      description = "Only services whose paths changed since REF (default: the previous release tag).")
  String changedSince;

  @Option(names = "--all", description = "Every service, changed or not.")
  boolean all;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the working directory).")
  Path repo;

  @Override
  protected int execute(CommandContext context) {
    try (GitRepository repository = GitRepository.open(repo == null ? context.workingDirectory() : context.resolve(repo))) {
      TrainyardConfig config = context.config(repository.workTree());
      DeployOrderRequest request = DeployOrderRequest.resolve(config.deployOrDefaults(),
          config.deployDefaults(repository.workTree().getFileName().toString()), flags());
      DeployPlan plan = new DeployPlanner(context.clock(), context.reporter()).plan(repository, request);
      if (context.json()) {
        context.printJson(DeployOrderOutput.Json.of(plan));
      } else {
        DeployOrderOutput.printText(context.out(), plan);
      }
      DeployOrderOutput.publish(context.actions(), plan);
      return ExitCode.OK;
    }
  }

  private DeployOrderFlags flags() {
    return new DeployOrderFlags(environment, changedSince, all);
  }
}
