package dev.trainyard.assets.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.retrying.ResultRetryAlgorithm;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageRetryStrategy;
import com.google.cloud.storage.spi.v1.HttpRpcContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAfterRetryStrategyTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);
  private final List<Duration> slept = new ArrayList<>();

  @AfterEach
  void leaveNoInvocation() {
    HttpRpcContext.getInstance().clearInvocationId();
  }

  @Test
  void findsTheHeaderInTheCauseChainOfAStorageException() {
    assertThat(RetryAfterRetryStrategy.retryAfter(failure(429, " 12 "), CLOCK)).contains(Duration.ofSeconds(12));
    assertThat(RetryAfterRetryStrategy.retryAfter(failure(429, null), CLOCK)).isEmpty();
    assertThat(RetryAfterRetryStrategy.retryAfter(new StorageException(503, "no response"), CLOCK)).isEmpty();
  }

  @Test
  void waitsWhatTheServerAsksBeforeARetry() {
    assertThat(handler(4).shouldRetry(failure(429, "7"), null)).isTrue();
    assertThat(handler(4).shouldRetry(failure(503, "Sun, 22 Nov 2026 01:00:02 GMT"), null)).isTrue();
    assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
  }

  @Test
  void withoutRetryAfterLeavesTheBackoffToTheLibrary() {
    assertThat(handler(4).shouldRetry(failure(503, null), null)).isTrue();
    assertThat(slept).isEmpty();
  }

  @Test
  void aFailureTheUniformStrategyWouldNotRetryIsNotRetriedWhateverTheHeader() {
    assertThat(handler(4).shouldRetry(failure(404, "1"), null)).isFalse();
    assertThat(handler(4).shouldRetry(failure(412, "1"), null)).isFalse();
    assertThat(slept).isEmpty();
  }

  @Test
  void aServerAskingForMoreThanTheBoundFailsTheCallAtOnce() {
    assertThat(handler(4).shouldRetry(failure(429, "61"), null)).isFalse();
    assertThat(slept).isEmpty();
  }

  @Test
  void theBoundCoversAllWaitingOfOneCall() {
    HttpRpcContext.getInstance().newInvocationId();
    ResultRetryAlgorithm<Object> handler = handler(5);
    assertThat(handler.shouldRetry(failure(429, "40"), null)).isTrue();
    assertThat(handler.shouldRetry(failure(429, "40"), null)).isFalse();
    assertThat(slept).containsExactly(Duration.ofSeconds(40));

    HttpRpcContext.getInstance().newInvocationId();
    assertThat(handler.shouldRetry(failure(429, "40"), null)).as("a new call starts a new budget").isTrue();
    assertThat(slept).hasSize(2);
  }

  @Test
  void doesNotWaitAfterTheLastAttempt() {
    HttpRpcContext.getInstance().newInvocationId();
    ResultRetryAlgorithm<Object> handler = handler(2);
    assertThat(handler.shouldRetry(failure(429, "3"), null)).isTrue();
    // The library asks again after the final attempt and then stops on its own attempt count.
    assertThat(handler.shouldRetry(failure(429, "3"), null)).isTrue();
    assertThat(slept).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void nonIdempotentCallsKeepTheUniformDecision() {
    var strategy = strategy(4);
    @SuppressWarnings("unchecked")
    ResultRetryAlgorithm<Object> handler = (ResultRetryAlgorithm<Object>) strategy.getNonidempotentHandler();
    @SuppressWarnings("unchecked")
    ResultRetryAlgorithm<Object> uniform =
        (ResultRetryAlgorithm<Object>) StorageRetryStrategy.getUniformStorageRetryStrategy().getNonidempotentHandler();
    StorageException failure = failure(503, "1");
    assertThat(handler.shouldRetry(failure, null)).isEqualTo(uniform.shouldRetry(failure, null));
  }

  private RetryAfterRetryStrategy strategy(int maxAttempts) {
    return new RetryAfterRetryStrategy(StorageRetryStrategy.getUniformStorageRetryStrategy(), maxAttempts,
        Duration.ofSeconds(60), slept::add, CLOCK);
  }

  @SuppressWarnings("unchecked")
  private ResultRetryAlgorithm<Object> handler(int maxAttempts) {
    return (ResultRetryAlgorithm<Object>) strategy(maxAttempts).getIdempotentHandler();
  }

  /** What the JSON API client throws: the HTTP error, with its headers, wrapped by the library. */
  private static StorageException failure(int status, String retryAfter) {
    HttpHeaders headers = new HttpHeaders();
    if (retryAfter != null) {
      headers.setRetryAfter(retryAfter);
    }
    HttpResponseException http = new HttpResponseException.Builder(status, "status " + status, headers).build();
    return StorageException.translate(http);
  }
}
