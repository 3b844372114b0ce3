package dev.trainyard.release;

import dev.trainyard.TrainyardException;
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
      throw TrainyardException.invalidInput("release file path must be relative inside the repository: " + path,
          "check release.packages: path, changelog and version-files are relative to the repository and its packages");
    }
  }

  public boolean creates() {
    return before == null;
  }
}
