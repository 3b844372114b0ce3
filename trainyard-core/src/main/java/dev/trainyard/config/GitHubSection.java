package dev.trainyard.config;

/**
 * Where the repository lives. Every value is optional: the CLI falls back to the GitHub Actions
 * environment ({@code GITHUB_SERVER_URL}, {@code GITHUB_API_URL}, {@code GITHUB_REPOSITORY}) and
 * then to github.com.
 *
 * @param serverUrl web address of the GitHub server, e.g. {@code https://github.example.com}
 * @param apiUrl REST API root, e.g. {@code https://github.example.com/api/v3}
 * @param repository {@code owner/name}
 */
public record GitHubSection(String serverUrl, String apiUrl, String repository) {
  public static final GitHubSection DEFAULTS = new GitHubSection(null, null, null);

  public GitHubSection {
    if (repository != null && !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "repository must look like owner/name, got '" + repository + "'");
    }
  }
}
