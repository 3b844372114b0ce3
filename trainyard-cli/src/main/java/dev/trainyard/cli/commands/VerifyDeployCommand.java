package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.deploy.CompareRequest;
import dev.trainyard.deploy.CompareResult;
import dev.trainyard.deploy.DeployVerifier;
import dev.trainyard.deploy.VerifyDeployFlags;
import dev.trainyard.deploy.VerifyDeployRequest;
import dev.trainyard.deploy.VerifyDeployResult;
import dev.trainyard.git.GitRepository;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Is the tag live? Each service's Dockerflow /__version__ and /__heartbeat__, wave by wave. */
@Command(name = "verify-deploy", description = {
    "Wait until every planned service reports the tag (or its commit) on its Dockerflow",
    "/__version__, then check /__heartbeat__; exit 0 when live, 1 when not by --timeout.",
    "--compare stage,production reads both once and says where production lags."})
public final class VerifyDeployCommand extends BaseCommand {
  @Option(names = "--env", paramLabel = "ENV", description = "Environment whose version URLs to poll.")
  String environment;

  @Option(names = "--version", paramLabel = "TAG",
      description = "The tag that should be live (default: the pushed tag, GITHUB_REF_NAME on a tag push).")
  String version;

  @Option(names = "--commit", paramLabel = "SHA",
      description = "The commit that should be live (default: the tag's commit, when the clone has the tag).")
  String commit;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Give up after this long, e.g. 15m (default 15m; 0 looks once).")
  String timeout;

  @Option(names = "--interval", paramLabel = "DURATION", description = "Pause between looks at a service, 1s to 1h (default 10s).")
  String interval;

  @Option(names = "--changed-since", paramLabel = "REF",
      description = "Only the services changed since REF, as deploy-order (default: the previous release tag).")
  String changedSince;

  @Option(names = "--all", description = "Every service, changed or not.")
  boolean all;

  @Option(names = "--compare", paramLabel = "A,B",
      description = "Read every service's version in environments A and B once; B lags where it differs.")
  String compare;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the working directory).")
  Path repo;

  @Override
  protected int execute(CommandContext context) {
    Path root = repo == null ? context.workingDirectory() : context.resolve(repo);
    VerifyDeployFlags flags = flags();
    if (flags.compare() != null && !flags.compare().isBlank()) {
      TrainyardConfig config = context.config(root);
      CompareRequest request = CompareRequest.resolve(config.deployOrDefaults(),
          config.deployDefaults(root.getFileName() == null ? null : root.getFileName().toString()), flags, context.env());
      context.actions().mask(request.fromAuthorization());
      context.actions().mask(request.toAuthorization());
      CompareResult result = DeployVerifier.connect(context.reporter()).compare(request);
      if (context.json()) {
        context.printJson(VerifyDeployOutput.CompareJson.of(result));
      } else {
        VerifyDeployOutput.printText(context.out(), result);
      }
      VerifyDeployOutput.publish(context.actions(), result);
      return result.unreadable().isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
    try (GitRepository repository = GitRepository.open(root)) {
      TrainyardConfig config = context.config(repository.workTree());
      VerifyDeployRequest request = VerifyDeployRequest.resolve(config.deployOrDefaults(),
          config.deployDefaults(repository.workTree().getFileName().toString()), flags, context.env());
      context.actions().mask(request.authorization());
      VerifyDeployResult result = DeployVerifier.connect(context.reporter()).verify(repository, request);
      if (context.json()) {
        context.printJson(VerifyDeployOutput.Json.of(result));
      } else {
        VerifyDeployOutput.printText(context.out(), result);
      }
      VerifyDeployOutput.publish(context.actions(), result);
      return result.live() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }

  private VerifyDeployFlags flags() {
    return new VerifyDeployFlags(environment, version, commit, timeout, interval, changedSince, all, compare);
  }
}
