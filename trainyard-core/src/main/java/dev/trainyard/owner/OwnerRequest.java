package dev.trainyard.owner;

import dev.trainyard.TrainyardException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Who is asked about: the rotation and the day.
 *
 * @param config a configured {@code owners:} section
 * @param date the day to look up
 */
public record OwnerRequest(OwnersConfig config, LocalDate date) {
  public OwnerRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(date, "date");
    if (!config.configured()) {
      throw TrainyardException.invalidInput("no release-owner rotation: .trainyard.yml has no owners: section",
          "add owners: {cadence: weekly, start: 2026-01-05, people: [{name: Ada, github: ada}]}");
    }
  }

  /** Flags over configuration: {@code --date} or today by {@code clock}. */
  public static OwnerRequest resolve(OwnersConfig config, OwnerFlags flags, Clock clock) {
    return new OwnerRequest(config == null ? OwnersConfig.NONE : config, dateFlag(flags.date(), "--date", clock));
  }

  /** Parses a {@code --date} flag; null means today by {@code clock}. */
  public static LocalDate dateFlag(String value, String flag, Clock clock) {
    if (value == null || value.isBlank()) {
      return LocalDate.now(clock);
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw TrainyardException.invalidInput(flag + ": '" + value + "' is not a date YYYY-MM-DD", "e.g. " + flag + " 2026-11-26");
    }
  }
}
