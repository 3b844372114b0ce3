package dev.trainyard.release;

import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.version.NextVersionRequest;
import java.util.Objects;

/**
 * One {@code cut}: which version, what to do with it, and where GitHub is.
 *
 * @param remote the remote pushes go to and push commands name
 * @param gitHub the server and repository for links, and the token for {@code --push} over HTTPS
 *     and for {@code --github-release}
 */
public record CutRequest(
    NextVersionRequest version,
    ReleaseConfig config,
    String remote,
    boolean dryRun,
    boolean push,
    boolean githubRelease,
    GitHubEndpoint gitHub) {

  public static final String DEFAULT_REMOTE = "origin";

  public CutRequest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(gitHub, "gitHub");
  }

  /**
   * Flags over the {@code release:} configuration over defaults. Throws only
   * {@link dev.trainyard.TrainyardException}, naming the flag.
   */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    return new CutRequest(ReleaseSettings.resolve(c, flags.version()), c, remoteOf(c), flags.dryRun(), flags.push(),
        flags.githubRelease(), gitHub);
  }

  static String remoteOf(ReleaseConfig config) {
    return config.remote() == null ? DEFAULT_REMOTE : config.remote();
  }
}
