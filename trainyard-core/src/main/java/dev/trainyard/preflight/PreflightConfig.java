package dev.trainyard.preflight;

import dev.trainyard.TrainyardException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code preflight:} section of {@code .trainyard.yml}. Every key is optional; an unset key
 * turns its check into a {@code skip} that says what to set.
 *
 * @param releaseDays the weekdays releases are cut on, e.g. {@code [tuesday]}; empty: any day
 *     (for the date scheme, {@code release.push-day} counts when this is unset)
 * @param holidays days without releases, each {@code YYYY-MM-DD} optionally followed by a name:
 *     {@code "2026-12-25 Christmas Day"}
 * @param holidayCalendar an iCalendar file (.ics) of holidays, relative to the repository root; its
 *     all-day events (recurring ones too) are holidays
 * @param blockerLabels open GitHub issues or pull requests with any of these labels block a release
 * @param blockerMilestone open issues in the milestone with this title block a release;
 *     {@code {version}} and {@code {tag}} stand for the next release's
 * @param skip checks never run here, e.g. {@code [ci]} for a repository without CI on GitHub
 */
public record PreflightConfig(
    List<String> releaseDays,
    List<String> holidays,
    String holidayCalendar,
    List<String> blockerLabels,
    String blockerMilestone,
    List<String> skip) {

  public static final PreflightConfig DEFAULTS = new PreflightConfig(null, null, null, null, null, null);

  public PreflightConfig {
    releaseDays = releaseDays == null ? List.of() : List.copyOf(releaseDays);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    blockerLabels = blockerLabels == null ? List.of() : blockerLabels.stream().map(String::strip)
        .filter(label -> !label.isEmpty()).toList();
    skip = skip == null ? List.of() : List.copyOf(skip);
    if (holidayCalendar != null && holidayCalendar.isBlank()) {
      holidayCalendar = null;
    }
    if (blockerMilestone != null && blockerMilestone.isBlank()) {
      blockerMilestone = null;
    }
    weekdays(releaseDays);
    for (String holiday : holidays) {
      Holiday.parse(holiday);
    }
    for (String check : skip) {
      Check.parse(check, "preflight.skip");
    }
  }

  /** The release weekdays, in order and without repeats. */
  public Set<DayOfWeek> releaseWeekdays() {
    return weekdays(releaseDays);
  }

  public List<Holiday> holidayList() {
    List<Holiday> list = new ArrayList<>();
    holidays.forEach(text -> list.add(Holiday.parse(text)));
    return list;
  }

  private static Set<DayOfWeek> weekdays(List<String> names) {
    Set<DayOfWeek> days = new LinkedHashSet<>();
    for (String name : names) {
      try {
        days.add(DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw TrainyardException.invalidInput("preflight.release-days: '" + name + "' is not a weekday",
            "write weekdays in English: monday, tuesday, ... sunday");
      }
    }
    return days;
  }

  /** A day without releases. */
  public record Holiday(LocalDate date, String name) {
    /** {@code 2026-12-25} or {@code 2026-12-25 Christmas Day}. */
    public static Holiday parse(String text) {
      String value = text == null ? "" : text.strip();
      int space = value.indexOf(' ');
      String date = space < 0 ? value : value.substring(0, space);
      try {
        return new Holiday(LocalDate.parse(date), space < 0 ? null : value.substring(space + 1).strip());
      } catch (DateTimeParseException e) {
        throw TrainyardException.invalidInput("preflight.holidays: '" + text + "' does not start with a date YYYY-MM-DD",
            "e.g. \"2026-12-25 Christmas Day\"");
      }
    }
  }
}
