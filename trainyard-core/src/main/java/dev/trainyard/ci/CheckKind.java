package dev.trainyard.ci;

/** The two ways GitHub records CI for a commit. */
public enum CheckKind {
  /** Checks API: GitHub Actions and GitHub Apps. */
  CHECK_RUN("check_run"),
  /** Commit statuses API: CircleCI, Jenkins and other older integrations. */
  STATUS("status");

  private final String wireName;

  CheckKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name scripts see in {@code --json}. */
  public String wireName() {
    return wireName;
  }
}
