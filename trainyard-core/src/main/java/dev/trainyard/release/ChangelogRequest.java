package dev.trainyard.release;

import dev.trainyard.changelog.ChangelogFormat;
import java.util.List;
import java.util.Objects;

/**
 * The changelog of one range, as {@code changelog} prints it.
 *
 * @param remote the remote whose URL names the repository when no {@code github.repository} is known
 */
public record ChangelogRequest(String from, String to, ChangelogFormat format, List<String> paths, String remote) {
  public ChangelogRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(format, "format");
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  /** Flags over the {@code release:} configuration over defaults; a bad value names its flag. */
  public static ChangelogRequest resolve(ReleaseConfig config, ChangelogFlags flags) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    ChangelogFormat format = flags.format() != null ? ChangelogFormat.parse(flags.format(), "--format")
        : c.changelogFormat() != null ? c.changelogFormat() : ChangelogFormat.FXA;
    return new ChangelogRequest(flags.from(), flags.to() == null ? "HEAD" : flags.to(), format, flags.paths(),
        CutRequest.remoteOf(c));
  }
}
