package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where assets go: {@code s3://bucket/prefix}, {@code gs://bucket/prefix}, or a local folder
 * {@code file://PATH} (for trying a sync, testing and mirroring; the folder is the "bucket", the
 * prefix is empty).
 */
public record AssetTarget(Scheme scheme, String bucket, String prefix) {
  public enum Scheme {
    S3("s3"),
    GCS("gs"),
    FILE("file");

    private final String uriScheme;

    Scheme(String uriScheme) {
      this.uriScheme = uriScheme;
    }

    public String uriScheme() {
      return uriScheme;
    }
  }

  public AssetTarget {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(bucket, "bucket");
    prefix = trimSlashes(prefix == null ? "" : prefix);
    if (bucket.isBlank() || (bucket.contains("/") && scheme != Scheme.FILE)) {
      throw TrainyardException.invalidInput(
          "target bucket '" + bucket + "' is not a bucket name", "write --target s3://BUCKET/PREFIX");
    }
    for (String segment : prefix.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw TrainyardException.invalidInput(
            "target prefix '" + prefix + "' contains '" + segment + "'", "use a plain prefix such as 'static/v1'");
      }
    }
  }

  public static AssetTarget parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw TrainyardException.invalidInput(
          "no target given", "pass --target s3://BUCKET/PREFIX or gs://BUCKET/PREFIX, or set assets.target");
    }
    int sep = uri.indexOf("://");
    String scheme = sep < 0 ? "" : uri.substring(0, sep).toLowerCase(Locale.ROOT);
    Scheme parsed =
        switch (scheme) {
          case "s3" -> Scheme.S3;
          case "gs" -> Scheme.GCS;
          case "file" -> Scheme.FILE;
          default -> throw TrainyardException.invalidInput(
              "--target '" + uri + "' is neither s3://BUCKET/PREFIX nor gs://BUCKET/PREFIX",
              "write the bucket as a URI, e.g. s3://my-cdn-bucket/assets (or file://FOLDER for a local folder)");
        };
    String rest = uri.substring(sep + 3);
    if (parsed == Scheme.FILE) {
      return new AssetTarget(parsed, rest, "");
    }
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    return new AssetTarget(parsed, bucket, prefix);
  }

  /**
   * A {@code file://} target's folder resolved against the working directory (absolute paths stay
   * as they are; a relative one must not climb out with {@code ..}). Other targets are returned as is.
   */
  public AssetTarget resolvedAgainst(java.nio.file.Path workingDirectory) {
    if (scheme != Scheme.FILE) {
      return this;
    }
    java.nio.file.Path folder = java.nio.file.Path.of(bucket);
    java.nio.file.Path resolved = workingDirectory.resolve(folder).normalize();
    if (!folder.isAbsolute() && !resolved.startsWith(workingDirectory.normalize())) {
      throw TrainyardException.invalidInput("target '" + this + "' climbs out of " + workingDirectory,
          "name a folder inside the working directory, or an absolute path: file:///srv/mirror");
    }
    return new AssetTarget(scheme, resolved.toString(), "");
  }

  /** The object key for a path relative to the source folder. */
  public String keyFor(String relativePath) {
    return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
  }

  /**
   * The listing prefix for a folder of the source ("" = the whole source). It ends with a slash so
   * that syncing {@code icons} never lists, and so never deletes, {@code icons-old/...}.
   */
  public String listPrefix(String folder) {
    String joined = folder.isEmpty() ? prefix : keyFor(folder);
    return joined.isEmpty() ? "" : joined + "/";
  }

  /** The path relative to the source folder for a key under this target, or null when outside. */
  public String relativePathOf(String key) {
    if (prefix.isEmpty()) {
      return key;
    }
    return key.startsWith(prefix + "/") ? key.substring(prefix.length() + 1) : null;
  }

  @Override
  public String toString() {
    return scheme.uriScheme() + "://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  static String trimSlashes(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '/') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '/') {
      end--;
    }
    return value.substring(start, end);
  }
}
