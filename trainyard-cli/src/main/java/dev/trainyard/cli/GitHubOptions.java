package dev.trainyard.cli;

import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.github.GitHubEndpoint;
import picocli.CommandLine.Option;

/** The GitHub repository and token flags, the same on every command that calls GitHub. */
public final class GitHubOptions {
  @Option(names = "--repo-slug", paramLabel = "OWNER/NAME",
      description = "GitHub repository (default: github.repository in the config, then GITHUB_REPOSITORY).")
  String repositorySlug;

  @Option(names = "--token", paramLabel = "TOKEN", description = "GitHub token (default: GITHUB_TOKEN); masked in the log.")
  String token;

  /** The endpoint with the {@code github:} section of the working directory's configuration. */
  public GitHubEndpoint endpoint(CommandContext context) {
    return endpoint(context, context.config());
  }

  /** The endpoint with the {@code github:} section of {@code config} (the repository's own). */
  public GitHubEndpoint endpoint(CommandContext context, TrainyardConfig config) {
    return context.gitHub(config, repositorySlug, token);
  }
}
