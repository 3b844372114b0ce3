package dev.trainyard.preflight;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The verdict of one readiness check. Only {@link #FAIL} makes preflight fail. */
public enum CheckStatus {
  PASS,
  /** Something to look at that does not stop a release. */
  WARN,
  FAIL,
  /** Not run: not configured, not applicable, or no token; the reason says which. */
  SKIP;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
