package dev.trainyard.ci;

import java.util.Locale;

/** The verdict for a commit. Only {@link #SUCCESS} lets a deployment go ahead. */
public enum CiState {
  SUCCESS,
  /** At least one considered check finished without a passing conclusion, or nothing ever ran. */
  FAILURE,
  /** Checks are still running (or none reported yet) and the command was not asked to wait. */
  PENDING,
  /** The command waited the full {@code --wait} and checks were still running. */
  TIMEOUT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
