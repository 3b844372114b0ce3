package dev.trainyard.release;

import java.util.Objects;

/**
 * What {@code publish-release} did.
 *
 * @param tag the release's tag
 * @param name the release's name on GitHub (may differ from the tag), or null when it has none
 * @param url the release's web page
 * @param releaseId GitHub's id of the release
 * @param alreadyPublished true when it was published before this run; nothing was changed
 * @param pullRequest the merged release pull request that allowed publishing, or null when the
 *     release was published already (not looked up)
 */
public record PublishResult(String tag, String name, String url, long releaseId, boolean alreadyPublished,
    ReleasePullRequest pullRequest) {
  public PublishResult {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(url, "url");
  }

  /**
   * A release pull request as GitHub reported it.
   *
   * @param state {@code open} or {@code closed}
   * @param merged true once merged
   */
  public record ReleasePullRequest(long number, String url, String state, boolean merged, String head, String base) {}
}
