package dev.trainyard.assets.s3;

import dev.trainyard.http.RetryAfter;
import dev.trainyard.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The SDK's standard retry strategy (which errors to retry, how many attempts, exponential backoff
 * with jitter) with the wait the server asks for: a {@code Retry-After} in seconds or as an HTTP date
 * stretches a retry's delay to at least that long. The SDK reads only the seconds form and honours any
 * length; here all waiting for one call is bounded by {@code maxTotalWait}, and a server asking for
 * more fails the call at once instead of holding a worker for minutes.
 *
 * <p>The strategy does the waiting itself, through a {@link Sleeper}, and tells the SDK to retry
 * without delay: that is what lets tests record the delays instead of sleeping them.
 */
final class RetryAfterStrategy implements RetryStrategy {
  private final RetryStrategy standard;
  private final Duration maxTotalWait;
  private final Sleeper sleeper;
  private final Clock clock;

  RetryAfterStrategy(RetryStrategy standard, Duration maxTotalWait, Sleeper sleeper, Clock clock) {
    this.standard = standard;
    this.maxTotalWait = maxTotalWait;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** Waiting so far for one call, carried between the attempts of that call. */
  private record Token(RetryToken standard, Duration waited) implements RetryToken {}

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    AcquireInitialTokenResponse response = standard.acquireInitialToken(request);
    return AcquireInitialTokenResponse.create(new Token(response.token(), Duration.ZERO), response.delay());
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    Token token = (Token) request.token();
    Optional<Duration> asked = retryAfter(request.failure(), clock);
    RefreshRetryTokenRequest.Builder forward = RefreshRetryTokenRequest.builder()
        .token(token.standard())
        .failure(request.failure());
    asked.or(request::suggestedDelay).ifPresent(forward::suggestedDelay);
    RefreshRetryTokenResponse decided;
    try {
      // Throws when the error is not retryable or the attempts are used up.
      decided = standard.refreshRetryToken(forward.build());
    } catch (TokenAcquisitionFailedException e) {
      throw new TokenAcquisitionFailedException(e.getMessage(), new Token(e.token(), token.waited()), e.getCause());
    }
    Duration waited = token.waited().plus(decided.delay());
    Token next = new Token(decided.token(), waited);
    if (waited.compareTo(maxTotalWait) > 0) {
      throw new TokenAcquisitionFailedException(
          "not retrying: waiting " + seconds(decided.delay()) + " more would exceed the " + seconds(maxTotalWait)
              + " bound for one request", next, request.failure());
    }
    try {
      sleeper.sleep(decided.delay());
    } catch (InterruptedException e) {
      // The call's overall timeout interrupts the thread; stop retrying and let the SDK report it.
      Thread.currentThread().interrupt();
      throw new TokenAcquisitionFailedException("interrupted while waiting to retry", next, request.failure());
    }
    return RefreshRetryTokenResponse.create(next, Duration.ZERO);
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    Token token = (Token) request.token();
    RecordSuccessResponse response = standard.recordSuccess(RecordSuccessRequest.create(token.standard()));
    return RecordSuccessResponse.create(new Token(response.token(), token.waited()));
  }

  @Override
  public int maxAttempts() {
    return standard.maxAttempts();
  }

  /** The standard strategy already carries the SDK's and AWS's retry conditions. */
  @Override
  public boolean useClientDefaults() {
    return false;
  }

  @Override
  public Builder toBuilder() {
    return new Builder(standard.toBuilder(), maxTotalWait, sleeper, clock);
  }

  /**
   * The server's {@code Retry-After} on a service error: delta-seconds, or an HTTP date (a date in the
   * past means now). Empty when absent or unreadable.
   */
  static Optional<Duration> retryAfter(Throwable failure, Clock clock) {
    if (!(failure instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
      return Optional.empty();
    }
    SdkHttpResponse response = service.awsErrorDetails().sdkHttpResponse();
    if (response == null) {
      return Optional.empty();
    }
    return response.firstMatchingHeader("Retry-After").map(String::trim).flatMap(value -> RetryAfter.parse(value, clock));
  }

  private static String seconds(Duration duration) {
    return (duration.toMillis() / 1000.0) + " s";
  }

  /** Rebuilds the standard strategy (the SDK may adjust it) and wraps it again. */
  static final class Builder implements RetryStrategy.Builder<Builder, RetryAfterStrategy> {
    private final RetryStrategy.Builder<?, ?> standard;
    private final Duration maxTotalWait;
    private final Sleeper sleeper;
    private final Clock clock;

    Builder(RetryStrategy.Builder<?, ?> standard, Duration maxTotalWait, Sleeper sleeper, Clock clock) {
      this.standard = standard;
      this.maxTotalWait = maxTotalWait;
      this.sleeper = sleeper;
      this.clock = clock;
    }

    @Override
    public Builder retryOnException(Predicate<Throwable> shouldRetry) {
      standard.retryOnException(shouldRetry);
      return this;
    }

    @Override
    public Builder maxAttempts(int maxAttempts) {
      standard.maxAttempts(maxAttempts);
      return this;
    }

    @Override
    public Builder backoffStrategy(BackoffStrategy backoffStrategy) {
      standard.backoffStrategy(backoffStrategy);
      return this;
    }

    @Override
    public Builder throttlingBackoffStrategy(BackoffStrategy backoffStrategy) {
      standard.throttlingBackoffStrategy(backoffStrategy);
      return this;
    }

    @Override
    public Builder treatAsThrottling(Predicate<Throwable> treatAsThrottling) {
      standard.treatAsThrottling(treatAsThrottling);
      return this;
    }

    @Override
    public RetryAfterStrategy build() {
      return new RetryAfterStrategy(standard.build(), maxTotalWait, sleeper, clock);
    }
  }
}
