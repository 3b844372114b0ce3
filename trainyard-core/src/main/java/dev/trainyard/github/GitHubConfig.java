package dev.trainyard.github;

import dev.trainyard.TrainyardException;

/**
 * The {@code github:} section of {@code .trainyard.yml}: where the repository lives. Every value is
 * optional: {@link GitHubEndpoint#resolve} falls back to the GitHub Actions environment
 * ({@code GITHUB_SERVER_URL}, {@code GITHUB_API_URL}, {@code GITHUB_REPOSITORY}) and then to
 * github.com.
 *
 * @param serverUrl web address of the GitHub server, e.g. {@code https://github.example.com}
 * @param apiUrl REST API root, e.g. {@code https://github.example.com/api/v3}
 * @param repository {@code owner/name}
 */
public record GitHubConfig(String serverUrl, String apiUrl, String repository) {
  public static final GitHubConfig DEFAULTS = new GitHubConfig(null, null, null);

  /** This section with the server, API and repository trainyard uses: {@code endpoint}'s where unset. */
  public GitHubConfig withDefaults(GitHubEndpoint endpoint) {
    return new GitHubConfig(serverUrl != null ? serverUrl : endpoint.serverUrl(),
        apiUrl != null ? apiUrl : endpoint.apiUrl(),
        repository != null ? repository
            : endpoint.repository() == null ? null : endpoint.repository().owner() + "/" + endpoint.repository().name());
  }

  public GitHubConfig {
    if (repository != null && !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw TrainyardException.invalidInput(
          "github.repository must look like owner/name, got '" + repository + "'", "for example octo-org/octo-repo");
    }
  }
}
