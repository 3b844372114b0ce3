package dev.trainyard.owner;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One stretch of release duty.
 *
 * @param name the person's name
 * @param github GitHub login, or null
 * @param bugzilla Bugzilla e-mail, or null
 * @param from first day on duty
 * @param until last day on duty (inclusive)
 * @param swapped true when an override put this person on duty instead of the rotation
 */
public record Duty(String name, String github, String bugzilla, LocalDate from, LocalDate until, boolean swapped) {
  public Duty {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
  }

  static Duty of(Person person, LocalDate from, LocalDate until, boolean swapped) {
    return new Duty(person.name(), person.github(), person.bugzilla(), from, until, swapped);
  }

  /** {@code Ada (@ada)}, for one-line reports. */
  public String label() {
    return github == null ? name : name + " (@" + github + ")";
  }

  boolean samePerson(Duty other) {
    return other != null && name.equals(other.name);
  }
}
