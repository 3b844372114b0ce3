package dev.trainyard.mergeback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Patch identities in the manner of {@code git patch-id --stable}: two changes have the same id
 * when they change the same files in the same way, whatever commit they sit on, their line numbers,
 * or their whitespace.
 *
 * <p>What is hashed, per file, mirrors git's {@code diff_get_patch_id}: the {@code diff--git a/P b/P}
 * line, the new/deleted/changed mode, the {@code ---}/{@code +++} lines, then every line of the
 * unified diff (3 lines of context, Myers algorithm as git's default) with all whitespace removed
 * and hunk headers skipped, so moving a change within a file keeps its id. Each file gets its own
 * SHA-1 and the per-file digests are added up as little-endian numbers, which makes the result
 * independent of file order ({@code --stable}). Binary files hash their blob ids. Renames are not
 * detected (git's patch-id does not either). The ids equal git's for ordinary text diffs; they can
 * differ where JGit's and xdiff's Myers implementations pick different alignments for the same
 * change, which matters little here because both sides of every comparison are computed by this
 * class.
 *
 * <p>Computing a full id reads and diffs blobs. {@link #headerKey} is the cheap pre-filter git uses
 * too: a hash of only the paths and modes a change touches; two changes can share a patch id only
 * if they share a header key, so full ids are computed only for header-key collisions.
 */
final class PatchIds implements AutoCloseable {
  private final Repository repository;
  private final ObjectReader reader;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final DiffFormatter formatter;

  PatchIds(Repository repository) {
    this.repository = repository;
    this.reader = repository.newObjectReader();
    this.formatter = new DiffFormatter(buffer);
    formatter.setReader(reader, repository.getConfig());
    formatter.setDiffAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.MYERS));
    formatter.setDiffComparator(RawTextComparator.DEFAULT);
    formatter.setContext(3);
    formatter.setDetectRenames(false);
  }

  Repository repository() {
    return repository;
  }

  /** The files a commit changes against its first parent (the empty tree for a root commit). */
  List<DiffEntry> changes(RevCommit commit) {
    RevTree parent = commit.getParentCount() == 0 ? null : commit.getParent(0).getTree();
    return changes(parent, commit.getTree());
  }

  /** The files that differ between two trees; {@code from} null means the empty tree. */
  List<DiffEntry> changes(RevTree from, RevTree to) {
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.setRecursive(true);
      walk.addTree(iterator(from));
      walk.addTree(iterator(to));
      walk.setFilter(TreeFilter.ANY_DIFF);
      List<DiffEntry> entries = new ArrayList<>(DiffEntry.scan(walk));
      entries.sort(Comparator.comparing(PatchIds::path));
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AbstractTreeIterator iterator(RevTree tree) throws IOException {
    if (tree == null) {
      return new EmptyTreeIterator();
    }
    CanonicalTreeParser parser = new CanonicalTreeParser();
    parser.reset(reader, tree);
    return parser;
  }

  static String path(DiffEntry entry) {
    return entry.getChangeType() == ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
  }

  /** Hash of the paths and modes only; equal patch ids imply equal header keys. */
  static ObjectId headerKey(List<DiffEntry> entries) {
    MessageDigest sha = sha1();
    for (DiffEntry e : entries) {
      update(sha, path(e));
      update(sha, "\0" + e.getChangeType().name().charAt(0) + e.getOldMode().getBits() + ":"
          + e.getNewMode().getBits() + "\n");
    }
    return ObjectId.fromRaw(sha.digest());
  }

  /** The header key the reverse of this change would have (what a revert commit shows). */
  static ObjectId inverseHeaderKey(List<DiffEntry> entries) {
    MessageDigest sha = sha1();
    for (DiffEntry e : entries) {
      char type = switch (e.getChangeType()) {
        case ADD -> 'D';
        case DELETE -> 'A';
        default -> e.getChangeType().name().charAt(0);
      };
      update(sha, path(e));
      update(sha, "\0" + type + e.getNewMode().getBits() + ":" + e.getOldMode().getBits() + "\n");
    }
    return ObjectId.fromRaw(sha.digest());
  }

  /** The stable patch id of a change given as its file entries; null for a change with no files. */
  ObjectId patchId(List<DiffEntry> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    byte[] sum = new byte[20];
    for (DiffEntry entry : entries) {
      byte[] one = filePatchId(entry);
      int carry = 0;
      for (int i = 0; i < sum.length; i++) {
        carry += (sum[i] & 0xff) + (one[i] & 0xff);
        sum[i] = (byte) carry;
        carry >>>= 8;
      }
    }
    return ObjectId.fromRaw(sum);
  }

  private byte[] filePatchId(DiffEntry entry) {
    MessageDigest sha = sha1();
    String path = removeSpace(path(entry));
    update(sha, "diff--git");
    update(sha, "a/" + path);
    update(sha, "b/" + path);
    FileMode oldMode = entry.getOldMode();
    FileMode newMode = entry.getNewMode();
    boolean added = entry.getChangeType() == ChangeType.ADD;
    boolean deleted = entry.getChangeType() == ChangeType.DELETE;
    if (added) {
      update(sha, "newfilemode" + octal(newMode));
    } else if (deleted) {
      update(sha, "deletedfilemode" + octal(oldMode));
    } else if (!oldMode.equals(newMode)) {
      update(sha, "oldmode" + octal(oldMode));
      update(sha, "newmode" + octal(newMode));
    }
    if (oldMode == FileMode.GITLINK || newMode == FileMode.GITLINK) {
      // Submodule pointers have no text; the commit ids are the change.
      update(sha, entry.getOldId().name() + entry.getNewId().name());
      return sha.digest();
    }
    byte[] diff = formatted(entry);
    if (isBinary(diff)) {
      update(sha, entry.getOldId().name() + entry.getNewId().name());
      return sha.digest();
    }
    update(sha, added ? "---/dev/null" : "---a/" + path);
    update(sha, deleted ? "+++/dev/null" : "+++b/" + path);
    boolean inHunks = false;
    int start = 0;
    for (int i = 0; i <= diff.length; i++) {
      if (i == diff.length || diff[i] == '\n') {
        if (i > start) {
          byte first = diff[start];
          if (first == '@' && i - start > 1 && diff[start + 1] == '@') {
            inHunks = true;
          } else if (inHunks && first != '\\') {
            hashWithoutSpace(sha, diff, start, i);
          }
        }
        start = i + 1;
      }
    }
    return sha.digest();
  }

  private byte[] formatted(DiffEntry entry) {
    buffer.reset();
    try {
      formatter.format(entry);
      formatter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private static boolean isBinary(byte[] diff) {
    // DiffFormatter announces binary (and over-threshold) content instead of hunks.
    String head = new String(diff, 0, Math.min(diff.length, 4096), StandardCharsets.UTF_8);
    return !head.contains("\n@@") && head.contains("Binary files differ");
  }

  private static void hashWithoutSpace(MessageDigest sha, byte[] line, int from, int to) {
    byte[] kept = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x0b && b != '\f') {
        kept[n++] = b;
      }
    }
    sha.update(kept, 0, n);
  }

  private static String removeSpace(String s) {
    return s.replaceAll("[ \\t\\r\\n\\u000b\\f]", "");
  }

  private static String octal(FileMode mode) {
    return Integer.toOctalString(mode.getBits());
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    formatter.close();
    reader.close();
  }
}
