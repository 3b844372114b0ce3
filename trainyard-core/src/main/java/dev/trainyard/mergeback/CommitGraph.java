package dev.trainyard.mergeback;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevWalk;

/** Walks of the commit graph the analysis shares: what main reaches, and what a ref adds to it. */
final class CommitGraph {
  private CommitGraph() {}

  /** The ref's commits that main cannot reach (oldest first) and the main commits they grow from. */
  record Unique(List<RevCommit> commits, Set<RevCommit> boundary) {}

  static Unique uniqueCommits(RevWalk walk, RevCommit tip, RevFlag onMain) throws IOException {
    List<RevCommit> unique = new ArrayList<>();
    Set<RevCommit> boundary = new HashSet<>();
    Set<RevCommit> seen = new HashSet<>();
    Deque<RevCommit> todo = new ArrayDeque<>();
    todo.push(tip);
    while (!todo.isEmpty()) {
      RevCommit c = todo.pop();
      if (c.has(onMain)) {
        boundary.add(c);
        continue;
      }
      if (!seen.add(c)) {
        continue;
      }
      walk.parseBody(c);
      unique.add(c);
      for (RevCommit parent : c.getParents()) {
        todo.push(parent);
      }
    }
    unique.sort(Comparator.comparingInt(RevCommit::getCommitTime).thenComparing(RevCommit::name));
    return new Unique(unique, boundary);
  }

  static Set<RevCommit> ancestorsWithin(RevWalk walk, RevCommit from, Set<RevCommit> within)
      throws IOException {
    Set<RevCommit> seen = new HashSet<>();
    Deque<RevCommit> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      RevCommit c = todo.pop();
      if (!within.contains(c) || !seen.add(c)) {
        continue;
      }
      for (RevCommit parent : c.getParents()) {
        todo.push(walk.parseCommit(parent));
      }
    }
    return seen;
  }

  static void markReachable(RevWalk walk, RevCommit tip, RevFlag flag) throws IOException {
    Deque<RevCommit> todo = new ArrayDeque<>();
    todo.push(tip);
    while (!todo.isEmpty()) {
      RevCommit c = todo.pop();
      if (c.has(flag)) {
        continue;
      }
      walk.parseHeaders(c);
      c.add(flag);
      for (RevCommit parent : c.getParents()) {
        if (!parent.has(flag)) {
          todo.push(parent);
        }
      }
    }
  }
}
