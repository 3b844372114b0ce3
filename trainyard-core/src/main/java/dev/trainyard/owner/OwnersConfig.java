package dev.trainyard.owner;

import dev.trainyard.TrainyardException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code owners:} section of {@code .trainyard.yml}: who is release owner when. Absent means
 * "no rotation configured"; once any key is set, {@code start} and {@code people} are required.
 *
 * @param cadence weekly, sprint or monthly (default weekly)
 * @param start {@code YYYY-MM-DD}: the first day of the first person's turn (for monthly, any day of
 *     that month)
 * @param sprintDays length of a sprint in days, for the sprint cadence (default 14)
 * @param people the rotation, in order; after the last comes the first again
 * @param overrides swaps: from {@code from} to {@code until} (both inclusive; {@code until} defaults
 *     to the end of the turn {@code from} falls in) {@code owner} is on duty instead
 */
public record OwnersConfig(
    Cadence cadence, String start, Integer sprintDays, List<Person> people, List<Swap> overrides) {

  public static final OwnersConfig NONE = new OwnersConfig(null, null, null, null, null);
  public static final int DEFAULT_SPRINT_DAYS = 14;

  /**
   * This section as {@code owner} uses it (what {@code trainyard config} prints): a configured
   * rotation is weekly unless it says otherwise, and a sprint lasts {@value #DEFAULT_SPRINT_DAYS}
   * days; without a rotation, nothing is set.
   */
  public OwnersConfig withDefaults() {
    if (people.isEmpty()) {
      return this;
    }
    Cadence effective = cadenceOrDefault();
    return new OwnersConfig(effective, start, effective == Cadence.SPRINT ? sprintDaysOrDefault() : null, people,
        overrides);
  }

  public OwnersConfig {
    boolean anySet = cadence != null || start != null || sprintDays != null || people != null || overrides != null;
    people = people == null ? List.of() : List.copyOf(people);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
    if (anySet) {
      if (people.isEmpty()) {
        throw TrainyardException.invalidInput("owners.people must list at least one person",
            "people: [{name: Ada, github: ada}, {name: Grace, github: grace}]");
      }
      if (start == null) {
        throw TrainyardException.invalidInput("owners.start is required: the first day of the first person's turn",
            "e.g. start: 2026-01-06");
      }
      date(start, "owners.start");
      if (sprintDays != null && (sprintDays < 1 || sprintDays > 366)) {
        throw TrainyardException.invalidInput("owners.sprint-days must be between 1 and 366, got " + sprintDays, null);
      }
      if (sprintDays != null && cadence != Cadence.SPRINT) {
        throw TrainyardException.invalidInput("owners.sprint-days only applies to 'cadence: sprint'",
            "set cadence: sprint, or remove sprint-days");
      }
      Set<String> names = new HashSet<>();
      for (Person person : people) {
        if (!names.add(person.name().toLowerCase(Locale.ROOT))) {
          throw TrainyardException.invalidInput("owners.people names '" + person.name() + "' twice",
              "list each person once; a swap goes under owners.overrides");
        }
      }
      for (Swap override : overrides) {
        if (people.stream().noneMatch(p -> p.answersTo(override.owner()))) {
          throw TrainyardException.invalidInput("owners.overrides: '" + override.owner()
              + "' is not in owners.people", "use a name or GitHub login from owners.people");
        }
      }
    }
  }

  /** True when a rotation is configured. */
  public boolean configured() {
    return !people.isEmpty();
  }

  public Cadence cadenceOrDefault() {
    return cadence == null ? Cadence.WEEKLY : cadence;
  }

  public int sprintDaysOrDefault() {
    return sprintDays == null ? DEFAULT_SPRINT_DAYS : sprintDays;
  }

  public LocalDate startDate() {
    return date(start, "owners.start");
  }

  /**
   * One swap: {@code owner} is on duty from {@code from} to {@code until}, both inclusive.
   *
   * @param until null: until the end of the regular turn {@code from} falls in
   */
  public record Swap(String from, String until, String owner) {
    public Swap {
      if (from == null || owner == null || owner.isBlank()) {
        throw TrainyardException.invalidInput("every override needs 'from' (a date) and 'owner'",
            "e.g. - {from: 2026-12-21, until: 2027-01-03, owner: grace}");
      }
      LocalDate first = date(from, "from");
      if (until != null && date(until, "until").isBefore(first)) {
        throw TrainyardException.invalidInput("override until " + until + " is before from " + from, null);
      }
    }

    public LocalDate fromDate() {
      return date(from, "from");
    }

    /** The last day, or null for "the end of the turn". */
    public LocalDate untilDate() {
      return until == null ? null : date(until, "until");
    }
  }

  static LocalDate date(String text, String key) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw TrainyardException.invalidInput(key + ": '" + text + "' is not a date YYYY-MM-DD", "e.g. 2026-01-06");
    }
  }
}
