package dev.trainyard.assets.file;

import dev.trainyard.TrainyardException;
import dev.trainyard.assets.LocalAsset;
import dev.trainyard.assets.ObjectHeaders;
import dev.trainyard.assets.ObjectStore;
import dev.trainyard.assets.RemoteObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A local folder as the target of {@code upload-assets} ({@code file://PATH}): for trying a sync
 * with no cloud account (the rehearsal's example does), for tests, and for mirroring the CDN's
 * content to a disk. Keys are paths below the folder. A folder keeps no HTTP headers, so header
 * rules have nothing to change here; content is compared by MD5 like in a bucket. Each file is
 * written to a temporary name beside it and moved into place, so a reader never sees half a file.
 */
public final class FolderObjectStore implements ObjectStore {
  private static final String TEMP_PREFIX = ".trainyard-upload-";

  private final Path root;

  private FolderObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The store for {@code folder}; it is created on the first upload if it does not exist. */
  public static FolderObjectStore open(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw TrainyardException.invalidInput("target file://" + folder + " is a file, not a folder",
          "name a folder (it is created when missing)");
    }
    return new FolderObjectStore(folder);
  }

  @Override
  public List<RemoteObject> list(String prefix) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<RemoteObject> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile() || file.getFileName().toString().startsWith(TEMP_PREFIX)) {
          continue;
        }
        String key = key(file);
        if (key.startsWith(prefix)) {
          objects.add(RemoteObject.listed(key, attributes.size(), null, attributes.lastModifiedTime().toInstant()));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw TrainyardException.invalidInput("cannot list the target folder " + root + ": " + message(e),
          "check that the folder is readable");
    }
    objects.sort((a, b) -> a.key().compareTo(b.key()));
    return objects;
  }

  /** The listed object with the MD5 of its content; a folder has no headers to report. */
  @Override
  public RemoteObject describe(RemoteObject listed) {
    return new RemoteObject(listed.key(), listed.size(), null, md5(path(listed.key())), null, null, null,
        listed.lastModified());
  }

  /** Headers are in the listing in the sense that matters: there are none, so no manifest is kept. */
  @Override
  public boolean headersInListing() {
    return true;
  }

  @Override
  public long upload(LocalAsset asset, String key, RemoteObject existing) {
    Path target = path(key);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".tmp");
      try {
        Files.copy(asset.file(), temp, StandardCopyOption.REPLACE_EXISTING);
        move(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
      return asset.size();
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot write " + target + ": " + message(e),
          "check that the target folder is writable");
    }
  }

  @Override
  public void replaceHeaders(RemoteObject existing, ObjectHeaders headers) {
    // A file on disk is served without stored headers: nothing to replace.
  }

  @Override
  public Map<String, String> delete(List<String> keys) {
    Map<String, String> failed = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        Path file = path(key);
        Files.deleteIfExists(file);
        for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
          try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isPresent()) {
              break;
            }
          }
          Files.delete(dir);
        }
      } catch (IOException | RuntimeException e) {
        failed.put(key, message(e));
      }
    }
    return failed;
  }

  @Override
  public String readText(String key) {
    try {
      return Files.readString(path(key), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot read " + path(key) + ": " + message(e), null);
    }
  }

  @Override
  public void writeText(String key, String text, String contentType, String cacheControl) {
    Path target = path(key);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        move(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot write " + target + ": " + message(e), null);
    }
  }

  @Override
  public void close() {}

  /** The file for a key; a key that would leave the folder is refused. */
  private Path path(String key) {
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw TrainyardException.invalidInput("key '" + key + "' is outside the target folder " + root, null);
    }
    return file;
  }

  private String key(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String md5(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[64 * 1024];
      for (int read; (read = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot read " + file + ": " + message(e), null);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has MD5", e);
    }
  }

  private static String message(Exception e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return text.replaceAll("\\s+", " ").strip();
  }
}
