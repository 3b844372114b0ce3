package dev.trainyard.ci;

import java.util.Locale;

/** What one check means for the verdict under the policy. */
public enum CheckOutcome {
  PASSED,
  FAILED,
  PENDING,
  /** A failed GitHub Actions job whose re-run was requested; it counts as pending until the new attempt reports. */
  RERUN_REQUESTED,
  /** Matched an ignore pattern. */
  IGNORED,
  /** The job that runs this command; waiting for it would wait forever. */
  CALLING_JOB,
  /** Required patterns were given and this check matches none of them. */
  NOT_REQUIRED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the check takes part in the verdict. */
  public boolean counts() {
    return this == PASSED || this == FAILED || this == PENDING || this == RERUN_REQUESTED;
  }
}
