package dev.trainyard.release;

import java.util.Objects;

/**
 * One file a release rewrites.
 *
 * @param path path relative to the repository root, with {@code /} separators
 * @param before the content now, or null when the file does not exist yet
 * @param after the content the release writes
 */
public record FileChange(String path, String before, String after) {
  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(after, "after");
    if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException("release file path must be relative inside the repository: " + path);
    }
  }

  public boolean creates() {
    return before == null;
  }
}
