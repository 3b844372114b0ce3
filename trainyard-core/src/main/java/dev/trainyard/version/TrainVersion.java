package dev.trainyard.version;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A train version {@code MAJOR.TRAIN.PATCH}, written as tag {@code vMAJOR.TRAIN.PATCH}. */
public record TrainVersion(int major, int train, int patch) implements Comparable<TrainVersion> {
  private static final Pattern TAG = Pattern.compile("v(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");
  private static final Comparator<TrainVersion> ORDER = Comparator.comparingInt(TrainVersion::major)
      .thenComparingInt(TrainVersion::train).thenComparingInt(TrainVersion::patch);

  /**
   * Parses a train tag. Anything with a suffix ({@code v1.5.0-private}, {@code v1.5.0-feature}) is
   * not a train tag, by design.
   */
  public static Optional<TrainVersion> parseTag(String tag) {
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new TrainVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
  }

  public String tag() {
    return "v" + this;
  }

  @Override
  public int compareTo(TrainVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + train + "." + patch;
  }
}
