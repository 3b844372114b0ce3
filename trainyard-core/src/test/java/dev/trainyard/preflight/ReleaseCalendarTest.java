package dev.trainyard.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCalendarTest {
  /** What a calendar app exports: CRLF, folded lines, a yearly rule, a cancelled and a timed event. */
  static final String HOLIDAYS_ICS = String.join("\r\n",
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Example Corp//Release calendar//EN",
      "X-WR-CALNAME:Release freeze days",
      "BEGIN:VEVENT",
      "UID:christmas@example.com",
      "DTSTAMP:20260101T000000Z",
      "DTSTART;VALUE=DATE:20251225",
      "DTEND;VALUE=DATE:20251226",
      "RRULE:FREQ=YEARLY",
      "SUMMARY:Christmas Day",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:shutdown-2026@example.com",
      "DTSTAMP:20260101T000000Z",
      "DTSTART;VALUE=DATE:20261228",
      "DTEND;VALUE=DATE:20270102",
      "SUMMARY:Year-end shutdown (no deploys, ops on call o",
      " nly)",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:cancelled@example.com",
      "DTSTAMP:20260101T000000Z",
      "DTSTART;VALUE=DATE:20261124",
      "STATUS:CANCELLED",
      "SUMMARY:Cancelled freeze",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:offsite@example.com",
      "DTSTAMP:20260101T000000Z",
      "DTSTART;TZID=Europe/Berlin:20261124T090000",
      "DTEND;TZID=Europe/Berlin:20261124T170000",
      "SUMMARY:Team offsite",
      "END:VEVENT",
      "END:VCALENDAR",
      "");

  @TempDir
  Path dir;

  private ReleaseCalendar calendar(String preflightYaml, LocalDate day) {
    PreflightConfig config = new ConfigLoader().parse("preflight:\n" + preflightYaml, ".trainyard.yml").preflightOrDefaults();
    return ReleaseCalendar.load(config, dir, null, day);
  }

  @Test
  void holidaysComeFromTheIcsFileWithRecurrenceAndMultiDayEvents() throws Exception {
    Files.writeString(dir.resolve("holidays.ics"), HOLIDAYS_ICS, StandardCharsets.UTF_8);
    ReleaseCalendar calendar = calendar("  holiday-calendar: holidays.ics\n", LocalDate.parse("2026-12-20"));
    assertThat(calendar.configured()).isTrue();
    assertThat(calendar.holiday(LocalDate.parse("2026-12-25"))).contains("Christmas Day");
    assertThat(calendar.holiday(LocalDate.parse("2026-12-28"))).contains("Year-end shutdown (no deploys, ops on call only)");
    assertThat(calendar.holiday(LocalDate.parse("2027-01-01"))).isPresent();
    assertThat(calendar.holiday(LocalDate.parse("2027-01-02"))).isEmpty();
    assertThat(calendar.holiday(LocalDate.parse("2026-12-24"))).isEmpty();
    assertThat(calendar.nextReleaseDay(LocalDate.parse("2026-12-24"))).contains(LocalDate.parse("2026-12-26"));
  }

  @Test
  void cancelledAndTimedEventsAreNoHolidays() throws Exception {
    Files.writeString(dir.resolve("holidays.ics"), HOLIDAYS_ICS, StandardCharsets.UTF_8);
    ReleaseCalendar calendar = calendar("  holiday-calendar: holidays.ics\n", LocalDate.parse("2026-11-20"));
    assertThat(calendar.holiday(LocalDate.parse("2026-11-24"))).isEmpty();
  }

  @Test
  void holidaysFromTheListAndReleaseWeekdays() {
    ReleaseCalendar calendar = calendar("""
          release-days: [tuesday, thursday]
          holidays: ["2026-11-26 Thanksgiving", 2026-12-01]
        """, LocalDate.parse("2026-11-24"));
    assertThat(calendar.holiday(LocalDate.parse("2026-11-26"))).contains("Thanksgiving");
    assertThat(calendar.holiday(LocalDate.parse("2026-12-01"))).contains("holiday");
    assertThat(calendar.onReleaseWeekday(LocalDate.parse("2026-11-24"))).isTrue();
    assertThat(calendar.onReleaseWeekday(LocalDate.parse("2026-11-25"))).isFalse();
    // Thursday the 26th and Tuesday the 1st are holidays.
    assertThat(calendar.nextReleaseDay(LocalDate.parse("2026-11-24"))).contains(LocalDate.parse("2026-12-03"));
    assertThat(calendar.releaseDaysText()).isEqualTo("Tuesday, Thursday");
  }

  @Test
  void theListNamesADayTheIcsFileAlsoHas() throws Exception {
    Files.writeString(dir.resolve("holidays.ics"), HOLIDAYS_ICS, StandardCharsets.UTF_8);
    ReleaseCalendar calendar = calendar("  holiday-calendar: holidays.ics\n  holidays: ['2026-12-25 Weihnachten']\n",
        LocalDate.parse("2026-12-20"));
    assertThat(calendar.holiday(LocalDate.parse("2026-12-25"))).contains("Weihnachten");
  }

  @Test
  void theDateSchemesPushDayStandsInForReleaseDays() {
    PreflightConfig none = PreflightConfig.DEFAULTS;
    ReleaseCalendar calendar = ReleaseCalendar.load(none, dir, DayOfWeek.THURSDAY, LocalDate.parse("2026-11-24"));
    assertThat(calendar.configured()).isTrue();
    assertThat(calendar.onReleaseWeekday(LocalDate.parse("2026-11-26"))).isTrue();
    assertThat(ReleaseCalendar.load(none, dir, null, LocalDate.parse("2026-11-24")).configured()).isFalse();
  }

  @Test
  void aMissingOrBrokenIcsFileIsAnInputErrorNamingTheKey() throws Exception {
    assertThatThrownBy(() -> calendar("  holiday-calendar: nowhere.ics\n", LocalDate.parse("2026-12-20")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("preflight.holiday-calendar: ").contains("nowhere.ics does not exist");
        });
    Files.writeString(dir.resolve("broken.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026\r\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> calendar("  holiday-calendar: broken.ics\n", LocalDate.parse("2026-12-20")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).contains("broken.ics").contains("not valid iCalendar");
        });
  }

  @Test
  void configMistakesNameTheKey() {
    assertThatThrownBy(() -> calendar("  release-days: [tuesdy]\n", LocalDate.parse("2026-12-20")))
        .hasMessageContaining("preflight.release-days: 'tuesdy' is not a weekday");
    assertThatThrownBy(() -> calendar("  holidays: [12/25/2026]\n", LocalDate.parse("2026-12-20")))
        .hasMessageContaining("preflight.holidays: '12/25/2026' does not start with a date");
    assertThatThrownBy(() -> calendar("  skip: [cii]\n", LocalDate.parse("2026-12-20")))
        .hasMessageContaining("preflight.skip: unknown check 'cii'");
  }
}
