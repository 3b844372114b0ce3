package dev.trainyard.release;

import java.util.List;

/**
 * The {@code changelog} flags as given. {@link ChangelogRequest#resolve} puts them over the
 * {@code release:} configuration and a {@code .clog.toml}.
 *
 * @param from start, exclusive (usually the previous tag), or null for {@code --from-latest-tag}
 * @param to end, inclusive
 * @param format {@code --format}, or null for {@code release.changelog-format} (default fxa)
 * @param paths only commits touching these folders; empty for all
 * @param repository {@code --repository URL} (clog's {@code -r}): the repository links point into, or null
 * @param linkStyle {@code --link-style} (clog's): github, gitlab, stash, cgit or gitweb, or null
 * @param fromLatestTag {@code --from-latest-tag} (clog's {@code -F}): start at the most recently tagged commit
 * @param releaseCommits {@code --release-commits include|exclude}, or null for the configuration or
 *     the format's default
 */
public record ChangelogFlags(String from, String to, String format, List<String> paths, String repository,
    String linkStyle, boolean fromLatestTag, String releaseCommits) {
  public ChangelogFlags {
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  /** The range, format and paths only. */
  public ChangelogFlags(String from, String to, String format, List<String> paths) {
    this(from, to, format, paths, null, null, false, null);
  }
}
