package dev.trainyard.git;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The only way trainyard reads and writes files of a work tree (changelogs, version files): every
 * path resolves inside the work tree, with no symbolic link anywhere on it and a regular file (or
 * nothing yet) at its end. A committed symlink cannot make a release write, or show, a file outside
 * the repository; it is refused with one line naming it (REPOSITORY_STATE, exit 4).
 *
 * <p>The checks run when a release is planned and again right before each write, and the final
 * component is opened with {@link LinkOption#NOFOLLOW_LINKS}, so a link made in between is refused
 * too rather than followed.
 */
public final class WorkTreeFiles {
  /** The largest file trainyard reads to rewrite: far above any changelog or lock file. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  private WorkTreeFiles() {}

  /**
   * {@code relative} (with {@code /} separators) resolved in {@code workTree}, after checking it:
   * relative, no {@code ..}, no symbolic link on the way, not a folder or special file.
   */
  public static Path checked(Path workTree, String relative) {
    if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
        || List.of(relative.split("/")).contains("..")) {
      throw TrainyardException.invalidInput(
          "'" + relative + "' is not a path inside the repository", "use a path relative to the repository root, without '..'");
    }
    Path root = workTree.toAbsolutePath().normalize();
    Path current = root;
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty() || parts[i].equals(".")) {
        continue;
      }
      current = current.resolve(parts[i]);
      String shown = root.relativize(current).toString().replace('\\', '/');
      if (Files.isSymbolicLink(current)) {
        throw TrainyardException.repositoryState(
            shown + " is a symbolic link" + linkTarget(current) + "; trainyard reads and writes only files inside the"
                + " work tree, never through a link",
            "replace the link with the file it stands for (or leave the path out of .trainyard.yml), then run again");
      }
      boolean last = i == parts.length - 1;
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
      if (last ? !Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS) : !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        throw TrainyardException.repositoryState(
            shown + (last ? " is not a regular file" : " is not a folder") + " (" + kind(current) + ")",
            "trainyard writes " + relative + " as a file; move what is there out of the way, then run again");
      }
    }
    return current;
  }

  /** The file's UTF-8 text, or null when it does not exist; checked as {@link #checked} says. */
  public static String read(Path workTree, String relative) {
    Path file = checked(workTree, relative);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw failure("read", relative, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw TrainyardException.repositoryState(relative + " is larger than " + (MAX_BYTES >> 20) + " MiB; trainyard does not rewrite it",
          "check the file (a generated or binary file listed by mistake?)");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw TrainyardException.repositoryState(relative + " is not UTF-8 text; trainyard does not rewrite it",
          "save it as UTF-8, or leave it out of release.packages");
    }
  }

  /**
   * Writes {@code content} to {@code relative}, creating missing folders, after checking the path
   * again; never through a symbolic link.
   *
   * @return the folders and file this call created (deepest last), for a rollback to remove
   */
  public static List<Path> write(Path workTree, String relative, String content) {
    Path file = checked(workTree, relative);
    List<Path> created = new ArrayList<>();
    try {
      Path root = workTree.toAbsolutePath().normalize();
      List<Path> missing = new ArrayList<>();
      for (Path dir = file.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root)
          && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS); dir = dir.getParent()) {
        missing.add(0, dir);
      }
      for (Path dir : missing) {
        Files.createDirectory(dir);
        created.add(dir);
      }
      boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
      checked(workTree, relative);
      try (OutputStream out = Files.newOutputStream(file, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      if (!existed) {
        created.add(file);
      }
      return created;
    } catch (IOException e) {
      throw failure("write", relative, e);
    }
  }

  private static TrainyardException failure(String verb, String relative, IOException e) {
    String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied (a read-only or immutable file?)"
        : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new TrainyardException(FailureKind.REPOSITORY_STATE, "cannot " + verb + " " + relative + ": " + reason,
        "check the file ('ls -l', 'lsattr') and the disk, then run again", e);
  }

  private static String linkTarget(Path link) {
    try {
      return " (to " + Files.readSymbolicLink(link) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static String kind(Path path) {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return "a folder";
    }
    if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      return "a file";
    }
    return "a special file";
  }
}
