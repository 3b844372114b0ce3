package dev.trainyard.mergeback;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Merge bases, cheaply: when a ref's own commits grow from a single main commit, that commit is
 * the merge base (every path from the tip into main's history passes through it), which is the
 * usual shape of a release branch. Only other shapes pay for a merge-base walk, on one reused
 * walk so main's commits are parsed once.
 */
final class MergeBases implements AutoCloseable {
  private final RevWalk walk;
  private final RevCommit mainTip;
  private final Map<ObjectId, Integer> firstParentDepth = new java.util.HashMap<>();

  MergeBases(Repository repository, RevWalk parsed, RevCommit mainTip) throws IOException {
    this.walk = new RevWalk(repository);
    this.mainTip = mainTip;
    int depth = 0;
    for (RevCommit c = mainTip; c != null; c = c.getParentCount() == 0 ? null : c.getParent(0)) {
      parsed.parseHeaders(c);
      firstParentDepth.put(c.copy(), depth++);
    }
  }

  RevCommit of(CommitGraph.Unique unique, RevCommit tip) throws IOException {
    if (unique.boundary().size() == 1) {
      return unique.boundary().iterator().next();
    }
    if (unique.boundary().isEmpty()) {
      return null;
    }
    return between(tip, mainTip);
  }

  RevCommit between(ObjectId a, ObjectId b) throws IOException {
    walk.reset();
    walk.setRevFilter(RevFilter.MERGE_BASE);
    walk.markStart(walk.parseCommit(a));
    walk.markStart(walk.parseCommit(b));
    return walk.next();
  }

  /**
   * A commit below every pending ref's merge base, so one index of main serves them all: the
   * deepest of them when all lie on main's first-parent line (then it is an ancestor of the
   * others), else a pairwise merge-base fold. Null means all of main's history.
   */
  ObjectId common(List<Pending> pending) throws IOException {
    ObjectId deepest = null;
    int deepestDepth = -1;
    boolean onFirstParentLine = true;
    for (Pending p : pending) {
      if (p.mergeBase() == null) {
        return null;
      }
      Integer depth = firstParentDepth.get(p.mergeBase());
      if (depth == null) {
        onFirstParentLine = false;
        break;
      }
      if (depth > deepestDepth) {
        deepestDepth = depth;
        deepest = p.mergeBase();
      }
    }
    if (onFirstParentLine) {
      return deepest;
    }
    ObjectId base = null;
    for (Pending p : pending) {
      if (base == null) {
        base = p.mergeBase();
      } else if (!base.equals(p.mergeBase())) {
        base = between(base, p.mergeBase());
        if (base == null) {
          return null;
        }
      }
    }
    return base;
  }

  @Override
  public void close() {
    walk.close();
  }
}
