package dev.trainyard.bugs;

import dev.trainyard.github.RepositorySlug;
import java.util.List;
import java.util.Objects;

/**
 * Deployment requests as GitHub issues.
 *
 * @param repository the repository whose issues hold the requests
 * @param labels labels of a new request; the first one also finds requests
 */
public record GitHubIssueSettings(RepositorySlug repository, List<String> labels) {
  public GitHubIssueSettings {
    Objects.requireNonNull(repository, "repository");
    labels = List.copyOf(labels);
  }
}
