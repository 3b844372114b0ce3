package dev.trainyard.mergeback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The non-merge commits of main since a base, indexed so that a branch commit can be looked up by
 * patch id without diffing all of main: each main commit costs one tree diff (paths only) up front,
 * and a full patch id only when some branch change touches exactly the same paths. Built once per
 * run; every ref is matched against the same index.
 */
final class MainHistory {
  private final PatchIds ids;
  private final Map<ObjectId, List<MainChange>> byHeader = new HashMap<>();
  private final Map<String, List<MainChange>> byPath = new HashMap<>();
  private final int size;

  /** One commit of main, its paths known, its patch id computed on first need. */
  static final class MainChange {
    final RevCommit commit;
    final List<DiffEntry> entries;
    private ObjectId patchId;

    MainChange(RevCommit commit, List<DiffEntry> entries) {
      this.commit = commit;
      this.entries = entries;
    }

    ObjectId patchId(PatchIds ids) {
      if (patchId == null) {
        patchId = ids.patchId(entries);
      }
      return patchId;
    }
  }

  /** Indexes main's commits not reachable from {@code base} (all of main when base is null). */
  MainHistory(PatchIds ids, ObjectId mainTip, ObjectId base) {
    this.ids = ids;
    int count = 0;
    try (RevWalk walk = new RevWalk(ids.repository())) {
      walk.markStart(walk.parseCommit(mainTip));
      if (base != null) {
        walk.markUninteresting(walk.parseCommit(base));
      }
      for (RevCommit commit : walk) {
        if (commit.getParentCount() > 1) {
          continue;
        }
        if (commit.getParentCount() == 1) {
          walk.parseHeaders(commit.getParent(0));
        }
        List<DiffEntry> entries = ids.changes(commit);
        if (entries.isEmpty()) {
          continue;
        }
        MainChange change = new MainChange(commit, entries);
        byHeader.computeIfAbsent(PatchIds.headerKey(entries), k -> new ArrayList<>(1)).add(change);
        for (DiffEntry e : entries) {
          byPath.computeIfAbsent(PatchIds.path(e), k -> new ArrayList<>(2)).add(change);
        }
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.size = count;
  }

  int size() {
    return size;
  }

  boolean mayContain(ObjectId headerKey) {
    return byHeader.containsKey(headerKey);
  }

  /** Main commits whose change has this patch id; {@code headerKey} must belong to the same change. */
  List<RevCommit> withPatchId(ObjectId headerKey, ObjectId patchId) {
    List<MainChange> candidates = byHeader.get(headerKey);
    if (candidates == null || patchId == null) {
      return List.of();
    }
    List<RevCommit> found = new ArrayList<>(1);
    for (MainChange c : candidates) {
      if (patchId.equals(c.patchId(ids))) {
        found.add(c.commit);
      }
    }
    return found;
  }

  /** Main commits that change every one of {@code paths} (and maybe more). */
  List<MainChange> touchingAll(Collection<String> paths) {
    List<MainChange> narrowest = null;
    for (String path : paths) {
      List<MainChange> touching = byPath.getOrDefault(path, List.of());
      if (narrowest == null || touching.size() < narrowest.size()) {
        narrowest = touching;
      }
    }
    if (narrowest == null) {
      return List.of();
    }
    List<MainChange> result = new ArrayList<>();
    for (MainChange c : narrowest) {
      if (c.entries.stream().map(PatchIds::path).toList().containsAll(paths)) {
        result.add(c);
      }
    }
    return result;
  }
}
