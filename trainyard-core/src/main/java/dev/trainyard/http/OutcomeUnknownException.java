package dev.trainyard.http;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;

/**
 * A request that is not safe to repeat failed in a way that leaves open whether the server acted on
 * it (a 5xx answer, a reset or a timeout after the request was sent). {@link RetryingHttpClient}
 * does not repeat it; a caller that can check what happened (look for what it meant to create) may
 * check and then send again.
 */
public final class OutcomeUnknownException extends TrainyardException {
  private static final long serialVersionUID = 1L;

  public OutcomeUnknownException(String message, String hint, Throwable cause) {
    super(FailureKind.REMOTE, message, hint, cause);
  }
}
