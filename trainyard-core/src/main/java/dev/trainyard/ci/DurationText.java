package dev.trainyard.ci;

import dev.trainyard.TrainyardException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in flags and YAML: {@code 30s}, {@code 10m}, {@code 1h30m},
 * {@code 90} (seconds), or ISO-8601 ({@code PT30M}).
 */
public final class DurationText {
  private static final Pattern HUMAN = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

  private DurationText() {}

  /**
   * @throws TrainyardException (invalid input) naming {@code what} when the text is not a duration
   */
  public static Duration parse(String text, String what) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    if (value.startsWith("pt") || value.startsWith("p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(text, what);
      }
    }
    Matcher matcher = HUMAN.matcher(value);
    if (value.isEmpty() || !matcher.matches()) {
      throw invalid(text, what);
    }
    Duration duration = Duration.ZERO;
    if (matcher.group(1) != null) {
      duration = duration.plusHours(Long.parseLong(matcher.group(1)));
    }
    if (matcher.group(2) != null) {
      duration = duration.plusMinutes(Long.parseLong(matcher.group(2)));
    }
    if (matcher.group(3) != null) {
      duration = duration.plusSeconds(Long.parseLong(matcher.group(3)));
    }
    return duration;
  }

  private static TrainyardException invalid(String text, String what) {
    return TrainyardException.invalidInput(
        what + " must be a duration like 30s, 10m, 1h30m or PT10M, got '" + text + "'", null);
  }
}
