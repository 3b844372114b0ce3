package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.WorkflowToken;
import dev.trainyard.version.VersionCalculator;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code publish-release}: which drafted release, gated on which pull request.
 *
 * @param tag the release's tag (its name on GitHub may differ)
 * @param pullRequest the release pull request's number, or null to find it from the tag's commit
 * @param releaseBranch the branch the tag's release lives on ({@code train-N}, {@code release/X.Y}),
 *     whose pull requests are searched too; null when the scheme has none
 * @param baseBranch the branch the release pull request merges into, or null for the default branch
 * @param gitHub the server, repository and token
 * @param workflowToken true when the token is the workflow's own {@code GITHUB_TOKEN}
 */
public record PublishRequest(String tag, Long pullRequest, String releaseBranch, String baseBranch,
    GitHubEndpoint gitHub, boolean workflowToken) {
  public PublishRequest {
    Objects.requireNonNull(gitHub, "gitHub");
    if (tag == null || tag.isBlank()) {
      throw TrainyardException.invalidInput("--version is required: the tag of the drafted release to publish",
          "e.g. --version v1.11.0");
    }
    tag = tag.strip();
    if (pullRequest != null && pullRequest < 1) {
      throw TrainyardException.invalidInput("--pr must be a pull request number (1 or more), got " + pullRequest,
          "in a workflow on pull_request: pass ${{ github.event.pull_request.number }}");
    }
    if (gitHub.repository() == null) {
      throw TrainyardException.invalidInput("publish-release needs the repository: GITHUB_REPOSITORY is not set",
          "pass --repo-slug OWNER/NAME, or set github.repository in .trainyard.yml");
    }
    if (!gitHub.hasToken()) {
      throw TrainyardException.invalidInput("publish-release needs a token: GITHUB_TOKEN is not set",
          "pass --token, or the action's 'token' (it needs Contents: write; drafts are invisible without it)");
    }
  }

  /**
   * Flags over the {@code release:} configuration over defaults. Throws only
   * {@link TrainyardException}, naming the flag.
   *
   * @param env the runner's variables ({@link WorkflowToken#VARIABLE})
   */
  public static PublishRequest resolve(ReleaseConfig config, PublishFlags flags, GitHubEndpoint gitHub,
      Map<String, String> env) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    String tag = flags.version() == null ? null : flags.version().strip();
    String branch = tag == null || tag.isEmpty() ? null
        : VersionCalculator.releaseBranch(ReleaseSettings.resolve(c, VersionFlags.NONE).scheme(), tag).orElse(null);
    return new PublishRequest(tag, flags.pullRequest(), branch, c.mainBranch(), gitHub, WorkflowToken.inUse(env));
  }
}
