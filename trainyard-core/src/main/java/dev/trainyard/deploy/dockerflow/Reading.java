package dev.trainyard.deploy.dockerflow;

import java.time.Duration;

/**
 * What one look at a version endpoint found.
 *
 * @param status what kind of answer it was
 * @param document the version object, for {@link Status#OK}
 * @param detail one line for people: why it is not OK, or {@code 304 not modified}
 * @param notModified the server answered 304 to our ETag (the document is the cached one)
 * @param retryAfter the server's {@code Retry-After}, or null
 * @param requests HTTP requests this look tried (redirects count, and so do attempts that failed to connect)
 */
public record Reading(Status status, VersionDocument document, String detail, boolean notModified, Duration retryAfter,
    int requests) {

  /** The kinds of answer. */
  public enum Status {
    /** A version object. */
    OK,
    /** Worth asking again: 5xx, 429, a reset, a timeout, an HTML error page during a rollout. */
    TRANSIENT,
    /** Asking again will not help: 404, 401/403, TLS failure, a body over the limit, a bad redirect. */
    PERMANENT
  }

  static Reading transientFailure(String detail, Duration retryAfter, int requests) {
    return new Reading(Status.TRANSIENT, null, detail, false, retryAfter, requests);
  }

  static Reading permanent(String detail, int requests) {
    return new Reading(Status.PERMANENT, null, detail, false, null, requests);
  }
}
