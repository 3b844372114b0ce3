package dev.trainyard;

import java.util.Objects;

/**
 * The one exception type the core throws for a failure the user can act on. Its message is a single
 * line that says what is wrong and where; {@link #hint()} says how to fix it.
 */
public class TrainyardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  private final String hint;

  public TrainyardException(FailureKind kind, String message, String hint, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.hint = hint;
  }

  public TrainyardException(FailureKind kind, String message, String hint) {
    this(kind, message, hint, null);
  }

  public TrainyardException(FailureKind kind, String message) {
    this(kind, message, null, null);
  }

  public static TrainyardException invalidInput(String message, String hint) {
    return new TrainyardException(FailureKind.INVALID_INPUT, message, hint);
  }

  public static TrainyardException repositoryState(String message, String hint) {
    return new TrainyardException(FailureKind.REPOSITORY_STATE, message, hint);
  }

  public static TrainyardException remote(String message, String hint, Throwable cause) {
    return new TrainyardException(FailureKind.REMOTE, message, hint, cause);
  }

  public FailureKind kind() {
    return kind;
  }

  /** How to fix it, or null when the message says it all. */
  public String hint() {
    return hint;
  }
}
