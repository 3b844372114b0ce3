package dev.trainyard.changelog;

import java.util.Objects;

/**
 * Builds web links into the repository on the configured GitHub server (github.com or GitHub
 * Enterprise).
 *
 * @param serverUrl e.g. {@code https://github.com}, no trailing slash
 * @param repository {@code owner/name}, or null when unknown (then no links are produced)
 */
public record RepositoryLinks(String serverUrl, String repository) {
  public RepositoryLinks {
    Objects.requireNonNull(serverUrl, "serverUrl");
    serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
  }

  public boolean known() {
    return repository != null && !repository.isBlank();
  }

  public String commit(String hash) {
    return known() ? serverUrl + "/" + repository + "/commit/" + hash : null;
  }

  public String pullRequest(int number) {
    return known() ? serverUrl + "/" + repository + "/pull/" + number : null;
  }

  public String issue(int number) {
    return known() ? serverUrl + "/" + repository + "/issues/" + number : null;
  }

  public String compare(String base, String head) {
    return known() ? serverUrl + "/" + repository + "/compare/" + base + "..." + head : null;
  }
}
