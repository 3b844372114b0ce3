package dev.trainyard.preflight;

import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.TreeMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Status;

/**
 * Reads the holidays of an iCalendar file with iCal4j: every all-day event, recurring ones expanded
 * (a yearly {@code RRULE} for Christmas, {@code EXDATE}s honoured), cancelled events left out. A
 * timed event (a meeting, an offsite from 9 to 5) is not a holiday. iCal4j is set up by the
 * {@code ical4j.properties} of this module: lenient parsing of what calendar apps export, the time
 * zone definitions it ships (never fetched over the network), and a plain map as its cache.
 */
final class IcsHolidays {
  private IcsHolidays() {}

  /** Holidays from {@code file} that touch {@code [from, until]}, by day, with the event's summary. */
  static Map<LocalDate, String> read(Path file, String source, LocalDate from, LocalDate until) {
    Calendar calendar;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      calendar = new CalendarBuilder().build(reader);
    } catch (NoSuchFileException e) {
      throw TrainyardException.invalidInput(source + ": " + file + " does not exist",
          "commit the .ics file to the repository, or fix the path (it is relative to the repository root)");
    } catch (IOException e) {
      throw TrainyardException.invalidInput(source + ": cannot read " + file + ": " + e.getMessage(), null);
    } catch (ParserException e) {
      throw TrainyardException.invalidInput(source + ": " + file + ":" + e.getLineNo() + " is not valid iCalendar: "
          + firstLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          "export the calendar again as .ics (iCalendar, RFC 5545)");
    } catch (RuntimeException e) {
      throw TrainyardException.invalidInput(source + ": " + file + " is not valid iCalendar: " + firstLine(e.getMessage()),
          "export the calendar again as .ics (iCalendar, RFC 5545)");
    }
    Map<LocalDate, String> days = new TreeMap<>();
    Period<ZonedDateTime> window = new Period<>(from.atStartOfDay(ZoneOffset.UTC), until.plusDays(1).atStartOfDay(ZoneOffset.UTC));
    for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
      if (event.<Status>getProperty(Property.STATUS).map(s -> "CANCELLED".equalsIgnoreCase(s.getValue())).orElse(false)) {
        continue;
      }
      String name = event.<Property>getProperty(Property.SUMMARY).map(Property::getValue).orElse("holiday");
      java.util.Set<Period<Temporal>> occurrences;
      try {
        occurrences = event.calculateRecurrenceSet(window);
      } catch (RuntimeException e) {
        throw TrainyardException.invalidInput(source + ": event '" + name + "' in " + file + " cannot be read: "
            + firstLine(e.getMessage()), "check its DTSTART, DTEND and RRULE");
      }
      for (Period<Temporal> occurrence : occurrences) {
        if (!(occurrence.getStart() instanceof LocalDate first)) {
          continue;
        }
        LocalDate end = occurrence.getEnd() instanceof LocalDate exclusive && exclusive.isAfter(first) ? exclusive
            : first.plusDays(1);
        for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
          if (!day.isBefore(from) && !day.isAfter(until)) {
            days.merge(day, name, (a, b) -> a.equals(b) ? a : a + ", " + b);
          }
        }
      }
    }
    return days;
  }

  private static String firstLine(String text) {
    return text == null ? "parse error" : text.lines().findFirst().orElse("parse error").strip();
  }
}
