package dev.trainyard.release;

import java.util.List;

/**
 * The {@code changelog} flags as given. {@link ChangelogRequest#resolve} puts them over the
 * {@code release:} configuration.
 *
 * @param from start, exclusive (usually the previous tag)
 * @param to end, inclusive
 * @param format {@code --format}, or null for {@code release.changelog-format} (default fxa)
 * @param paths only commits touching these folders; empty for all
 */
public record ChangelogFlags(String from, String to, String format, List<String> paths) {
  public ChangelogFlags {
    paths = paths == null ? List.of() : List.copyOf(paths);
  }
}
