package dev.trainyard.mergeback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks GitHub which pull requests a commit belongs to ({@code GET /repos/o/r/commits/SHA/pulls})
 * and accepts one that was merged with exactly that commit as its head.
 */
public final class GitHubPullRequests implements MergedPullRequests {
  private final GitHubRest rest;
  private final RepositorySlug repository;

  public GitHubPullRequests(GitHubRest rest, RepositorySlug repository) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  @Override
  public Optional<String> mergedWithHead(String commitSha) {
    RestResponse response = rest.get(repository.apiPath() + "/commits/" + commitSha + "/pulls?per_page=100");
    if (response.statusCode() == 404 || response.statusCode() == 422) {
      // A commit GitHub has never seen (local only) has no pull request: a plain "no".
      return Optional.empty();
    }
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    for (JsonNode pr : response.json()) {
      boolean merged = !pr.path("merged_at").isMissingNode() && !pr.path("merged_at").isNull();
      if (merged && commitSha.equals(pr.path("head").path("sha").asText())) {
        return Optional.of("pull request #" + pr.path("number").asLong());
      }
    }
    return Optional.empty();
  }
}
