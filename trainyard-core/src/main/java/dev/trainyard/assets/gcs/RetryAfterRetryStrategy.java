package dev.trainyard.assets.gcs;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.retrying.ResultRetryAlgorithm;
import com.google.api.gax.retrying.TimedAttemptSettings;
import com.google.cloud.storage.StorageRetryStrategy;
import com.google.cloud.storage.spi.v1.HttpRpcContext;
import dev.trainyard.http.RetryAfter;
import dev.trainyard.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The library's uniform retry strategy (which failures to retry) plus the wait the server asks for:
 * a {@code Retry-After} in seconds or as an HTTP date on a retryable failure makes the next attempt
 * wait at least that long. All such waiting for one call is bounded by {@code maxTotalWait}; a server
 * asking for more fails the call at once instead of holding a worker for minutes.
 *
 * <p>Why the wait happens in {@code shouldRetry}: over the JSON API, google-cloud-storage 2.60 asks
 * the result algorithm only {@code shouldRetry} and computes its backoff itself from the
 * RetrySettings; {@code createNextAttempt} is never consulted there. So the strategy sleeps the
 * server's delay (through a {@link Sleeper}, which tests record instead of sleeping) before saying
 * yes, and the library then adds its own backoff on top: the total is at least Retry-After and at
 * least the normal backoff. The library asks {@code shouldRetry} even after the last attempt, so
 * the attempts of one call are counted here (per thread, keyed by the library's invocation id) to
 * avoid sleeping before a retry that will not happen.
 */
final class RetryAfterRetryStrategy implements StorageRetryStrategy {
  private static final long serialVersionUID = 1L;

  private final StorageRetryStrategy uniform;
  private final int maxAttempts;
  private final Duration maxTotalWait;
  private final Clock clock;
  private final transient Sleeper sleeper;
  private final transient ThreadLocal<CallState> calls = new ThreadLocal<>();

  RetryAfterRetryStrategy(StorageRetryStrategy uniform, int maxAttempts, Duration maxTotalWait, Sleeper sleeper, Clock clock) {
    this.uniform = uniform;
    this.maxAttempts = maxAttempts;
    this.maxTotalWait = maxTotalWait;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** Failures seen and Retry-After waited so far in one call (one library invocation). */
  private record CallState(UUID invocation, int failures, Duration waited) {}

  @Override
  public ResultRetryAlgorithm<?> getIdempotentHandler() {
    return new Handler<>(uniform.getIdempotentHandler());
  }

  @Override
  public ResultRetryAlgorithm<?> getNonidempotentHandler() {
    return new Handler<>(uniform.getNonidempotentHandler());
  }

  private final class Handler<T> implements ResultRetryAlgorithm<T> {
    private final ResultRetryAlgorithm<T> decides;

    @SuppressWarnings("unchecked")
    Handler(ResultRetryAlgorithm<?> decides) {
      this.decides = (ResultRetryAlgorithm<T>) decides;
    }

    @Override
    public boolean shouldRetry(Throwable failure, T response) {
      if (!decides.shouldRetry(failure, response)) {
        return false;
      }
      CallState call = recordFailure();
      if (call.failures() >= maxAttempts) {
        return true; // the library stops on its attempt count; nothing to wait for
      }
      Optional<Duration> asked = retryAfter(failure, clock);
      if (asked.isEmpty()) {
        return true;
      }
      Duration waited = call.waited().plus(asked.get());
      if (waited.compareTo(maxTotalWait) > 0) {
        return false;
      }
      calls.set(new CallState(call.invocation(), call.failures(), waited));
      try {
        sleeper.sleep(asked.get());
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /**
     * For gax's own retrying executors (not used by the JSON API path, see the class comment): the
     * uniform algorithm's settings, or null to let the timed algorithm decide. The delay is not
     * raised here because {@link #shouldRetry} already waited for the server.
     */
    @Override
    public TimedAttemptSettings createNextAttempt(Throwable failure, T response, TimedAttemptSettings previous) {
      return decides.createNextAttempt(failure, response, previous);
    }
  }

  private CallState recordFailure() {
    UUID invocation = currentInvocation();
    CallState previous = calls.get();
    CallState next = previous != null && invocation != null && invocation.equals(previous.invocation())
        ? new CallState(invocation, previous.failures() + 1, previous.waited())
        : new CallState(invocation, 1, Duration.ZERO);
    calls.set(next);
    return next;
  }

  private static UUID currentInvocation() {
    try {
      return HttpRpcContext.getInstance().getInvocationId();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * The server's {@code Retry-After} on a failed call: the first HTTP response error in the cause
   * chain, delta-seconds or an HTTP date (a date in the past means now). Empty when absent or
   * unreadable.
   */
  static Optional<Duration> retryAfter(Throwable failure, Clock clock) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof HttpResponseException http) {
        String value = http.getHeaders() == null ? null : http.getHeaders().getRetryAfter();
        return RetryAfter.parse(value, clock);
      }
    }
    return Optional.empty();
  }

}
