package dev.trainyard.release;

import java.util.Objects;

/**
 * The pull request that merges a release branch back ({@code train-N -> main},
 * {@code release/X.Y -> the default branch}), as {@code cut --open-pr} found or opened it.
 *
 * @param number the pull request's number
 * @param url its web page
 * @param created true when this run opened it; false when an existing one was reused
 * @param head the release branch
 * @param base the branch it merges into
 * @param merged true when it was merged already (a re-run after the merge)
 */
public record MergeBackPullRequest(long number, String url, boolean created, String head, String base,
    boolean merged) {
  public MergeBackPullRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(base, "base");
  }
}
