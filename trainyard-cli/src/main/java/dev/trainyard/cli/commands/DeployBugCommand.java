package dev.trainyard.cli.commands;

import dev.trainyard.bugs.DeployBugFlags;
import dev.trainyard.bugs.DeployBugRequest;
import dev.trainyard.bugs.DeployBugResult;
import dev.trainyard.bugs.DeployBugs;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.cli.GitHubOptions;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Files a release's deployment request (Bugzilla or a GitHub issue), or comments on it, once. */
@Command(name = "deploy-bug", description = {
    "File the deployment request for a release tag (Bugzilla REST, or a GitHub issue), or comment on the",
    "train's existing request for a patch, production or QA. The text comes from a Mustache template;",
    "a marker makes every text exactly-once, so re-running changes nothing. --dry-run writes nothing."})
public final class DeployBugCommand extends BaseCommand {
  /** The environment variable and the action input that may carry the Bugzilla API key (never a flag or file). */
  static final String KEY_VARIABLE = "BUGZILLA_API_KEY";
  static final String KEY_INPUT = "INPUT_BUGZILLA-API-KEY";

  @Option(names = "--tracker", paramLabel = "TRACKER", description = "bugzilla or github (default: deploy-bug.tracker, else bugzilla).")
  String tracker;

  @Option(names = "--version", paramLabel = "TAG", description = "The release tag (default: the release tag on HEAD).")
  String version;

  @Option(names = "--env", paramLabel = "ENV", description = "stage (default) or production.")
  String env;

  @Option(names = "--qa", description = "Ask for QA on stage in the release's request.")
  boolean qa;

  @Option(names = "--dry-run", description = "Print what would be filed or posted, and where; write nothing.")
  boolean dryRun;

  @Option(names = "--bugzilla-url", paramLabel = "URL",
      description = "The Bugzilla server's base URL; REST is under /rest (default: https://bugzilla.mozilla.org).")
  String bugzillaUrl;

  @Option(names = "--product", paramLabel = "PRODUCT", description = "Bugzilla product (default: Cloud Services).")
  String product;

  @Option(names = "--component", paramLabel = "COMPONENT",
      description = "Bugzilla component (default: Operations: Deployment Requests).")
  String component;

  @Option(names = "--template", paramLabel = "FILE", description = "A Mustache template for the text (default: deploy-bug.template, else the shipped one).")
  Path template;

  @Option(names = "--closed-bug", paramLabel = "POLICY", description = "refuse (default) or comment when the request is closed.")
  String closedBug;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the working directory).")
  Path repo;

  @Mixin
  GitHubOptions gitHubOptions;

  @Override
  protected int execute(CommandContext context) {
    try (GitRepository repository = GitRepository.open(repo == null ? context.workingDirectory() : context.resolve(repo))) {
      TrainyardConfig config = context.config(repository.workTree());
      GitHubEndpoint gitHub = gitHubOptions.endpoint(context, config);
      String apiKey = apiKey(context);
      DeployBugRequest request = DeployBugRequest.resolve(config.deployBugOrDefaults(), flags(context),
          config.releaseOrDefaults(), repository.workTree(), apiKey, gitHub, config.deployOrDefaults(),
          config.deployDefaults(repository.workTree().getFileName().toString()), config.ownersOrDefaults());
      DeployBugResult result = DeployBugs.create(context.reporter(), context.clock()).run(repository, request);
      if (context.json()) {
        context.printJson(result);
      } else {
        DeployBugOutput.printText(context.out(), result);
      }
      DeployBugOutput.publish(context.actions(), result);
      return ExitCode.OK;
    }
  }

  private DeployBugFlags flags(CommandContext context) {
    return new DeployBugFlags(tracker, version, env, qa, dryRun, bugzillaUrl, product, component,
        template == null ? null : context.resolve(template), closedBug);
  }

  /** The key from BUGZILLA_API_KEY, else the action input; masked before anything else is printed. */
  static String apiKey(CommandContext context) {
    String key = context.env(KEY_VARIABLE);
    if (key == null) {
      key = context.env(KEY_INPUT);
    }
    context.actions().mask(key);
    return key;
  }
}
