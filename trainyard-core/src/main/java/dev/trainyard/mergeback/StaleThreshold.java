package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations people write in workflow files: {@code 7d}, {@code 36h}, {@code 2w}, or ISO {@code P7D}. */
public final class StaleThreshold {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([mhdw])");

  private StaleThreshold() {}

  public static Duration parse(String text, String source) {
    if (text == null || text.isBlank()) {
      throw TrainyardException.invalidInput(source + ": empty duration", "write e.g. '7d', '36h' or 'P7D'");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    try {
      Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      if (d.isNegative()) {
        throw TrainyardException.invalidInput(source + ": negative duration '" + text + "'", "write e.g. '7d'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw TrainyardException.invalidInput(source + ": '" + text + "' is not a duration",
          "write e.g. '7d', '36h', '2w' or ISO-8601 'P7D'");
    }
  }
}
