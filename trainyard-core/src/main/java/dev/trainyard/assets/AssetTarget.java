package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where assets go: {@code s3://bucket/prefix}, {@code gs://bucket/prefix}, or a local folder
 * {@code file://PATH} (for trying a sync, testing and mirroring; the folder is the "bucket", the
 * prefix is empty). A folder must lie inside the working directory, like everything trainyard writes.
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
   * A {@code file://} target's folder resolved against the working directory. Like everything
   * trainyard writes, it must lie inside that directory (absolute or relative, with no {@code ..}
   * out of it and no symbolic link on the way). Other targets are returned as is.
   */
  public AssetTarget resolvedAgainst(Path workingDirectory) {
    if (scheme != Scheme.FILE) {
      return this;
    }
    Path base = workingDirectory.toAbsolutePath().normalize();
    Path resolved = base.resolve(bucket).normalize();
    String hint = "name a folder inside the repository, e.g. file://build/cdn (trainyard writes only inside the work tree)";
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw TrainyardException.invalidInput("target '" + this + "' is not a folder inside the working directory "
          + base, hint);
    }
    Path step = base;
    for (Path name : base.relativize(resolved)) {
      step = step.resolve(name);
      if (Files.isSymbolicLink(step)) {
        throw TrainyardException.repositoryState("target '" + this + "' passes through the symbolic link " + step
            + linkTarget(step) + "; trainyard writes only inside the work tree, never through a link", hint);
      }
    }
    return new AssetTarget(scheme, resolved.toString(), "");
  }

  /** {@code " -> target"} of a symbolic link, or nothing when it cannot be read. */
  public static String linkTarget(Path link) {
    try {
      return " -> " + Files.readSymbolicLink(link);
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
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
