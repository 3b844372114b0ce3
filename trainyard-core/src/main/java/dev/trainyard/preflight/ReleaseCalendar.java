package dev.trainyard.preflight;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * When releases happen: the release weekdays, minus the holidays from the configured list and the
 * configured iCalendar file. Holidays are read for a window around the day asked about, enough to
 * find the next release day.
 */
public final class ReleaseCalendar {
  /** How far ahead the next release day is looked for. */
  private static final int HORIZON_DAYS = 120;

  private final Set<DayOfWeek> releaseDays;
  private final Map<LocalDate, String> holidays;
  private final boolean configured;

  ReleaseCalendar(Set<DayOfWeek> releaseDays, Map<LocalDate, String> holidays, boolean configured) {
    this.releaseDays = Set.copyOf(releaseDays);
    this.holidays = new TreeMap<>(holidays);
    this.configured = configured;
  }

  /**
   * The calendar around {@code day}.
   *
   * @param fallbackDay the date scheme's push day, used when no release days are configured; or null
   */
  public static ReleaseCalendar load(PreflightConfig config, Path repositoryRoot, DayOfWeek fallbackDay, LocalDate day) {
    Set<DayOfWeek> days = new LinkedHashSet<>(config.releaseWeekdays());
    if (days.isEmpty() && fallbackDay != null) {
      days.add(fallbackDay);
    }
    Map<LocalDate, String> holidays = new TreeMap<>();
    LocalDate from = day.minusDays(7);
    LocalDate until = day.plusDays(HORIZON_DAYS);
    if (config.holidayCalendar() != null) {
      holidays.putAll(IcsHolidays.read(repositoryRoot.resolve(config.holidayCalendar()).normalize(),
          "preflight.holiday-calendar", from, until));
    }
    for (PreflightConfig.Holiday holiday : config.holidayList()) {
      holidays.merge(holiday.date(), holiday.name() == null ? "holiday" : holiday.name(),
          (fromFile, fromList) -> fromList.equals("holiday") ? fromFile : fromList);
    }
    boolean configured = !days.isEmpty() || !config.holidays().isEmpty() || config.holidayCalendar() != null;
    return new ReleaseCalendar(days, holidays, configured);
  }

  public boolean configured() {
    return configured;
  }

  /** The holiday's name when {@code day} is one. */
  public Optional<String> holiday(LocalDate day) {
    return Optional.ofNullable(holidays.get(day));
  }

  /** True when no weekdays are configured, or {@code day} falls on one of them. */
  public boolean onReleaseWeekday(LocalDate day) {
    return releaseDays.isEmpty() || releaseDays.contains(day.getDayOfWeek());
  }

  /** The first day after {@code day} on a release weekday that is not a holiday, if within the horizon. */
  public Optional<LocalDate> nextReleaseDay(LocalDate day) {
    for (int i = 1; i <= HORIZON_DAYS; i++) {
      LocalDate candidate = day.plusDays(i);
      if (onReleaseWeekday(candidate) && holiday(candidate).isEmpty()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code tuesday, thursday}, or {@code any day}. */
  public String releaseDaysText() {
    if (releaseDays.isEmpty()) {
      return "any day";
    }
    return String.join(", ", releaseDays.stream().sorted().map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList());
  }

  static String weekday(LocalDate day) {
    return day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }
}
