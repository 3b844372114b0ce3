package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.cli.GitHubOptions;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.release.PublishFlags;
import dev.trainyard.release.PublishRequest;
import dev.trainyard.release.PublishResult;
import dev.trainyard.release.ReleasePublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes the drafted GitHub release of a tag once its release pull request is merged. */
@Command(name = "publish-release", description = {
    "Publish the drafted GitHub release of a tag once its release pull request is merged (the",
    "release's name may differ from the tag). Refused while the pull request is open (exit 4);",
    "a release published already is left alone (exit 0)."})
public final class PublishReleaseCommand extends BaseCommand {
  @Option(names = "--version", paramLabel = "TAG", description = "The tag of the drafted release, e.g. v1.11.0 or 1.2.0.")
  String version;

  @Option(names = "--pr", paramLabel = "NUMBER",
      description = "The release pull request (default: found from the tag's commit and its release branch).")
  Long pullRequest;

  @Mixin
  GitHubOptions gitHubOptions;

  @Override
  protected int execute(CommandContext context) {
    GitHubEndpoint endpoint = gitHubOptions.endpoint(context);
    PublishRequest request = PublishRequest.resolve(context.config().releaseOrDefaults(), flags(), endpoint, context.env());
    PublishResult result = ReleasePublisher.connect(endpoint, context.reporter()).publish(request);
    if (context.json()) {
      context.printJson(PublishReleaseOutput.Json.of(result));
    } else {
      PublishReleaseOutput.printText(context.out(), result);
    }
    PublishReleaseOutput.publish(context.actions(), result);
    return ExitCode.OK;
  }

  private PublishFlags flags() {
    return new PublishFlags(version, pullRequest);
  }
}
