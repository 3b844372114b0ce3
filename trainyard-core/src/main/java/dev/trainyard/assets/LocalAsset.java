package dev.trainyard.assets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to publish: its normalised path relative to the source folder, content hash, headers.
 *
 * @param fingerprint {@link SourceTree#fingerprint CRC-32C and CRC-32} of the content, 16 hex digits;
 *     null where unknown
 */
public record LocalAsset(String relativePath, Path file, long size, String md5Hex, ObjectHeaders headers,
    String fingerprint) {
  public LocalAsset(String relativePath, Path file, long size, String md5Hex, ObjectHeaders headers) {
    this(relativePath, file, size, md5Hex, headers, null);
  }

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
