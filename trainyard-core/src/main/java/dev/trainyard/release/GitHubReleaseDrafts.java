package dev.trainyard.release;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

/**
 * Drafts GitHub releases through github-api. Idempotent: when a release for the tag exists (draft
 * or published) it is returned untouched. Each call is retried a bounded number of times on 5xx,
 * 429 and connection failures, waiting as {@code Retry-After} / {@code x-ratelimit-reset} say.
 */
public final class GitHubReleaseDrafts implements ReleaseDrafts {
  /** Sleeps between attempts; tests pass one that records instead of waiting. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final int ATTEMPTS = 4;
  private static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final GitHub gitHub;
  private final String repository;
  private final Reporter reporter;
  private final Sleeper sleeper;

  public GitHubReleaseDrafts(GitHub gitHub, String repository, Reporter reporter, Sleeper sleeper) {
    this.gitHub = Objects.requireNonNull(gitHub, "gitHub");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * A client for {@code apiUrl} (GitHub Enterprise's {@code https://host/api/v3} works the same).
   * github-api's own rate-limit handlers are set to fail so that this class's bounded retry is the
   * only waiting there is.
   */
  public static GitHubReleaseDrafts connect(String apiUrl, String token, String repository, Reporter reporter) {
    if (token == null || token.isBlank()) {
      throw TrainyardException.invalidInput("--github-release needs a token: GITHUB_TOKEN is not set",
          "in a workflow pass 'env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}' with 'contents: write' permission");
    }
    if (repository == null || repository.isBlank()) {
      throw TrainyardException.invalidInput("--github-release needs the repository: GITHUB_REPOSITORY is not set",
          "set github.repository in .trainyard.yml or GITHUB_REPOSITORY=owner/name");
    }
    try {
      GitHub gitHub = new GitHubBuilder().withEndpoint(apiUrl).withOAuthToken(token)
          .withRateLimitHandler(GitHubRateLimitHandler.FAIL).withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
          .build();
      return new GitHubReleaseDrafts(gitHub, repository, reporter, duration -> Thread.sleep(duration.toMillis()));
    } catch (IOException e) {
      throw TrainyardException.remote("cannot set up the GitHub client for " + apiUrl + ": " + e.getMessage(), null, e);
    }
  }

  @Override
  public String draft(String tag, String name, String body, boolean prerelease) {
    GHRepository repo = withRetry("read repository " + repository, () -> gitHub.getRepository(repository));
    GHRelease existing = withRetry("list releases of " + repository, () -> {
      for (GHRelease release : repo.listReleases().withPageSize(100)) {
        if (tag.equals(release.getTagName())) {
          return release;
        }
      }
      return null;
    });
    if (existing != null) {
      reporter.info("a GitHub release for " + tag + " already exists; left as it is");
      return existing.getHtmlUrl().toString();
    }
    GHRelease created = withRetry("create release " + tag + " in " + repository, () -> repo.createRelease(tag)
        .name(name).body(body == null ? "" : body).draft(true).prerelease(prerelease).create());
    return created.getHtmlUrl().toString();
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T withRetry(String what, Call<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException e) {
        int status = e instanceof HttpException http ? http.getResponseCode() : -1;
        boolean retryable = status == -1 || status >= 500 || status == 429
            || (status == 403 && isRateLimited(e));
        if (!retryable || attempt >= ATTEMPTS) {
          throw failure(what, status, e, attempt);
        }
        Duration wait = waitFor(e, attempt);
        reporter.warn("GitHub API: " + what + " failed (" + (status == -1 ? e.getClass().getSimpleName() : "HTTP " + status)
            + "), retry " + attempt + " of " + (ATTEMPTS - 1) + " in " + wait.toSeconds() + " s");
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure(what, status, e, attempt);
        }
      }
    }
  }

  private static boolean isRateLimited(IOException e) {
    String remaining = header(e, "x-ratelimit-remaining");
    return "0".equals(remaining) || header(e, "retry-after") != null;
  }

  private static Duration waitFor(IOException e, int attempt) {
    String retryAfter = header(e, "retry-after");
    if (retryAfter != null && retryAfter.matches("\\d+")) {
      return min(Duration.ofSeconds(Long.parseLong(retryAfter)));
    }
    String reset = header(e, "x-ratelimit-reset");
    if ("0".equals(header(e, "x-ratelimit-remaining")) && reset != null && reset.matches("\\d+")) {
      long seconds = Long.parseLong(reset) - System.currentTimeMillis() / 1000;
      return min(Duration.ofSeconds(Math.max(1, seconds)));
    }
    return Duration.ofSeconds(1L << (attempt - 1));
  }

  private static Duration min(Duration wait) {
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  private static String header(IOException e, String name) {
    if (!(e instanceof org.kohsuke.github.GHIOException gh) || gh.getResponseHeaderFields() == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> entry : gh.getResponseHeaderFields().entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  private TrainyardException failure(String what, int status, IOException e, int attempts) {
    String detail = status == -1 ? e.getClass().getSimpleName() + ": " + e.getMessage() : "HTTP " + status;
    String hint = status == 401 || status == 403 ? "check that GITHUB_TOKEN is valid and has 'contents: write'"
        : status == 404 ? "check the repository name (" + repository + ") and the token's access to it" : null;
    return new TrainyardException(FailureKind.REMOTE,
        "GitHub API: " + what + " failed after " + attempts + " attempt(s): " + detail, hint, e);
  }
}
