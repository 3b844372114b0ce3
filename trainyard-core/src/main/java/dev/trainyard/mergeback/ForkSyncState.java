package dev.trainyard.mergeback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the fork's main stands relative to ours. */
public enum ForkSyncState {
  EQUAL,
  /** The fork lacks commits that our main has. */
  BEHIND,
  /** The fork has commits our main lacks (e.g. an unpublished security fix). */
  AHEAD,
  DIVERGED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
