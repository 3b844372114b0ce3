package dev.trainyard.cli;

import dev.trainyard.FailureKind;

/** Every exit code trainyard uses. README's "Exit codes" table mirrors this file. */
public final class ExitCode {
  /** The command did its job; a check passed. */
  public static final int OK = 0;
  /** A check ran and failed: CI is not green, a merge-back is stale, a sync had failed keys. */
  public static final int CHECK_FAILED = 1;
  /** Bad flag, input, argument or configuration. */
  public static final int USAGE = 2;
  /** A remote service failed, refused the credentials, or kept failing after retries. */
  public static final int REMOTE = 3;
  /** The repository is in a state the command refuses (dirty, shallow, detached, nothing new). */
  public static final int REPOSITORY_STATE = 4;
  /** A bug in trainyard; rerun with --stacktrace and report it. */
  public static final int INTERNAL = 70;

  private ExitCode() {}

  public static int of(FailureKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> USAGE;
      case REMOTE -> REMOTE;
      case REPOSITORY_STATE -> REPOSITORY_STATE;
      case INTERNAL -> INTERNAL;
    };
  }
}
