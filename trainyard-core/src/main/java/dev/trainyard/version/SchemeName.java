package dev.trainyard.version;

import dev.trainyard.TrainyardException;
import java.util.Locale;

/** The three release schemes trainyard knows, as spelled in flags and configuration. */
public enum SchemeName {
  TRAIN,
  DATE,
  SEMVER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code train}, {@code date} or {@code semver}; anything else is one clear error line. */
  public static SchemeName parse(String value, String inputName) {
    if (value != null) {
      for (SchemeName scheme : values()) {
        if (scheme.id().equalsIgnoreCase(value.trim())) {
          return scheme;
        }
      }
    }
    throw TrainyardException.invalidInput(
        inputName + ": unknown scheme '" + value + "' (expected train, date or semver)",
        "train = v1.N.P tags on train-N branches; date = YYYY.MM.DD tags; semver = X.Y.Z from conventional commits");
  }

  /** The lower-case name, as users write it (also what the configuration schema lists). */
  @Override
  public String toString() {
    return id();
  }
}
