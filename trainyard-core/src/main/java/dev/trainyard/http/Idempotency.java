package dev.trainyard.http;

/** Whether a request may be sent again after the server may already have acted on it. */
public enum Idempotency {
  /** GET, HEAD, PUT, DELETE, OPTIONS and TRACE are idempotent; POST and PATCH are not. */
  BY_METHOD,
  /** The caller knows a repeat is harmless (e.g. a POST that sets a state to a fixed value). */
  IDEMPOTENT,
  /** Never repeat once the request may have reached the server. */
  NOT_IDEMPOTENT
}
