package dev.trainyard.version;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date tag {@code YYYY.MM.DD} naming the day of the push, with an optional re-tag number
 * ({@code YYYY.MM.DD-2} is the second re-tag of that push).
 */
public record DateVersion(LocalDate date, int retag) implements Comparable<DateVersion> {
  private static final Pattern TAG = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})(?:-([1-9]\\d{0,5}))?");
  private static final Comparator<DateVersion> ORDER =
      Comparator.comparing(DateVersion::date).thenComparingInt(DateVersion::retag);

  public DateVersion {
    if (retag < 0) {
      throw new IllegalArgumentException("negative re-tag number " + retag);
    }
  }

  /** Parses a date tag; an impossible date such as {@code 2026.02.30} is not a date tag. */
  public static Optional<DateVersion> parse(String tag) {
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      return Optional.of(new DateVersion(date, m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public int compareTo(DateVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    String base = String.format("%04d.%02d.%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    return retag == 0 ? base : base + "-" + retag;
  }
}
