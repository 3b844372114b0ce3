package dev.trainyard.bugs;

import java.util.List;
import java.util.Optional;

/** Reads pull requests for their "Deploy notes" (GitHub in production, a fake in tests). */
public interface PullRequestLookup {

  /** The pull request, or empty when it does not exist. */
  Optional<PullRequest> pullRequest(int number);

  /** The pull requests a commit belongs to (for commits whose message names none). */
  List<Integer> pullRequestsOf(String commitSha);

  /**
   * @param merged true when merged (notes of closed, unmerged pull requests are not deployed)
   * @param body the description, possibly empty
   */
  record PullRequest(int number, String title, String url, boolean merged, String body) {}
}
