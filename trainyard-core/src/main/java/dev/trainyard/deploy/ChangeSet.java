package dev.trainyard.deploy;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files that changed in the release range.
 *
 * @param base the ref the range starts at (exclusive), e.g. {@code v1.211.0}; null when there is no
 *     previous release and every file of {@code head} counts as changed
 * @param baseCommit the commit {@code base} resolves to, or null
 * @param head the ref the range ends at, e.g. {@code v1.212.0} or {@code HEAD}
 * @param headCommit the commit {@code head} resolves to
 * @param files paths relative to the repository root that differ between the two, sorted
 */
public record ChangeSet(String base, String baseCommit, String head, String headCommit, Set<String> files) {
  public ChangeSet {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(headCommit, "headCommit");
    files = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(files));
  }

  /** The changed files {@code rule} selects. */
  List<String> matching(java.util.function.Predicate<String> rule) {
    return files.stream().filter(rule).toList();
  }
}
