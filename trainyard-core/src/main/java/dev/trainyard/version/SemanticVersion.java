package dev.trainyard.version;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain {@code X.Y.Z} version; pre-release and build suffixes are not release versions here. */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {
  private static final Pattern PLAIN = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

  public SemanticVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("negative version part: " + major + "." + minor + "." + patch);
    }
  }

  /** Parses exactly {@code X.Y.Z} (no prefix, no suffix). */
  public static Optional<SemanticVersion> parse(String text) {
    Matcher m = PLAIN.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SemanticVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
  }

  public SemanticVersion bump(Bump bump) {
    return switch (bump) {
      case MAJOR -> new SemanticVersion(major + 1, 0, 0);
      case MINOR -> new SemanticVersion(major, minor + 1, 0);
      case PATCH -> new SemanticVersion(major, minor, patch + 1);
    };
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int c = Integer.compare(major, other.major);
    if (c == 0) {
      c = Integer.compare(minor, other.minor);
    }
    return c != 0 ? c : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
