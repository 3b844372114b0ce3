package dev.trainyard.ci;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges one snapshot of a commit's checks under a {@link CiPolicy}. Pure: no I/O, no clock, so every
 * rule is testable on its own and the poller only decides when to look again.
 */
public final class CiEvaluator {

  /** The judged checks and what they add up to before any waiting policy is applied. */
  public record Evaluation(List<CiCheck> checks, List<String> failures, List<String> missingRequired) {
    public Evaluation {
      checks = List.copyOf(checks);
      failures = List.copyOf(failures);
      missingRequired = List.copyOf(missingRequired);
    }

    public boolean hasFailure() {
      return !failures.isEmpty();
    }

    /** Nothing takes part in the verdict: no checks at all, or all ignored or not required. */
    public boolean nothingCounted() {
      return checks.stream().noneMatch(c -> c.outcome().counts());
    }

    public boolean hasPending() {
      return checks.stream()
          .anyMatch(c -> c.outcome() == CheckOutcome.PENDING || c.outcome() == CheckOutcome.RERUN_REQUESTED);
    }

    /** Every counted check passed, every required pattern matched, and at least one check counted. */
    public boolean green() {
      return !hasFailure() && !hasPending() && missingRequired.isEmpty() && !nothingCounted();
    }

    public List<CiCheck> failedChecks() {
      return checks.stream().filter(c -> c.outcome() == CheckOutcome.FAILED).toList();
    }

    public List<CiCheck> pendingChecks() {
      return checks.stream()
          .filter(c -> c.outcome() == CheckOutcome.PENDING || c.outcome() == CheckOutcome.RERUN_REQUESTED)
          .toList();
    }
  }

  private CiEvaluator() {}

  /**
   * @param checkRuns every check run read for the commit (all pages, any attempt)
   * @param statuses every commit status read for the commit
   * @param callingJobCheckRunId the check run of the job running this command, or null
   * @param rerunRequested ids of failed check runs whose re-run this command requested
   */
  public static Evaluation evaluate(
      List<CiCheck> checkRuns,
      List<CiCheck> statuses,
      CiPolicy policy,
      Long callingJobCheckRunId,
      Set<Long> rerunRequested) {
    Objects.requireNonNull(policy, "policy");
    List<CiCheck> latest = new ArrayList<>(latestPerName(checkRuns, true));
    latest.addAll(latestPerName(statuses, false));
    latest.sort(Comparator.comparing(CiCheck::kind).thenComparing(CiCheck::name));

    List<CiCheck> judged = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (CiCheck check : latest) {
      CheckOutcome outcome = judge(check, policy, callingJobCheckRunId, rerunRequested);
      judged.add(check.withOutcome(outcome));
      if (outcome == CheckOutcome.FAILED) {
        failures.add(check.name() + " (" + check.stateLabel() + ")");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String pattern : policy.required()) {
      boolean seen =
          judged.stream()
              .anyMatch(c -> c.outcome().counts() && CiPolicy.matches(pattern, c.name()));
      if (!seen) {
        missing.add(pattern);
      }
    }
    for (RequiredCheck check : policy.branchRequired()) {
      // The calling job cannot wait for itself; it satisfies a rule that requires it.
      boolean seen = judged.stream().anyMatch(c -> (c.outcome().counts() || c.outcome() == CheckOutcome.CALLING_JOB)
          && check.isSatisfiedBy(c));
      if (!seen && !missing.contains(check.name())) {
        missing.add(check.name());
      }
    }
    return new Evaluation(judged, failures, missing);
  }

  private static CheckOutcome judge(
      CiCheck check, CiPolicy policy, Long callingJobCheckRunId, Set<Long> rerunRequested) {
    if (check.kind() == CheckKind.CHECK_RUN
        && callingJobCheckRunId != null
        && check.id() == callingJobCheckRunId) {
      return CheckOutcome.CALLING_JOB;
    }
    if (policy.isIgnored(check.name())) {
      return CheckOutcome.IGNORED;
    }
    if (!policy.isRequired(check.name())) {
      return CheckOutcome.NOT_REQUIRED;
    }
    if (!check.completed()) {
      return CheckOutcome.PENDING;
    }
    boolean passed =
        check.kind() == CheckKind.STATUS ? "success".equals(check.status()) : policy.passes(check.conclusion());
    if (passed) {
      return CheckOutcome.PASSED;
    }
    if (check.kind() == CheckKind.CHECK_RUN && rerunRequested.contains(check.id())) {
      return CheckOutcome.RERUN_REQUESTED;
    }
    return CheckOutcome.FAILED;
  }

  /**
   * The latest attempt per name. A re-run creates a new check run with the same name and a higher
   * id (even when {@code started_at} is still empty because it is queued), so the highest id wins;
   * for check runs the reporting app is part of the name, as two apps may use the same one.
   */
  static List<CiCheck> latestPerName(List<CiCheck> checks, boolean perApp) {
    Map<String, CiCheck> latest = new LinkedHashMap<>();
    for (CiCheck check : checks) {
      String key = (perApp ? check.appId() + "\u0000" : "") + check.name();
      latest.merge(key, check, (a, b) -> newer(b, a) ? b : a);
    }
    return List.copyOf(latest.values());
  }

  private static boolean newer(CiCheck candidate, CiCheck current) {
    if (candidate.id() != current.id()) {
      return candidate.id() > current.id();
    }
    if (candidate.startedAt() != null && current.startedAt() != null) {
      return candidate.startedAt().isAfter(current.startedAt());
    }
    return false;
  }
}
