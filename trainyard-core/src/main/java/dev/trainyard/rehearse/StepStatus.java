package dev.trainyard.rehearse;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a duty of the rehearsal found. */
public enum StepStatus {
  /** It would happen as described. */
  PLANNED,
  /** There is nothing to do (nothing to release, all merged back). */
  NOTHING_TO_DO,
  /** It would run, but something needs a look first (the reason says what). */
  ATTENTION,
  /** Not configured here, or not asked (offline, no credentials): the reason says which. */
  SKIPPED,
  /** This trainyard cannot do it yet. */
  NOT_AVAILABLE,
  /** It would fail: the reason is the error the real command would stop with. */
  FAILED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return id();
  }
}
