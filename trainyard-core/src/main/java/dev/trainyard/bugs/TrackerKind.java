package dev.trainyard.bugs;

import dev.trainyard.TrainyardException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where deployment requests live. */
public enum TrackerKind {
  /** Bugzilla 5 or bugzilla.mozilla.org, over its REST API. */
  BUGZILLA,
  /** Issues of a GitHub repository (labels instead of product and component). */
  GITHUB;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @param source the flag or key the value came from, for the error message */
  public static TrackerKind parse(String value, String source) {
    for (TrackerKind kind : values()) {
      if (kind.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return kind;
      }
    }
    throw TrainyardException.invalidInput(source + ": '" + value + "' is not a tracker",
        "use one of " + Arrays.stream(values()).map(TrackerKind::id).collect(Collectors.joining(", ")));
  }

  /** The lower-case name, as users write it (also what the configuration schema lists). */
  @Override
  public String toString() {
    return id();
  }
}
