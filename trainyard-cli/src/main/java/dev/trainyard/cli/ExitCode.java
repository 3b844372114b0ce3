package dev.trainyard.cli;

import dev.trainyard.FailureKind;
import dev.trainyard.markdown.Markdown;
import java.util.List;

/**
 * Every exit code trainyard uses, written once: the help footer and README's "Exit codes" table
 * are generated from {@link #TABLE} (ExitCodeTest keeps README in step).
 */
public final class ExitCode {
  /** The command did its job; a check passed. */
  public static final int OK = 0;
  /** A check ran and failed: CI is not green, a merge-back is stale, a sync had failed keys. */
  public static final int CHECK_FAILED = 1;
  /** Bad flag, input, argument or configuration. */
  public static final int USAGE = 2;
  /** A remote service failed, refused the credentials, or kept failing after retries. */
  public static final int REMOTE = 3;
  /**
   * The repository is in a state the command refuses (dirty, shallow, detached, nothing new), or on
   * GitHub (publish-release while the release pull request is not merged).
   */
  public static final int REPOSITORY_STATE = 4;
  /** A bug in trainyard; rerun with --stacktrace and report it. */
  public static final int INTERNAL = 70;
  /** Stopped by Ctrl-C (SIGINT); the process ends with the signal's status, as shells expect. */
  public static final int INTERRUPTED = 130;
  /** Stopped by SIGTERM. */
  public static final int TERMINATED = 143;

  /** One exit code and what it means to the user. */
  public record Meaning(int code, String meaning) {}

  /** The table users read, in order. */
  public static final List<Meaning> TABLE = List.of(
      new Meaning(OK, "success"),
      new Meaning(CHECK_FAILED, "a check failed (CI red, tag not live, stale merge-back, failed uploads)"),
      new Meaning(USAGE, "usage or configuration error (bad flag, input or .trainyard.yml)"),
      new Meaning(REMOTE, "remote service failure (after bounded retries), or credentials refused"),
      new Meaning(REPOSITORY_STATE, "state refused (dirty, shallow, detached, nothing new, PR open, bug closed)"),
      new Meaning(INTERNAL, "internal error: a bug; rerun with --stacktrace and report it"),
      new Meaning(INTERRUPTED, "interrupted by Ctrl-C (SIGINT): cut rolled back, or printed how to undo"),
      new Meaning(TERMINATED, "stopped by SIGTERM: cut rolled back, or printed how to undo"));

  private ExitCode() {}

  public static int of(FailureKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> USAGE;
      case REMOTE -> REMOTE;
      case REPOSITORY_STATE -> REPOSITORY_STATE;
      case INTERRUPTED -> INTERRUPTED;
      case INTERNAL -> INTERNAL;
    };
  }

  /**
   * The lines of the help footer. Every run sets it, so it is padded by hand: String.format's first
   * use loads the locale data, a twentieth of a short command's run.
   */
  static String[] footer() {
    return TABLE.stream().map(m -> "  " + (m.code() + "   ").substring(0, 3) + " " + m.meaning()).toArray(String[]::new);
  }

  /** README's table. */
  public static String markdownTable() {
    Markdown.Table table = Markdown.table("code", "meaning");
    TABLE.forEach(m -> table.row(String.valueOf(m.code()), Markdown.cell(m.meaning())));
    return table.render();
  }
}
