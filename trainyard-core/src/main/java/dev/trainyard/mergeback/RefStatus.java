package dev.trainyard.mergeback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a release ref's work has reached main. */
public enum RefStatus {
  MERGED,
  /** Some of the ref's commits reached main, others did not. */
  PARTIAL,
  UNMERGED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
