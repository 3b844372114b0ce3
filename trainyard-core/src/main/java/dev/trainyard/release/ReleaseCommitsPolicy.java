package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ChangelogFormat;
import java.util.Locale;

/**
 * Whether a changelog lists release commits: {@code Release 1.2.0}, {@code chore: tag 0.23.2} and
 * their squash merges ({@code chore: tag 0.23.2 (#2399)}). clog lists them (syncstorage-rs's
 * CHANGELOG.md has {@code tag 0.23.2 (#2399)} under Chore), so {@code include} is the clog default;
 * fxa and keepachangelog leave them out. {@code release.changelog-release-commits} or
 * {@code changelog --release-commits} choose otherwise.
 */
public enum ReleaseCommitsPolicy {
  INCLUDE,
  EXCLUDE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy for {@code format} when neither a flag nor the configuration chose one. */
  public static ReleaseCommitsPolicy defaultFor(ChangelogFormat format) {
    return format == ChangelogFormat.CLOG ? INCLUDE : EXCLUDE;
  }

  /** Parses {@code include} or {@code exclude}; anything else names {@code source}. */
  public static ReleaseCommitsPolicy parse(String value, String source) {
    for (ReleaseCommitsPolicy policy : values()) {
      if (policy.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return policy;
      }
    }
    throw TrainyardException.invalidInput(source + ": expected include or exclude, got '" + value + "'",
        "include lists release commits (clog's default), exclude leaves them out");
  }

  @Override
  public String toString() {
    return id();
  }
}
