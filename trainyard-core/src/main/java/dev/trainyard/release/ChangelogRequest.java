package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ChangelogFormat;
import dev.trainyard.changelog.ClogSettings;
import dev.trainyard.github.GitHubConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The changelog of one range, as {@code changelog} prints it.
 *
 * @param from the start, exclusive; null with {@code fromLatestTag} (or for the whole history)
 * @param remote the remote whose URL names the repository when no {@code github.repository} is known
 * @param clog the clog format's settings (sections, links, from-latest-tag)
 * @param releaseCommits whether release commits are listed
 */
public record ChangelogRequest(String from, String to, ChangelogFormat format, List<String> paths, String remote,
    ClogSettings clog, ReleaseCommitsPolicy releaseCommits) {
  public ChangelogRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(format, "format");
    paths = paths == null ? List.of() : List.copyOf(paths);
    clog = clog == null ? ClogSettings.DEFAULTS : clog;
    releaseCommits = releaseCommits == null ? ReleaseCommitsPolicy.defaultFor(format) : releaseCommits;
  }

  /** A range in {@code format} with the default clog settings and release-commit policy. */
  public ChangelogRequest(String from, String to, ChangelogFormat format, List<String> paths, String remote) {
    this(from, to, format, paths, remote, null, null);
  }

  /** Flags over the {@code release:} configuration over defaults; a bad value names its flag. */
  public static ChangelogRequest resolve(ReleaseConfig config, ChangelogFlags flags) {
    return resolve(config, flags, GitHubConfig.DEFAULTS, null);
  }

  /**
   * Flags over {@code .trainyard.yml} over the repository's {@code .clog.toml} (read from
   * {@code workTree} when the format is clog) over defaults; a bad value names its flag or file.
   *
   * @param github the {@code github:} section: a {@code github.repository} there wins over the
   *     {@code .clog.toml}'s repository for links
   * @param workTree the repository root, or null to read no {@code .clog.toml}
   */
  public static ChangelogRequest resolve(ReleaseConfig config, ChangelogFlags flags, GitHubConfig github, Path workTree) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    ChangelogFormat format = flags.format() != null ? ChangelogFormat.parse(flags.format(), "--format")
        : c.changelogFormat() != null ? c.changelogFormat() : ChangelogFormat.FXA;
    ClogSettings.LinkStyle linkStyle = flags.linkStyle() == null ? null
        : ClogSettings.LinkStyle.parse(flags.linkStyle(), "--link-style");
    String repository = flags.repository() == null ? null : repositoryUrl(flags.repository());
    ClogSettings clog = clogSettings(format, github, workTree);
    if (format != ChangelogFormat.CLOG && (linkStyle != null || repository != null)) {
      throw TrainyardException.invalidInput("--repository and --link-style apply to the clog format (this is "
          + format.id() + ")", "pass --format clog, or leave them out");
    }
    if (repository != null) {
      clog = clog.withRepository(repository);
    }
    if (linkStyle != null) {
      clog = clog.withLinkStyle(linkStyle);
    }
    if (flags.fromLatestTag()) {
      clog = clog.withFromLatestTag(true);
    }
    boolean fromLatestTag = flags.fromLatestTag() || (format == ChangelogFormat.CLOG && clog.fromLatestTag());
    if (flags.from() != null && flags.fromLatestTag()) {
      throw TrainyardException.invalidInput("--from and --from-latest-tag exclude each other", "pass one of them");
    }
    if (flags.from() == null && !fromLatestTag) {
      throw TrainyardException.invalidInput("--from is missing: the changelog of which range?",
          "pass --from TAG (usually the previous release), or --from-latest-tag"
              + " (clog's from-latest-tag, also read from .clog.toml)");
    }
    ReleaseCommitsPolicy releaseCommits = flags.releaseCommits() != null
        ? ReleaseCommitsPolicy.parse(flags.releaseCommits(), "--release-commits")
        : c.changelogReleaseCommits();
    return new ChangelogRequest(flags.from(), flags.to() == null ? "HEAD" : flags.to(), format, flags.paths(),
        CutRequest.remoteOf(c), fromLatestTag ? clog.withFromLatestTag(true) : clog, releaseCommits);
  }

  /**
   * The clog settings for {@code format}: the repository's {@code .clog.toml} when the format is clog,
   * without its repository when {@code github.repository} is configured (the configuration wins).
   */
  static ClogSettings clogSettings(ChangelogFormat format, GitHubConfig github, Path workTree) {
    if (format != ChangelogFormat.CLOG || workTree == null) {
      return ClogSettings.DEFAULTS;
    }
    ClogSettings clog = ClogSettings.read(workTree);
    if (github != null && github.repository() != null) {
      clog = clog.withRepository(null);
    }
    return clog;
  }

  private static String repositoryUrl(String value) {
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      throw TrainyardException.invalidInput("--repository: '" + value + "' is not a URL",
          "the repository's web address, e.g. https://github.com/mozilla-services/syncstorage-rs");
    }
    return value.strip();
  }
}
