package dev.trainyard.ci;

import dev.trainyard.github.RepositorySlug;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The GitHub Actions job this command runs in. Its own check run is in progress while it waits, so
 * it must never count, or {@code --wait} would wait for itself.
 *
 * <p>How it is found (see {@link GitHubCheckClient#callingJobCheckRunId}): the jobs of this run
 * attempt are listed and the one in progress on this runner ({@code RUNNER_NAME}) is ours; a job's
 * id is its check run id. When that list cannot be read (a token without {@code actions: read}),
 * the fallback is an unfinished check run of this workflow run named like {@code GITHUB_JOB}.
 *
 * @param repository the repository the workflow runs in ({@code GITHUB_REPOSITORY}); nothing is
 *     excluded when verifying another repository
 * @param runId {@code GITHUB_RUN_ID}
 * @param runAttempt {@code GITHUB_RUN_ATTEMPT}, 1 when unknown
 * @param jobName {@code GITHUB_JOB}: the job's key in the workflow file, or null
 * @param runnerName {@code RUNNER_NAME}, or null
 */
public record CallingJob(RepositorySlug repository, long runId, int runAttempt, String jobName, String runnerName) {
  public CallingJob {
    Objects.requireNonNull(repository, "repository");
    if (runAttempt < 1) {
      runAttempt = 1;
    }
  }

  /** The calling job from the runner's environment, or empty outside GitHub Actions. */
  public static Optional<CallingJob> fromEnvironment(Map<String, String> env) {
    String runId = env.get("GITHUB_RUN_ID");
    String repository = env.get("GITHUB_REPOSITORY");
    if (!"true".equals(env.get("GITHUB_ACTIONS")) || runId == null || repository == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new CallingJob(
              RepositorySlug.parse(repository, "GITHUB_REPOSITORY"),
              Long.parseLong(runId.trim()),
              parseAttempt(env.get("GITHUB_RUN_ATTEMPT")),
              blankToNull(env.get("GITHUB_JOB")),
              blankToNull(env.get("RUNNER_NAME"))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int parseAttempt(String value) {
    try {
      return value == null ? 1 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
