package dev.trainyard.bugs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What {@code deploy-bug} did; the values are part of the interface scripts rely on. */
public enum DeployBugAction {
  FILED, COMMENTED, UNCHANGED, WOULD_FILE, WOULD_COMMENT;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
