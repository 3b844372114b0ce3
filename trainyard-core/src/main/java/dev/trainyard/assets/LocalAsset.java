package dev.trainyard.assets;

import java.nio.file.Path;
import java.util.Objects;

/** One file to publish: its normalised path relative to the source folder, content hash, headers. */
public record LocalAsset(String relativePath, Path file, long size, String md5Hex, ObjectHeaders headers) {
  public LocalAsset {
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(md5Hex, "md5Hex");
    Objects.requireNonNull(headers, "headers");
    if (size < 0) {
      throw new IllegalArgumentException("size " + size);
    }
  }
}
