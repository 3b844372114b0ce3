package dev.trainyard.version;

import dev.trainyard.TrainyardException;
import java.time.DayOfWeek;
import java.util.Objects;

/** How a repository names its releases. One of three shapes, each with its own settings. */
public sealed interface VersionScheme permits VersionScheme.Train, VersionScheme.Date, VersionScheme.Semver {

  SchemeName name();

  /**
   * Accounts style: tags {@code v<major>.N.P}, branch {@code train-N} cut from main.
   *
   * @param major the fixed first number of every train tag (1 for {@code v1.N.P}); tags with
   *     another major, such as an older {@code v0.x} scheme, are not trains
   */
  record Train(int major) implements VersionScheme {
    public Train {
      if (major < 0) {
        throw TrainyardException.invalidInput("release.train-major: must be 0 or more, got " + major, null);
      }
    }

    @Override
    public SchemeName name() {
      return SchemeName.TRAIN;
    }
  }

  /**
   * Add-ons style: tags {@code YYYY.MM.DD} named for the push day.
   *
   * @param pushDay the weekday pushes happen on; the default date is the next one on or after
   *     today. Null means "today".
   */
  record Date(DayOfWeek pushDay) implements VersionScheme {
    @Override
    public SchemeName name() {
      return SchemeName.DATE;
    }
  }

  /**
   * Sync-storage style: tags {@code <prefix>X.Y.Z}, branch {@code release/X.Y}, bump from
   * conventional commits.
   *
   * @param prefix tag prefix, empty or {@code v}
   * @param belowOneBreaking the bump a breaking change causes while the major version is 0
   * @param belowOneFeature the bump a feature causes while the major version is 0
   */
  record Semver(String prefix, Bump belowOneBreaking, Bump belowOneFeature) implements VersionScheme {
    public Semver {
      prefix = prefix == null ? "" : prefix;
      if (!prefix.isEmpty() && !prefix.equals("v")) {
        throw TrainyardException.invalidInput(
            "release.tag-prefix: '" + prefix + "' is not supported (expected no prefix or 'v')", null);
      }
      belowOneBreaking = Objects.requireNonNullElse(belowOneBreaking, Bump.MINOR);
      belowOneFeature = Objects.requireNonNullElse(belowOneFeature, Bump.PATCH);
    }

    @Override
    public SchemeName name() {
      return SchemeName.SEMVER;
    }

    public String tag(SemanticVersion version) {
      return prefix + version;
    }

    /**
     * The version of a release tag of this scheme. A date tag ({@code 2026.11.26}) is also a valid
     * X.Y.Z, but in a repository that has both it is a tag of another tool, never a semver release.
     */
    public java.util.Optional<SemanticVersion> parseTag(String tag) {
      if (!tag.startsWith(prefix) || DateVersion.parse(tag.substring(prefix.length())).isPresent()) {
        return java.util.Optional.empty();
      }
      return SemanticVersion.parse(tag.substring(prefix.length()));
    }
  }

  static VersionScheme defaults(SchemeName name) {
    return switch (name) {
      case TRAIN -> new Train(1);
      case DATE -> new Date(null);
      case SEMVER -> new Semver("", Bump.MINOR, Bump.PATCH);
    };
  }
}
