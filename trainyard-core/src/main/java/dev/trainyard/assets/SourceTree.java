package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

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
      if (!insideRoot(realRoot, start)) {
        throw TrainyardException.invalidInput(
            "folder '" + folder + "' is a link to a folder outside the source '" + root + "'",
            "list folders that are inside the source");
      }
      walk(realRoot, start, candidates);
    }
    Map<String, SourceFile> byPath = new HashMap<>();
    for (SourceFile candidate : candidates) {
      SourceFile clash = byPath.putIfAbsent(candidate.relativePath(), candidate);
      if (clash != null && !clash.file().equals(candidate.file())) {
        // Named in sorted order, not the directory listing's, so the message is the same on every run.
        Path first = clash.file().compareTo(candidate.file()) < 0 ? clash.file() : candidate.file();
        Path second = first == clash.file() ? candidate.file() : clash.file();
        throw TrainyardException.invalidInput(
            "files '" + first + "' and '" + second + "' map to the same key '" + candidate.relativePath() + "'",
            "rename one of them; keys are Unicode NFC-normalised");
      }
    }
    List<SourceFile> unique = new ArrayList<>(byPath.values());
    unique.sort(Comparator.comparing(SourceFile::relativePath));
    return unique;
  }

  /** Reads and hashes one file (MD5 and {@link #fingerprint}, in one pass); an unreadable file is bad input. */
  public LocalAsset hash(SourceFile file) {
    Hashes hashes = new Hashes(true);
    read(file, hashes);
    return asset(file, hashes);
  }

  /**
   * Files up to this size are read whole when they are hashed for an upload, and the upload sends the
   * bytes in hand: read once instead of once to hash and again to send. An upload thread holds at most
   * one such file: 16 MiB with the default 16 threads, 256 MiB at --concurrency 256.
   */
  public static final long IN_MEMORY_LIMIT = 1 << 20;

  /** A small file's hashes and its whole content, read in one go. */
  public record HashedContent(LocalAsset asset, byte[] content) {}

  /**
   * Reads a file of at most {@link #IN_MEMORY_LIMIT} bytes whole and hashes it as {@link #hash}
   * does; an unreadable file is bad input.
   */
  public HashedContent hashInMemory(SourceFile file) {
    if (file.size() > IN_MEMORY_LIMIT) {
      throw new IllegalArgumentException(file.file() + " is larger than " + IN_MEMORY_LIMIT + " bytes");
    }
    byte[] content = new byte[(int) file.size()];
    try (InputStream in = Files.newInputStream(file.file())) {
      int read = in.readNBytes(content, 0, content.length);
      if (read < content.length) {
        throw changedWhileRead(file, read + " read");
      }
      if (in.read() != -1) {
        throw changedWhileRead(file, "more read");
      }
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot read a source file: " + e.getMessage(), null);
    }
    Hashes hashes = new Hashes(true);
    hashes.update(content, content.length);
    return new HashedContent(asset(file, hashes), content);
  }

  private LocalAsset asset(SourceFile file, Hashes hashes) {
    return new LocalAsset(file.relativePath(), file.file(), file.size(), HexFormat.of().formatHex(hashes.md5.digest()),
        headerPolicy.headersFor(file.relativePath()), hashes.fingerprint());
  }

  /**
   * Reads one file for its {@link #fingerprint} only. CRC-32C and CRC-32 run on the processor's CRC
   * instructions even in the JVM's quick compiler, some 100 times faster than MD5 there, so an
   * unchanged tree is read at memory speed instead of being hashed.
   */
  public String fingerprint(SourceFile file) {
    Hashes hashes = new Hashes(false);
    read(file, hashes);
    return hashes.fingerprint();
  }

  /** The headers the policy gives this file. */
  public ObjectHeaders headersFor(SourceFile file) {
    return headerPolicy.headersFor(file.relativePath());
  }

  /**
   * The file as a {@link LocalAsset} whose MD5 is known from a fingerprint match, with the headers
   * {@link #headersFor} gave it.
   */
  public LocalAsset known(SourceFile file, String md5Hex, String fingerprint, ObjectHeaders headers) {
    return new LocalAsset(file.relativePath(), file.file(), file.size(), md5Hex, headers, fingerprint);
  }

  private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[256 * 1024]);

  /** Reads the file once, feeding {@code hashes}. */
  private static void read(SourceFile file, Hashes hashes) {
    byte[] buffer = BUFFERS.get();
    long total = 0;
    try (InputStream in = Files.newInputStream(file.file())) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        hashes.update(buffer, n);
        total += n;
      }
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot read a source file: " + e.getMessage(), null);
    }
    if (total != file.size()) {
      throw changedWhileRead(file, total + " read");
    }
  }

  private static TrainyardException changedWhileRead(SourceFile file, String read) {
    return TrainyardException.invalidInput(
        "the source file " + file.file() + " changed while it was read (" + file.size() + " bytes when listed, " + read + ")",
        "run the upload after the build has finished writing the assets");
  }

  /**
   * The fingerprint, CRC-32C then CRC-32 of the content in 16 hex digits, and MD5 when asked for. Two
   * CRCs with different polynomials make 64 bits: with the size, an accidental match of changed
   * content is about one in 2^64.
   */
  private static final class Hashes {
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private final MessageDigest md5;

    Hashes(boolean withMd5) {
      md5 = withMd5 ? md5() : null;
    }

    void update(byte[] bytes, int length) {
      crc32c.update(bytes, 0, length);
      crc32.update(bytes, 0, length);
      if (md5 != null) {
        md5.update(bytes, 0, length);
      }
    }

    String fingerprint() {
      // Each CRC is 32 bits: eight hex digits apiece (String.format cost 5,000 files some 40 ms of CPU).
      HexFormat hex = HexFormat.of();
      return hex.toHexDigits((int) crc32c.getValue()) + hex.toHexDigits((int) crc32.getValue());
    }
  }

  private void walk(Path realRoot, Path start, List<SourceFile> out) {
    try {
      Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          // Only a link can lead outside: a real folder inside a folder inside the root is inside it,
          // so the (costly) real path is resolved for links alone.
          if (!dir.equals(start) && Files.isSymbolicLink(dir) && !insideRoot(realRoot, dir)) {
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
          if (Files.isSymbolicLink(file) && !insideRoot(realRoot, file)) {
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

  private static boolean insideRoot(Path realRoot, Path path) {
    try {
      return path.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The key-safe form of a relative path: forward slashes, Unicode NFC (macOS writes NFD names),
   * no {@code .}/{@code ..} segments. Returns null, with a warning, for names no key should carry.
   */
  String normalisedPath(Path relative) {
    List<String> segments = new ArrayList<>();
    for (Path part : relative) {
      String segment = nfc(part.toString());
      boolean unsafe = segment.isEmpty() || segment.equals(".") || segment.equals("..") || hasBackslashOrControl(segment);
      if (unsafe) {
        reporter.warn("skipped '" + relative + "': its name contains a backslash, a control character or a dot segment");
        return null;
      }
      segments.add(segment);
    }
    return String.join("/", segments);
  }

  /** NFC form of a name; a name of ASCII letters alone (nearly every asset) is in NFC already. */
  private static String nfc(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
      }
    }
    return name;
  }

  /** A plain loop: this runs once per file, on the walk, before the JIT has compiled much. */
  private static boolean hasBackslashOrControl(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '\\' || Character.isISOControl(c)) {
        return true;
      }
    }
    return false;
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
