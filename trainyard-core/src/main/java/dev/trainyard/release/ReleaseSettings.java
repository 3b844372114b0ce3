package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.version.Bump;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.SchemeName;
import dev.trainyard.version.VersionScheme;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** Turns flags plus the {@code release:} configuration into a {@link NextVersionRequest}; flags win. */
public final class ReleaseSettings {
  private ReleaseSettings() {}

  /**
   * Flags over the {@code release:} configuration over defaults, for {@code cut} and
   * {@code next-version}. Throws only {@link TrainyardException}, naming the flag.
   */
  public static NextVersionRequest resolve(ReleaseConfig config, VersionFlags flags) {
    ReleaseConfig c = Objects.requireNonNullElse(config, ReleaseConfig.DEFAULTS);
    String schemeFlag = flags.scheme();
    String dateFlag = flags.date();
    boolean patch = flags.patch();
    boolean firstRelease = flags.firstRelease();
    SchemeName name = schemeFlag != null ? SchemeName.parse(schemeFlag, "--scheme")
        : c.scheme() != null ? c.scheme() : SchemeName.TRAIN;
    VersionScheme scheme = switch (name) {
      case TRAIN -> new VersionScheme.Train(c.trainMajor() == null ? 1 : c.trainMajor());
      case DATE -> new VersionScheme.Date(c.pushWeekday());
      case SEMVER -> new VersionScheme.Semver(c.tagPrefix(),
          Objects.requireNonNullElse(c.belowOneBreaking(), Bump.MINOR),
          Objects.requireNonNullElse(c.belowOneFeature(), Bump.PATCH));
    };
    LocalDate date = null;
    if (dateFlag != null && !dateFlag.isBlank()) {
      if (name != SchemeName.DATE) {
        throw TrainyardException.invalidInput("--date only applies to the date scheme (this is " + name.id() + ")",
            "pass --scheme date, or leave --date out");
      }
      try {
        date = LocalDate.parse(dateFlag.trim());
      } catch (DateTimeParseException e) {
        throw TrainyardException.invalidInput("--date: '" + dateFlag + "' is not a date YYYY-MM-DD", "for example --date 2026-11-26");
      }
    }
    if (patch && name == SchemeName.DATE) {
      throw TrainyardException.invalidInput("--patch does not apply to the date scheme",
          "a date re-tag (YYYY.MM.DD-1) is chosen automatically when the day's tag exists");
    }
    return new NextVersionRequest(scheme, patch, date, c.mainBranch(),
        NextVersionRequest.compileTagPattern(c.tagPattern(), "release.tag-pattern"), firstRelease,
        CutRequest.remoteOf(c));
  }
}
