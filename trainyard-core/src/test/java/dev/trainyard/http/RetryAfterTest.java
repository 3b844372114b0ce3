package dev.trainyard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDeltaSecondsAndHttpDates() {
    assertThat(RetryAfter.parse("120", CLOCK)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 7 ", CLOCK)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Sun, 22 Nov 2026 01:00:30 GMT", CLOCK)).contains(Duration.ofSeconds(30));
  }

  @Test
  void aDateInThePastOrANegativeNumberMeansNow() {
    assertThat(RetryAfter.parse("Sun, 22 Nov 2026 00:59:00 GMT", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("-5", CLOCK)).contains(Duration.ZERO);
  }

  @Test
  void missingOrUnreadableValuesGiveNoHint() {
    assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("1.5", CLOCK)).isEmpty();
  }
}
