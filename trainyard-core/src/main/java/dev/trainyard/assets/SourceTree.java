package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the source folder: which files take part, under which normalised paths, with which
 * content hash and headers. Symbolic links are followed only while they stay inside the source
 * folder, so a link cannot publish {@code /etc} or a developer's home.
 */
public final class SourceTree {
  /** Whether the JVM decodes file names as UTF-8 (it takes the locale's charset: see checkNameDecoded). */
  private static final boolean NAMES_IN_UTF8 = isUtf8(System.getProperty("sun.jnu.encoding", "UTF-8"));

  private final Path root;
  private final Selection selection;
  private final HeaderPolicy headerPolicy;
  private final Reporter reporter;

  public SourceTree(Path root, Selection selection, HeaderPolicy headerPolicy, Reporter reporter) {
    this.root = root;
    this.selection = selection;
    this.headerPolicy = headerPolicy;
    this.reporter = reporter;
  }

  /** The real path of the source folder; fails when it is missing or not a folder. */
  public static Path checkedRoot(Path source) {
    if (!Files.isDirectory(source)) {
      throw TrainyardException.invalidInput(
          "--source '" + source + "' is not a folder",
          "pass the assets folder relative to the repository root, e.g. --source assets");
    }
    try {
      return source.toRealPath();
    } catch (IOException e) {
      throw TrainyardException.invalidInput("--source '" + source + "' cannot be read: " + e.getMessage(), null);
    }
  }

  /**
   * The selected files of the given folders (relative to the root; "" means the whole root), sorted
   * by path, not read yet: the sync hashes each one in the task that uploads it ({@link #hash}).
   */
  public List<SourceFile> files(List<String> folders) {
    Path realRoot = checkedRoot(root);
    List<SourceFile> candidates = new ArrayList<>();
    for (String folder : folders) {
      Path start = folder.isEmpty() ? realRoot : realRoot.resolve(folder).normalize();
      if (!start.startsWith(realRoot) || !Files.isDirectory(start)) {
        throw TrainyardException.invalidInput(
            "folder '" + folder + "' is not a folder inside the source '" + root + "'",
            "list folders relative to the source, e.g. folders: [product-icons, legal]");
      }
      walk(realRoot, start, candidates);
    }
    Map<String, SourceFile> byPath = new HashMap<>();
    for (SourceFile candidate : candidates) {
      SourceFile clash = byPath.putIfAbsent(candidate.relativePath(), candidate);
      if (clash != null && !clash.file().equals(candidate.file())) {
        throw TrainyardException.invalidInput(
            "files '" + clash.file() + "' and '" + candidate.file() + "' map to the same key '" + candidate.relativePath() + "'",
            "rename one of them; keys are Unicode NFC-normalised");
      }
    }
    List<SourceFile> unique = new ArrayList<>(byPath.values());
    unique.sort(Comparator.comparing(SourceFile::relativePath));
    return unique;
  }

  /** Reads and hashes one file; an unreadable file is bad input. */
  public LocalAsset hash(SourceFile file) {
    try {
      return new LocalAsset(file.relativePath(), file.file(), file.size(), md5Hex(file.file()),
          headerPolicy.headersFor(file.relativePath()));
    } catch (UncheckedIOException e) {
      throw TrainyardException.invalidInput("cannot read a source file: " + e.getCause().getMessage(), null);
    }
  }

  private void walk(Path realRoot, Path start, List<SourceFile> out) {
    try {
      Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (!dir.equals(start) && !insideRoot(realRoot, dir)) {
            reporter.warn("skipped " + realRoot.relativize(dir) + ": a link to a folder outside the source");
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (!attrs.isRegularFile()) {
            reporter.warn("skipped " + realRoot.relativize(file) + ": not a regular file (broken link?)");
            return FileVisitResult.CONTINUE;
          }
          if (!insideRoot(realRoot, file)) {
            reporter.warn("skipped " + realRoot.relativize(file) + ": a link to a file outside the source");
            return FileVisitResult.CONTINUE;
          }
          checkNameDecoded(file);
          String relativePath = normalisedPath(realRoot.relativize(file));
          if (relativePath != null && selection.selects(relativePath)) {
            out.add(new SourceFile(relativePath, file, attrs.size()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof FileSystemLoopException) {
            reporter.warn("skipped " + realRoot.relativize(file) + ": a link loop");
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot read the source folder: " + e.getMessage(), null);
    }
  }

  /**
   * The JVM decodes file names in the charset of the locale (Java 17 has no flag to change that), so
   * under {@code LC_ALL=C} a name with non-ASCII letters reads with {@code ?} marks in their place, and
   * bytes that are not UTF-8 read as U+FFFD under a UTF-8 locale. Such a name would be uploaded under a
   * wrong key; it no longer finds its file when turned back into a path, which is how it is caught.
   */
  private static void checkNameDecoded(Path file) {
    String name = file.getFileName().toString();
    boolean suspicious = name.indexOf('\uFFFD') >= 0 || (!NAMES_IN_UTF8 && name.indexOf('?') >= 0);
    if (suspicious && !sameFile(file)) {
      throw TrainyardException.invalidInput(
          "the file name '" + name + "' cannot be decoded in this JVM's file-name encoding ("
              + System.getProperty("sun.jnu.encoding") + "), so its key would be wrong",
          NAMES_IN_UTF8
              ? "rename the file: its name is not valid UTF-8"
              : "run trainyard in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (the launcher ./trainyard and the image do)");
    }
  }

  private static boolean sameFile(Path file) {
    try {
      return Files.exists(Path.of(file.toString()), LinkOption.NOFOLLOW_LINKS);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static boolean isUtf8(String charset) {
    try {
      return Charset.forName(charset).equals(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean insideRoot(Path realRoot, Path path) throws IOException {
    return path.toRealPath().startsWith(realRoot);
  }

  /**
   * The key-safe form of a relative path: forward slashes, Unicode NFC (macOS writes NFD names),
   * no {@code .}/{@code ..} segments. Returns null, with a warning, for names no key should carry.
   */
  String normalisedPath(Path relative) {
    List<String> segments = new ArrayList<>();
    for (Path part : relative) {
      String segment = Normalizer.normalize(part.toString(), Normalizer.Form.NFC);
      boolean unsafe = segment.isEmpty() || segment.equals(".") || segment.equals("..")
          || segment.indexOf('\\') >= 0 || segment.chars().anyMatch(Character::isISOControl);
      if (unsafe) {
        reporter.warn("skipped '" + relative + "': its name contains a backslash, a control character or a dot segment");
        return null;
      }
      segments.add(segment);
    }
    return String.join("/", segments);
  }

  static String md5Hex(Path file) {
    MessageDigest md5 = md5();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        md5.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has MD5", e);
    }
  }

  /** A selected file under its key-safe relative path, before it is read. */
  public record SourceFile(String relativePath, Path file, long size) {}
}
