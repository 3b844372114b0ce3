package dev.trainyard.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header, as every retrying client here reads it. */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait a {@code Retry-After} value asks for: delta-seconds or an HTTP date (a negative number
   * or a date in the past means now). Empty when the value is null, empty or unreadable.
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    String text = value == null ? "" : value.trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration until = Duration.between(clock.instant(), at);
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
