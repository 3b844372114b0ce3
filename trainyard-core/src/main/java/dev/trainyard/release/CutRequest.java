package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.WorkflowToken;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.SchemeName;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code cut}: which version, what to do with it, and where GitHub is.
 *
 * @param remote the remote pushes go to and push commands name
 * @param gitHub the server and repository for links, and the token for {@code --push} over HTTPS
 *     and for {@code --github-release}
 * @param openPr open (or reuse) the merge-back pull request of the release branch
 * @param workflowToken true when that token is the workflow's own {@code GITHUB_TOKEN}, whose pushes
 *     start no other workflow ({@link WorkflowToken})
 * @param requestWriter writes a train's deployment request (deploy-bug's template and model), or
 *     null to plan without one
 */
public record CutRequest(
    NextVersionRequest version,
    ReleaseConfig config,
    String remote,
    boolean dryRun,
    boolean push,
    boolean githubRelease,
    boolean openPr,
    GitHubEndpoint gitHub,
    boolean workflowToken,
    DeploymentRequestWriter requestWriter) {

  public static final String DEFAULT_REMOTE = "origin";

  public CutRequest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(gitHub, "gitHub");
  }

  public CutRequest(NextVersionRequest version, ReleaseConfig config, String remote, boolean dryRun, boolean push,
      boolean githubRelease, GitHubEndpoint gitHub) {
    this(version, config, remote, dryRun, push, githubRelease, false, gitHub, false, null);
  }

  /** As {@link #resolve(ReleaseConfig, CutFlags, GitHubEndpoint, Map)} outside a workflow. */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub) {
    return resolve(config, flags, gitHub, Map.of());
  }

  /**
   * Flags over the {@code release:} configuration over defaults. Throws only
   * {@link dev.trainyard.TrainyardException}, naming the flag.
   *
   * @param env the runner's variables ({@link WorkflowToken#VARIABLE})
   */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub,
      Map<String, String> env) {
    return resolve(config, flags, gitHub, env, null);
  }

  /**
   * As {@link #resolve(ReleaseConfig, CutFlags, GitHubEndpoint, Map)}, printing a train's deployment
   * request with {@code requestWriter} (null: none).
   */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub,
      Map<String, String> env, DeploymentRequestWriter requestWriter) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    NextVersionRequest version = ReleaseSettings.resolve(c, flags.version());
    if (flags.openPr() && version.scheme().name() == SchemeName.DATE) {
      throw TrainyardException.invalidInput(
          "--open-pr: a date release has no release branch to merge back (it is tagged where it is cut)",
          "leave --open-pr out for the date scheme");
    }
    return new CutRequest(version, c, remoteOf(c), flags.dryRun(), flags.push(), flags.githubRelease(),
        flags.openPr(), gitHub, WorkflowToken.inUse(env), requestWriter);
  }

  static String remoteOf(ReleaseConfig config) {
    return config.remote() == null ? DEFAULT_REMOTE : config.remote();
  }
}
