package dev.trainyard.release;

import java.util.Optional;

/**
 * Opens the merge-back pull request of a release, or finds the one that exists. One real
 * implementation: {@link GitHubMergeBackPullRequests}.
 */
public interface MergeBackPullRequests {

  /**
   * The open pull request from {@code head} into {@code base}, reused (this release's section is
   * added to its body when missing); else a merged one that already carried this release; else a
   * new one. Empty when there is nothing to merge ({@code head} has no commits {@code base} lacks).
   *
   * @param base the branch to merge into, or null for the repository's default branch
   * @param tag the release, which marks its section of the body
   * @param notes the release's changelog section (Markdown)
   */
  Optional<MergeBackPullRequest> openOrReuse(String head, String base, String tag, String notes);
}
