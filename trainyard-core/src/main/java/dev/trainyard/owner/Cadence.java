package dev.trainyard.owner;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How often release ownership passes to the next person. */
public enum Cadence {
  /** Seven days from the rotation's start date, then the next person (add-ons push duty). */
  WEEKLY,
  /** A sprint of {@code sprint-days} days from the start date (accounts trains). */
  SPRINT,
  /** A calendar month, starting with the month of the start date (sync-storage). */
  MONTHLY;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case name, as users write it (also what the configuration schema lists). */
  @Override
  public String toString() {
    return id();
  }
}
