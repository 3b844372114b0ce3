package dev.trainyard.http;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * {@link HttpClient} with the project's remote-call rules: a timeout on every attempt (covering the
 * whole body, not just the headers), bounded retries with jittered exponential backoff, and respect
 * for {@code Retry-After} and GitHub's {@code x-ratelimit-*} headers.
 *
 * <p>Retried: connection failures and resets, timeouts, HTTP 500/502/503/504, 429, and a 403 that
 * is a rate limit (it carries {@code Retry-After}, {@code x-ratelimit-remaining: 0}, or GitHub's
 * "secondary rate limit" text). A request that is not idempotent is retried only when the server
 * certainly did not act on it (connection refused, 429, rate-limited 403). Any other response,
 * including 4xx, is returned to the caller to interpret.
 *
 * <p>When retries run out, or the server asks for a wait beyond {@link RetryPolicy#maxTotalWait()},
 * the call fails with a one-line {@link FailureKind#REMOTE} {@link TrainyardException} such as
 * {@code GitHub API GET /repos/o/r/commits/x/check-runs failed: HTTP 502 after 4 attempts}. Messages
 * name the method and path only: never headers (tokens) and never the query string.
 */
public final class RetryingHttpClient {
  private static final Set<String> IDEMPOTENT_METHODS =
      Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 500, 502, 503, 504);
  private static final Duration SECONDARY_LIMIT_MINIMUM_WAIT = Duration.ofMinutes(1);
  private static final Duration RESET_SAFETY_MARGIN = Duration.ofSeconds(1);

  private final String serviceName;
  private final HttpClient client;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Reporter reporter;
  private final DoubleSupplier random;

  public RetryingHttpClient(
      String serviceName,
      HttpClient client,
      RetryPolicy policy,
      Sleeper sleeper,
      Clock clock,
      Reporter reporter,
      DoubleSupplier random) {
    this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    this.client = Objects.requireNonNull(client, "client");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A client with a real {@link HttpClient}, real sleeping and the system clock. */
  public static RetryingHttpClient create(String serviceName, RetryPolicy policy, Reporter reporter) {
    return create(serviceName, policy, reporter, Sleeper.SYSTEM, Clock.systemUTC());
  }

  /** A client with a real {@link HttpClient}; tests pass a recording sleeper and a fake clock. */
  public static RetryingHttpClient create(
      String serviceName, RetryPolicy policy, Reporter reporter, Sleeper sleeper, Clock clock) {
    return new RetryingHttpClient(
        serviceName,
        newHttpClient(policy),
        policy,
        sleeper,
        clock,
        reporter,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * HTTP/1.1 because the JDK's cleartext HTTP/2 upgrade confuses some proxies and test servers, and
   * no redirects because callers (github-api, the GitHub JSON helper) must decide whether an
   * Authorization header may follow a redirect to another host.
   */
  public static HttpClient newHttpClient(RetryPolicy policy) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(policy.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public String serviceName() {
    return serviceName;
  }

  public RetryPolicy policy() {
    return policy;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public Clock clock() {
    return clock;
  }

  public Reporter reporter() {
    return reporter;
  }

  /** Sends with retries decided by the request method. */
  public HttpResult send(HttpRequest request) {
    return send(request, Idempotency.BY_METHOD);
  }

  public HttpResult send(HttpRequest request, Idempotency idempotency) {
    boolean idempotent =
        switch (idempotency) {
          case IDEMPOTENT -> true;
          case NOT_IDEMPOTENT -> false;
          case BY_METHOD -> IDEMPOTENT_METHODS.contains(request.method().toUpperCase(Locale.ROOT));
        };
    HttpRequest timed =
        HttpRequest.newBuilder(request, (name, value) -> true).timeout(policy.requestTimeout()).build();
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      HttpResult result = null;
      IOException failure = null;
      try {
        result = attemptOnce(timed, attempt);
      } catch (IOException e) {
        failure = e;
      }

      String problem;
      Duration delay;
      if (result != null) {
        RateLimit limit = rateLimitOf(result);
        if (limit == RateLimit.NONE && !RETRYABLE_STATUS.contains(result.statusCode())) {
          return result;
        }
        problem = "HTTP " + result.statusCode() + (limit == RateLimit.NONE ? "" : " (" + limit.label + ")");
        boolean serverDidNotAct = limit != RateLimit.NONE || result.statusCode() == 429;
        if (!idempotent && !serverDidNotAct) {
          throw outcomeUnknown(timed, problem, null);
        }
        delay = delayFor(result, limit, attempt, timed, problem);
      } else {
        problem = describe(failure);
        boolean neverConnected =
            failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
        if (!idempotent && !neverConnected) {
          throw outcomeUnknown(timed, problem, failure);
        }
        delay = policy.backoff(attempt, random.getAsDouble());
      }

      if (attempt >= policy.maxAttempts()) {
        throw failed(timed, problem + " after " + attempt + " attempt" + (attempt == 1 ? "" : "s"), failure);
      }
      Duration budgetLeft = policy.maxTotalWait().minus(waited);
      if (delay.compareTo(budgetLeft) > 0) {
        throw failed(
            timed,
            problem
                + "; retry would need a wait of "
                + seconds(delay)
                + " beyond the remaining budget of "
                + seconds(budgetLeft),
            failure);
      }
      reporter.warn(
          serviceName
              + " "
              + timed.method()
              + " "
              + timed.uri().getRawPath()
              + ": "
              + problem
              + "; retrying in "
              + seconds(delay)
              + " (attempt "
              + (attempt + 1)
              + " of "
              + policy.maxAttempts()
              + ")");
      sleep(delay);
      waited = waited.plus(delay);
    }
  }

  private HttpResult attemptOnce(HttpRequest request, int attempt) throws IOException {
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      // The JDK's request timeout stops at the response headers; a server dribbling its body must
      // not hang us, so the whole exchange gets the same deadline.
      HttpResponse<byte[]> response =
          future.get(policy.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new HttpResult(
          request.method(), request.uri(), response.statusCode(), response.headers(), response.body(), attempt);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("no complete response");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw interrupted(request);
    }
  }

  private Duration delayFor(HttpResult result, RateLimit limit, int attempt, HttpRequest request, String problem) {
    Optional<Duration> retryAfter = retryAfter(result);
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    if (limit == RateLimit.PRIMARY) {
      Optional<Instant> reset = header(result, "x-ratelimit-reset").flatMap(RetryingHttpClient::epochSeconds);
      if (reset.isPresent()) {
        Duration untilReset = Duration.between(clock.instant(), reset.get()).plus(RESET_SAFETY_MARGIN);
        if (untilReset.compareTo(policy.maxTotalWait()) > 0) {
          throw new TrainyardException(
              FailureKind.REMOTE,
              serviceName
                  + " "
                  + request.method()
                  + " "
                  + request.uri().getRawPath()
                  + " failed: rate limit exhausted until "
                  + reset.get().truncatedTo(ChronoUnit.SECONDS)
                  + " ("
                  + problem
                  + ")",
              "wait until the rate limit resets, or use a token with a higher limit");
        }
        return untilReset.isNegative() ? Duration.ZERO : untilReset;
      }
    }
    Duration backoff = policy.backoff(attempt, random.getAsDouble());
    if (limit == RateLimit.SECONDARY && backoff.compareTo(SECONDARY_LIMIT_MINIMUM_WAIT) < 0) {
      // GitHub documents "wait at least one minute" when a secondary limit names no time.
      return SECONDARY_LIMIT_MINIMUM_WAIT;
    }
    return backoff;
  }

  private enum RateLimit {
    NONE(""),
    PRIMARY("rate limit exhausted"),
    SECONDARY("secondary rate limit");

    final String label;

    RateLimit(String label) {
      this.label = label;
    }
  }

  private static RateLimit rateLimitOf(HttpResult result) {
    int status = result.statusCode();
    if (status != 403 && status != 429) {
      return RateLimit.NONE;
    }
    if (header(result, "x-ratelimit-remaining").map(String::trim).filter("0"::equals).isPresent()) {
      return RateLimit.PRIMARY;
    }
    String body = result.bodyText().toLowerCase(Locale.ROOT);
    boolean secondaryText = body.contains("secondary rate limit") || body.contains("abuse detection");
    if (status == 429) {
      // A 429 is retried anyway; naming it a secondary limit also enforces GitHub's one-minute wait.
      return secondaryText ? RateLimit.SECONDARY : RateLimit.NONE;
    }
    return secondaryText || header(result, "retry-after").isPresent() ? RateLimit.SECONDARY : RateLimit.NONE;
  }

  static Optional<Duration> retryAfter(HttpResult result, Clock clock) {
    return header(result, "retry-after").flatMap(value -> RetryAfter.parse(value, clock));
  }

  private Optional<Duration> retryAfter(HttpResult result) {
    return retryAfter(result, clock);
  }

  private static Optional<String> header(HttpResult result, String name) {
    return result.headers().firstValue(name);
  }

  private static Optional<Instant> epochSeconds(String value) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void sleep(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainyardException(FailureKind.REMOTE, serviceName + " call interrupted while waiting to retry");
    }
  }

  private TrainyardException interrupted(HttpRequest request) {
    return new TrainyardException(
        FailureKind.REMOTE,
        serviceName + " " + request.method() + " " + request.uri().getRawPath() + " interrupted");
  }

  private OutcomeUnknownException outcomeUnknown(HttpRequest request, String problem, Throwable cause) {
    return new OutcomeUnknownException(
        serviceName + " " + request.method() + " " + request.uri().getRawPath() + " failed: " + problem
            + "; not retried because the server may have acted on it",
        "check the service's status and the network, then run again",
        cause);
  }

  private TrainyardException failed(HttpRequest request, String problem, Throwable cause) {
    return new TrainyardException(
        FailureKind.REMOTE,
        serviceName + " " + request.method() + " " + request.uri().getRawPath() + " failed: " + problem,
        "check the service's status and the network, then run again",
        cause);
  }

  private String describe(IOException failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "connect timed out after " + seconds(policy.connectTimeout());
    }
    if (failure instanceof HttpTimeoutException) {
      // The JDK's header timeout and our whole-exchange deadline race; both mean the same here.
      return "no complete response within " + seconds(policy.requestTimeout());
    }
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    }
    return oneLine(message);
  }

  static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
