package dev.trainyard.ci;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One check run or commit status as GitHub reported it, plus what it means under the policy.
 *
 * @param id the check run id (for GitHub Actions this is also the job id) or the status id
 * @param status check runs: {@code queued}, {@code in_progress}, {@code completed}, ...; statuses:
 *     their state ({@code pending}, {@code success}, {@code failure}, {@code error})
 * @param conclusion check runs: the conclusion once completed, else null; statuses: the state
 *     unless pending
 * @param url where a human looks: the check run's page or the status's target URL (may be null)
 * @param app the reporting GitHub App's slug ({@code github-actions}); null for statuses
 * @param appId the reporting app's id, 0 when unknown; part of the identity of a check run name
 * @param workflowRunId the GitHub Actions run that owns a check run, or null for anything else
 * @param outcome null until {@link CiEvaluator} has judged it
 */
public record CiCheck(
    String name,
    CheckKind kind,
    long id,
    String status,
    String conclusion,
    String url,
    Instant startedAt,
    Instant completedAt,
    String app,
    long appId,
    Long workflowRunId,
    CheckOutcome outcome) {

  public CiCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
  }

  public boolean completed() {
    return kind == CheckKind.CHECK_RUN ? "completed".equals(status) : !"pending".equals(status);
  }

  /** How long it ran, or null while it runs or when GitHub did not say. */
  public Duration duration() {
    if (startedAt == null || completedAt == null || completedAt.isBefore(startedAt)) {
      return null;
    }
    return Duration.between(startedAt, completedAt);
  }

  /** The conclusion for a finished check, else the status: the word a summary table shows. */
  public String stateLabel() {
    return conclusion != null ? conclusion : status;
  }

  public CiCheck withOutcome(CheckOutcome newOutcome) {
    return new CiCheck(
        name, kind, id, status, conclusion, url, startedAt, completedAt, app, appId, workflowRunId, newOutcome);
  }
}
