package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ClogSettings;
import dev.trainyard.github.GitHubConfig;
import dev.trainyard.github.GitHubEndpoint;
import java.nio.file.Path;
import dev.trainyard.version.NextVersionRequest;
import java.util.Objects;

/**
 * One {@code cut}: which version, what to do with it, and where GitHub is.
 *
 * @param remote the remote pushes go to and push commands name
 * @param gitHub the server and repository for links, and the token for {@code --push} over HTTPS
 *     and for {@code --github-release}
 * @param clog the clog format's settings ({@code .clog.toml}), used when the changelog format is clog
 * @param publicRemote for a security release ({@code --private}), the public repository's remote the
 *     fix is merged back to later; null for an ordinary release
 */
public record CutRequest(
    NextVersionRequest version,
    ReleaseConfig config,
    String remote,
    boolean dryRun,
    boolean push,
    boolean githubRelease,
    GitHubEndpoint gitHub,
    ClogSettings clog,
    String publicRemote) {

  public static final String DEFAULT_REMOTE = "origin";

  public CutRequest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(gitHub, "gitHub");
    clog = clog == null ? ClogSettings.DEFAULTS : clog;
  }

  /** A request with the default clog settings. */
  public CutRequest(NextVersionRequest version, ReleaseConfig config, String remote, boolean dryRun, boolean push,
      boolean githubRelease, GitHubEndpoint gitHub) {
    this(version, config, remote, dryRun, push, githubRelease, gitHub, null, null);
  }

  /** True for a security release pushed only to the private remote. */
  public boolean privateRelease() {
    return publicRemote != null;
  }

  /**
   * Flags over the {@code release:} configuration over defaults. Throws only
   * {@link dev.trainyard.TrainyardException}, naming the flag.
   */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub) {
    return resolve(config, flags, gitHub, GitHubConfig.DEFAULTS, null);
  }

  /**
   * As {@link #resolve(ReleaseConfig, CutFlags, GitHubEndpoint)}, with the repository's
   * {@code .clog.toml} (read from {@code workTree} when the changelog format is clog) under the
   * configuration: {@code github.repository} in {@code github} wins over its repository.
   */
  public static CutRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub, GitHubConfig github,
      Path workTree) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    NextVersionRequest version = ReleaseSettings.resolve(c, flags.version());
    ClogSettings clog = ChangelogRequest.clogSettings(ReleasePlanner.formatFor(c, version.scheme().name()), github,
        workTree);
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
      return new CutRequest(version, toPrivate, c.privateRemote(), flags.dryRun(), flags.push(), false, gitHub, clog,
          publicRemote);
    }
    return new CutRequest(version, c, remoteOf(c), flags.dryRun(), flags.push(), flags.githubRelease(), gitHub, clog,
        null);
  }

  static String remoteOf(ReleaseConfig config) {
    return config.remote() == null ? DEFAULT_REMOTE : config.remote();
  }
}
