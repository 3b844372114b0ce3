package dev.trainyard.mergeback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum RefKind {
  BRANCH,
  TAG;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
