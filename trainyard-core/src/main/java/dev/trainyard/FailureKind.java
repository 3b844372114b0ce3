package dev.trainyard;

/**
 * Why a command could not do its job. The CLI maps each kind to one documented exit code, so the
 * core never decides how a process ends.
 */
public enum FailureKind {
  /** A flag, input, argument or configuration value is wrong; the user must change what they passed. */
  INVALID_INPUT,
  /** The repository is not in a state the command accepts (dirty, shallow, detached, nothing new). */
  REPOSITORY_STATE,
  /** A remote service failed, refused the credentials, or kept failing after bounded retries. */
  REMOTE,
  /**
   * The user stopped the command (Ctrl-C, SIGTERM) while it worked; what it had done was rolled
   * back, or the message says what to undo.
   */
  INTERRUPTED,
  /** A defect in trainyard itself. */
  INTERNAL
}
