package dev.trainyard.mergeback;

import java.util.Optional;

/**
 * The optional last check, for when a token is available: a merged pull request whose head commit
 * is the ref's tip proves the ref was merged however much the squash differs from the branch.
 */
@FunctionalInterface
public interface MergedPullRequests {

  /** A short description such as {@code "pull request #42"}, or empty when none was merged. */
  Optional<String> mergedWithHead(String commitSha);
}
