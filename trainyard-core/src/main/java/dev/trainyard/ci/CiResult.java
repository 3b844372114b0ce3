package dev.trainyard.ci;

import dev.trainyard.github.RepositorySlug;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The verdict and everything that led to it.
 *
 * @param sha the commit {@code ref} resolved to
 * @param checks every check seen at the last poll (latest attempt per name), counted or not
 * @param reasons why the state is not success (empty on success), one short sentence each
 * @param reruns re-runs of failed GitHub Actions jobs this command requested
 * @param polls how many times the checks were read
 * @param requests HTTP requests made, including retries and 304 answers
 * @param rateLimitedRequests requests that counted against the rate limit (all but 304 answers)
 * @param callingJobCheckRunId the check run identified as the calling job, or null
 * @param required the branch's required checks and where they were read ({@code --required auto}), or null
 * @param requiredNames what had to report and pass: the branch's required checks that were waited for,
 *     then the {@code --require} patterns
 */
public record CiResult(
    CiState state,
    RepositorySlug repository,
    String ref,
    String sha,
    List<CiCheck> checks,
    List<String> reasons,
    List<RerunRequest> reruns,
    int polls,
    int requests,
    int rateLimitedRequests,
    Duration elapsed,
    Long callingJobCheckRunId,
    RequiredChecks required,
    List<String> requiredNames) {

  public CiResult(CiState state, RepositorySlug repository, String ref, String sha, List<CiCheck> checks,
      List<String> reasons, List<RerunRequest> reruns, int polls, int requests, int rateLimitedRequests,
      Duration elapsed, Long callingJobCheckRunId) {
    this(state, repository, ref, sha, checks, reasons, reruns, polls, requests, rateLimitedRequests, elapsed,
        callingJobCheckRunId, null, List.of());
  }

  public CiResult {
    Objects.requireNonNull(state, "state");
    checks = List.copyOf(checks);
    reasons = List.copyOf(reasons);
    reruns = List.copyOf(reruns);
    requiredNames = List.copyOf(requiredNames);
  }

  public boolean success() {
    return state == CiState.SUCCESS;
  }

  public List<CiCheck> counted() {
    return checks.stream().filter(c -> c.outcome() != null && c.outcome().counts()).toList();
  }

  /** One line for logs: {@code CI for v1.2.0 (abc1234): failure - build failed (failure)}. */
  public String summaryLine() {
    String head = "CI for " + ref + " (" + shortSha() + "): " + state.wireName();
    long passed = checks.stream().filter(c -> c.outcome() == CheckOutcome.PASSED).count();
    String counts = " - " + passed + " of " + counted().size() + " counted checks passed";
    return head + counts + (reasons.isEmpty() ? "" : "; " + String.join("; ", reasons));
  }

  public String shortSha() {
    return sha == null ? "?" : sha.substring(0, Math.min(7, sha.length()));
  }
}
