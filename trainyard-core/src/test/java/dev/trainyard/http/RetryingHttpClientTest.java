package dev.trainyard.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryingHttpClientTest {
  private static final String PATH = "/repos/o/r/commits/abc/check-runs";
  private static final String TOKEN = "ghp_secretTokenValue123";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();
  private final RecordingReporter reporter = new RecordingReporter();

  private RetryingHttpClient client(RetryPolicy policy) {
    return new RetryingHttpClient(
        "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), reporter, () -> 0.5);
  }

  private RetryingHttpClient client() {
    return client(RetryPolicy.defaults());
  }

  private HttpRequest getRequest() {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + PATH + "?per_page=100"))
        .header("Authorization", "Bearer " + TOKEN)
        .GET()
        .build();
  }

  private HttpRequest postRequest() {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + PATH))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
  }

  private void failFirstThenSucceed(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(first)
            .willSetStateTo("recovered"));
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
  }

  @Test
  void retriesA5xxWithJitteredBackoffThenReturnsTheSuccess() {
    failFirstThenSucceed(aResponse().withStatus(502).withBody("bad gateway"));

    HttpResult result = client().send(getRequest());

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.bodyText()).isEqualTo("{\"ok\":true}");
    assertThat(result.attempts()).isEqualTo(2);
    server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    // base 1 s with equal jitter at random 0.5 -> 0.5 s fixed + 0.25 s random
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(750));
    assertThat(reporter.warnings())
        .singleElement()
        .asString()
        .contains("GET " + PATH + ": HTTP 502; retrying in 0.8s (attempt 2 of 4)")
        .doesNotContain(TOKEN);
  }

  @Test
  void givesUpAfterMaxAttemptsWithOneLineNamingMethodPathStatusAndAttempts() {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502)));

    assertThatThrownBy(() -> client().send(getRequest()))
        .isInstanceOfSatisfying(
            TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REMOTE))
        .hasMessage("GitHub API GET " + PATH + " failed: HTTP 502 after 4 attempts");
    server.verify(4, getRequestedFor(urlPathEqualTo(PATH)));
    // exponential: 1 s, 2 s, 4 s halves plus half-jitter
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000));
  }

  @Test
  void honours429RetryAfterSeconds() {
    failFirstThenSucceed(aResponse().withStatus(429).withHeader("Retry-After", "7"));

    assertThat(client().send(getRequest()).statusCode()).isEqualTo(200);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void honoursSecondaryRateLimit403WithRetryAfter() {
    failFirstThenSucceed(
        aResponse()
            .withStatus(403)
            .withHeader("Retry-After", "30")
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
                    + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}"));

    assertThat(client().send(getRequest()).statusCode()).isEqualTo(200);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    assertThat(reporter.warnings()).singleElement().asString().contains("HTTP 403 (secondary rate limit)");
  }

  @Test
  void secondaryRateLimitWithoutRetryAfterWaitsAtLeastAMinute() {
    failFirstThenSucceed(
        aResponse()
            .withStatus(403)
            .withBody("{\"message\":\"You have exceeded a secondary rate limit and have been temporarily blocked.\"}"));

    assertThat(client().send(getRequest()).statusCode()).isEqualTo(200);

    assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void aSecondaryLimitAnsweredWith429AlsoWaitsAMinute() {
    failFirstThenSucceed(
        aResponse().withStatus(429).withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"));

    assertThat(client().send(getRequest()).statusCode()).isEqualTo(200);

    assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void honoursRetryAfterAsHttpDate() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(FakeTime.START.plusSeconds(12).atZone(ZoneOffset.UTC));
    failFirstThenSucceed(aResponse().withStatus(503).withHeader("Retry-After", date));

    assertThat(client().send(getRequest()).statusCode()).isEqualTo(200);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void waitsForThePrimaryRateLimitResetWhenItIsWithinTheBudget() {
    long reset = FakeTime.START.plusSeconds(42).getEpochSecond();
    failFirstThenSucceed(
        aResponse()
            .withStatus(403)
            .withHeader("x-ratelimit-limit", "5000")
            .withHeader("x-ratelimit-remaining", "0")
            .withHeader("x-ratelimit-reset", Long.toString(reset))
            .withBody("{\"message\":\"API rate limit exceeded for installation ID 1.\"}"));

    assertThat(client().send(getRequest()).statusCode()).isEqualTo(200);

    // until the reset plus one second, because GitHub's reset second is inclusive
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(43));
  }

  @Test
  void failsAtOnceNamingTheResetTimeWhenThePrimaryLimitResetsBeyondTheBudget() {
    long reset = FakeTime.START.plusSeconds(3600).getEpochSecond();
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("x-ratelimit-remaining", "0")
                    .withHeader("x-ratelimit-reset", Long.toString(reset))));

    assertThatThrownBy(() -> client().send(getRequest()))
        .isInstanceOf(TrainyardException.class)
        .hasMessage(
            "GitHub API GET " + PATH + " failed: rate limit exhausted until 2026-11-21T13:00:00Z"
                + " (HTTP 429 (rate limit exhausted))");
    server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void refusesARetryAfterBeyondTheTotalWaitBudget() {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "900")));

    assertThatThrownBy(() -> client().send(getRequest()))
        .hasMessage(
            "GitHub API GET " + PATH + " failed: HTTP 503; retry would need a wait of 900s"
                + " beyond the remaining budget of 300s");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void recoversFromAConnectionResetByPeer() {
    failFirstThenSucceed(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    // The JDK client may itself resend an idempotent request once on a reset connection; either
    // way the caller gets the answer.
    assertThat(client().send(getRequest()).statusCode()).isEqualTo(200);
  }

  @Test
  void aConnectionThatKeepsResettingIsRetriedWithBackoffThenFailsInOneLine() {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client().send(getRequest()))
        .isInstanceOf(TrainyardException.class)
        .hasMessageStartingWith("GitHub API GET " + PATH + " failed: ")
        .hasMessageEndingWith(" after 4 attempts")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(time.sleeps()).hasSize(3);
    assertThat(reporter.warnings()).hasSize(3);
  }

  @Test
  void aResponseWhoseBodyDribblesPastTheTimeoutIsRetried() {
    // The timeout also bounds the retry, which must succeed: 5 s, not a fraction of one, so that a
    // loaded CI machine answering the retry late does not time it out too. The body dribbles for a
    // minute, far beyond it.
    RetryPolicy policy = RetryPolicy.defaults().withRequestTimeout(Duration.ofSeconds(5));
    failFirstThenSucceed(
        aResponse().withStatus(200).withBody("{\"check_runs\":[" + "0,".repeat(40) + "0]}").withChunkedDribbleDelay(20, 60_000));

    HttpResult result = client(policy).send(getRequest());

    assertThat(result.bodyText()).isEqualTo("{\"ok\":true}");
    assertThat(reporter.warnings()).singleElement().asString().contains("no complete response within 5s");
  }

  @Test
  void headersThatNeverComeTimeOutAndTheFinalErrorSaysSo() {
    RetryPolicy policy = RetryPolicy.defaults().withRequestTimeout(Duration.ofMillis(300)).withMaxAttempts(2);
    // Nothing here must succeed, so the timeout stays short; the headers take a minute, not 10x it.
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));

    assertThatThrownBy(() -> client(policy).send(getRequest()))
        .hasMessage("GitHub API GET " + PATH + " failed: no complete response within 0.3s after 2 attempts");
  }

  @Test
  void connectionRefusedIsRetriedAndReported() {
    RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(2);
    HttpRequest toClosedPort = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9" + PATH)).GET().build();

    assertThatThrownBy(() -> client(policy).send(toClosedPort))
        .hasMessage("GitHub API GET " + PATH + " failed: connection refused after 2 attempts");
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void aPostIsNotRepeatedAfterA5xxBecauseTheServerMayHaveActed() {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502)));

    assertThatThrownBy(() -> client().send(postRequest()))
        .hasMessage(
            "GitHub API POST " + PATH + " failed: HTTP 502; not retried because the server may have acted on it");
    server.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aPostIsRepeatedWhenTheCallerDeclaresItIdempotent() {
    server.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("post")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("ok"));
    server.stubFor(
        post(urlPathEqualTo(PATH)).inScenario("post").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(201)));

    assertThat(client().send(postRequest(), Idempotency.IDEMPOTENT).statusCode()).isEqualTo(201);
    server.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aPostIsRepeatedAfterA429BecauseTheServerRefusedIt() {
    server.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("post429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
            .willSetStateTo("ok"));
    server.stubFor(
        post(urlPathEqualTo(PATH))
            .inScenario("post429")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(201)));

    assertThat(client().send(postRequest()).statusCode()).isEqualTo(201);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void aPlainForbiddenOrNotFoundIsReturnedUntouchedForTheCallerToInterpret() {
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(aResponse().withStatus(403).withBody("{\"message\":\"Resource not accessible by integration\"}")));

    HttpResult result = client().send(getRequest());

    assertThat(result.statusCode()).isEqualTo(403);
    server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void backoffIsExponentialCappedAndNeverZero() {
    RetryPolicy policy = RetryPolicy.defaults();
    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(1, 0.999)).isLessThan(Duration.ofSeconds(1));
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(30, 0.999)).isLessThanOrEqualTo(policy.maxDelay());
  }
}
