package dev.trainyard.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a remote call tries before it gives up. One policy object is shared by every client so a
 * user sees the same behaviour from GitHub, Bugzilla and the version endpoints.
 *
 * @param maxAttempts attempts in total, including the first one (1 = never retry)
 * @param baseDelay delay before the first retry when the server gives no hint; doubles per retry
 * @param maxDelay cap for one computed backoff delay (a server's {@code Retry-After} may exceed it
 *     as long as {@code maxTotalWait} allows)
 * @param maxTotalWait bound on all waiting for one call; a server asking for more fails the call
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed for one attempt, from sending until the whole body is read
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxTotalWait,
    Duration connectTimeout,
    Duration requestTimeout) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    requireNonNegative(baseDelay, "baseDelay");
    requireNonNegative(maxDelay, "maxDelay");
    requireNonNegative(maxTotalWait, "maxTotalWait");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
  }

  /** 4 attempts, 1 s doubling to at most 30 s, 5 min total wait, 10 s connect, 30 s per attempt. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, maxDelay, maxTotalWait, connectTimeout, requestTimeout);
  }

  public RetryPolicy withRequestTimeout(Duration timeout) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxTotalWait, connectTimeout, timeout);
  }

  public RetryPolicy withMaxTotalWait(Duration wait) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, wait, connectTimeout, requestTimeout);
  }

  /**
   * Backoff before retry number {@code retry} (1 for the first retry): exponential, capped, with
   * "equal jitter" (half fixed, half random) so parallel clients do not retry in lockstep while the
   * delay never collapses to zero.
   *
   * @param random a value in [0, 1)
   */
  public Duration backoff(int retry, double random) {
    long base = baseDelay.toMillis();
    long exponential = base << Math.min(Math.max(retry - 1, 0), 20);
    long capped = Math.min(exponential, maxDelay.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (long) (random * (capped - half)));
  }

  private static void requireNonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }

  private static void requirePositive(Duration value, String name) {
    requireNonNegative(value, name);
    if (value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
