package dev.trainyard.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.util.Objects;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;

/**
 * The two ways core code talks to GitHub, both over one {@link RetryingHttpClient}:
 * {@link #gitHub()} (github-api, for the rich object model) and {@link #rest()} (JSON, for
 * endpoints github-api lacks and for conditional requests).
 *
 * <p>github-api's own rate-limit and abuse handlers would sleep on their own schedule and outside
 * our wait budget; they are set to fail, which never fires in practice because the retrying client
 * has already waited or given up before github-api sees the answer. That leaves exactly one retry
 * and timeout policy for every GitHub call.
 */
public final class GitHubClients {
  private final GitHubEndpoint endpoint;
  private final RetryingHttpClient http;
  private final GitHubRest rest;
  private GitHub gitHub;

  public GitHubClients(GitHubEndpoint endpoint, RetryingHttpClient http) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.http = Objects.requireNonNull(http, "http");
    this.rest = new GitHubRest(endpoint, http, new ObjectMapper());
  }

  /** Real HTTP, real sleeping, labelled "GitHub API" in messages. */
  public static GitHubClients create(GitHubEndpoint endpoint, RetryPolicy policy, Reporter reporter) {
    return new GitHubClients(endpoint, RetryingHttpClient.create("GitHub API", policy, reporter));
  }

  public GitHubEndpoint endpoint() {
    return endpoint;
  }

  public RetryingHttpClient http() {
    return http;
  }

  public GitHubRest rest() {
    return rest;
  }

  /** A github-api client for {@link #endpoint()}, built on first use. */
  public synchronized GitHub gitHub() {
    if (gitHub == null) {
      GitHubBuilder builder =
          new GitHubBuilder()
              .withEndpoint(endpoint.apiUrl())
              .withConnector(new RetryingGitHubConnector(http))
              .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
              .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL);
      if (endpoint.hasToken()) {
        builder = builder.withOAuthToken(endpoint.token());
      }
      try {
        gitHub = builder.build();
      } catch (IOException e) {
        throw new TrainyardException(
            FailureKind.REMOTE, "cannot set up the GitHub client for " + endpoint.apiUrl() + ": " + e.getMessage(), null, e);
      }
    }
    return gitHub;
  }
}
