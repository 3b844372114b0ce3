package dev.trainyard.bugs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Pull requests through the GitHub REST API ({@code GET /repos/o/r/pulls/N}, {@code /commits/SHA/pulls}). */
public final class GitHubPullRequestLookup implements PullRequestLookup {
  private final GitHubRest rest;
  private final RepositorySlug repository;

  public GitHubPullRequestLookup(GitHubRest rest, RepositorySlug repository) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  @Override
  public Optional<PullRequest> pullRequest(int number) {
    RestResponse response = rest.get(repository.apiPath() + "/pulls/" + number);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    JsonNode pr = response.json();
    return Optional.of(new PullRequest(pr.path("number").asInt(number), pr.path("title").asText(""),
        pr.path("html_url").asText(null), !pr.path("merged_at").isNull() && !pr.path("merged_at").isMissingNode(),
        pr.path("body").isNull() ? "" : pr.path("body").asText("")));
  }

  @Override
  public List<Integer> pullRequestsOf(String commitSha) {
    RestResponse response = rest.get(repository.apiPath() + "/commits/" + commitSha + "/pulls?per_page=10");
    if (response.statusCode() == 404 || response.statusCode() == 422) {
      return List.of();
    }
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    List<Integer> numbers = new ArrayList<>();
    for (JsonNode pr : response.json()) {
      if (!pr.path("merged_at").isNull() && !pr.path("merged_at").isMissingNode()) {
        numbers.add(pr.path("number").asInt());
      }
    }
    return numbers;
  }
}
