package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ClogSettings;
import dev.trainyard.github.GitHubConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.WorkflowToken;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.SchemeName;
import java.nio.file.Path;
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
 * @param clog the clog format's settings ({@code .clog.toml}), used when the changelog format is clog
 * @param publicRemote for a security release ({@code --private}), the public repository's remote the
 *     fix is merged back to later; null for an ordinary release
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
    ClogSettings clog,
    String publicRemote,
    DeploymentRequestWriter requestWriter) {

  public static final String DEFAULT_REMOTE = "origin";

  public CutRequest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(gitHub, "gitHub");
    clog = clog == null ? ClogSettings.DEFAULTS : clog;
  }

  public CutRequest(NextVersionRequest version, ReleaseConfig config, String remote, boolean dryRun, boolean push,
      boolean githubRelease, boolean openPr, GitHubEndpoint gitHub, boolean workflowToken) {
    this(version, config, remote, dryRun, push, githubRelease, openPr, gitHub, workflowToken, null, null, null);
  }

  public CutRequest(NextVersionRequest version, ReleaseConfig config, String remote, boolean dryRun, boolean push,
      boolean githubRelease, GitHubEndpoint gitHub) {
    this(version, config, remote, dryRun, push, githubRelease, false, gitHub, false);
  }

  /** True for a security release pushed only to the private remote. */
  public boolean privateRelease() {
    return publicRemote != null;
  }

  /** As {@link #resolve(ReleaseConfig, CutFlags, GitHubEndpoint, Map)} outside a workflow. */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub) {
    return resolve(config, flags, gitHub, Map.of());
  }

  /** The full {@code resolve} without a .clog.toml or a deployment request. */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub,
      Map<String, String> env) {
    return resolve(config, flags, gitHub, env, GitHubConfig.DEFAULTS, null);
  }

  /** The full {@code resolve} outside a workflow, without a deployment request. */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub, GitHubConfig github,
      Path workTree) {
    return resolve(config, flags, gitHub, Map.of(), github, workTree);
  }

  /** The full {@code resolve} without a deployment request. */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub,
      Map<String, String> env, GitHubConfig github, Path workTree) {
    return resolve(config, flags, gitHub, env, github, workTree, null);
  }

  /**
   * As {@link #resolve(ReleaseConfig, CutFlags, GitHubEndpoint, Map)}, printing a train's deployment
   * request with {@code requestWriter} (null: none).
   */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub,
      Map<String, String> env, DeploymentRequestWriter requestWriter) {
    return resolve(config, flags, gitHub, env, GitHubConfig.DEFAULTS, null, requestWriter);
  }

  /**
   * Flags over the {@code release:} configuration over defaults, with the repository's
   * {@code .clog.toml} (read from {@code workTree} when the changelog format is clog) under the
   * configuration: {@code github.repository} in {@code github} wins over its repository. Throws only
   * {@link dev.trainyard.TrainyardException}, naming the flag or key.
   *
   * @param env the runner's variables ({@link WorkflowToken#VARIABLE})
   * @param requestWriter writes a train's deployment request, or null for none
   */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub,
      Map<String, String> env, GitHubConfig github, Path workTree, DeploymentRequestWriter requestWriter) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    NextVersionRequest version = ReleaseSettings.resolve(c, flags.version());
    if (flags.openPr() && version.scheme().name() == SchemeName.DATE) {
      throw TrainyardException.invalidInput(
          "--open-pr: a date release has no release branch to merge back (it is tagged where it is cut)",
          "leave --open-pr out for the date scheme");
    }
    ClogSettings clog = ChangelogRequest.clogSettings(ReleasePlanner.formatFor(c, version.scheme().name()), github,
        workTree);
    boolean workflowToken = WorkflowToken.inUse(env == null ? Map.of() : env);
    if (flags.privateRelease()) {
      if (c.privateRemote() == null) {
        throw TrainyardException.invalidInput("--private: release.private-remote is not set",
            "name the private repository's remote in .trainyard.yml: release: { private-remote: private }");
      }
      String publicRemote = remoteOf(c);
      if (c.privateRemote().equals(publicRemote)) {
        throw TrainyardException.invalidInput("release.private-remote is the same remote as release.remote ('"
            + publicRemote + "')", "name the private repository's own remote");
      }
      ReleaseConfig toPrivate = c.withRemote(c.privateRemote());
      return new CutRequest(version, toPrivate, c.privateRemote(), flags.dryRun(), flags.push(), false, false, gitHub,
          workflowToken, clog, publicRemote, requestWriter);
    }
    return new CutRequest(version, c, remoteOf(c), flags.dryRun(), flags.push(), flags.githubRelease(),
        flags.openPr(), gitHub, workflowToken, clog, null, requestWriter);
  }

  static String remoteOf(ReleaseConfig config) {
    return config.remote() == null ? DEFAULT_REMOTE : config.remote();
  }
}
