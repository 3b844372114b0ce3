package dev.trainyard.version;

import dev.trainyard.TrainyardException;
import java.util.Locale;

/** Which part of a semantic version a release increments. */
public enum Bump {
  MAJOR,
  MINOR,
  PATCH;

  public static Bump parse(String value, String inputName) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw TrainyardException.invalidInput(
          inputName + ": unknown bump '" + value + "' (expected major, minor or patch)", null);
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case name, as users write it (also what the configuration schema lists). */
  @Override
  public String toString() {
    return id();
  }
}
