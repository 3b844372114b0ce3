package dev.trainyard.ci;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.ci.CiEvaluator.Evaluation;
import dev.trainyard.ci.GitHubCheckClient.Snapshot;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.Sleeper;
import dev.trainyard.report.Reporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Answers "is CI green for this exact commit?", optionally waiting for it.
 *
 * <p>The ref is resolved to one SHA first, so a branch that moves while we wait cannot change the
 * answer. Each poll reads every check run and commit status (conditionally, see
 * {@link GitHubCheckClient}); a definite failure ends the wait at once unless a re-run of failed
 * GitHub Actions jobs is allowed; while nothing changes the pause between polls grows by half up to
 * four times {@code --interval} (at most 5 minutes), and it drops back as soon as something moves.
 */
public final class CiVerifier {
  private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);

  private final GitHubRest rest;
  private final Reporter reporter;
  private final Sleeper sleeper;
  private final Clock clock;

  public CiVerifier(GitHubRest rest, Reporter reporter, Sleeper sleeper, Clock clock) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A verifier that talks to {@code endpoint} with the default retry policy. Waiting for CI is real
   * waiting, so it runs on the wall clock whatever clock the caller has.
   */
  public static CiVerifier connect(GitHubEndpoint endpoint, Reporter reporter) {
    if (!endpoint.hasToken()) {
      reporter.warn("no GitHub token: anonymous calls are limited to 60 an hour and cannot see private repositories");
    }
    GitHubClients clients = GitHubClients.create(endpoint, RetryPolicy.defaults(), reporter);
    return new CiVerifier(clients.rest(), reporter, Sleeper.SYSTEM, Clock.systemUTC());
  }

  public CiResult verify(CiRequest request) {
    GitHubCheckClient client = new GitHubCheckClient(rest, reporter);
    Instant start = clock.instant();
    Instant deadline = start.plus(request.maxWait());
    String sha = client.resolveCommit(request.repository(), request.ref());
    reporter.info("verifying CI of " + request.repository() + " " + request.ref() + " at " + sha);
    RequiredChecks required = null;
    int ruleRequests = 0;
    CiPolicy policy = request.policy();
    if (request.requiredFromBranch()) {
      RequiredChecksReader reader = new RequiredChecksReader(rest, reporter);
      required = reader.read(request.repository(), request.requiredBranch());
      ruleRequests = reader.requests();
      List<RequiredCheck> waitedFor = new ArrayList<>();
      for (RequiredCheck check : required.checks()) {
        if (policy.isIgnored(check.name())) {
          reporter.warn("required check '" + check.name() + "' (" + check.source() + " of " + required.branch()
              + ") matches --ignore; not waiting for it");
        } else {
          waitedFor.add(check);
        }
      }
      policy = policy.withBranchRequired(waitedFor);
    }

    Duration baseInterval = request.interval();
    Duration maxInterval = maxOf(baseInterval, minOf(baseInterval.multipliedBy(4), MAX_POLL_INTERVAL));
    Duration interval = baseInterval;
    Set<Long> rerunRequested = new HashSet<>();
    List<RerunRequest> reruns = new ArrayList<>();
    int rerunRounds = 0;
    Long callingJob = null;
    boolean callingJobLookedUp = false;
    int polls = 0;

    while (true) {
      Snapshot snapshot = client.snapshot(request.repository(), sha);
      polls++;
      if (!callingJobLookedUp && request.callingJob() != null) {
        callingJob = client.callingJobCheckRunId(request.repository(), request.callingJob(), snapshot.checkRuns());
        callingJobLookedUp = true;
      }
      Evaluation evaluation =
          CiEvaluator.evaluate(snapshot.checkRuns(), snapshot.statuses(), policy, callingJob, rerunRequested);
      Instant now = clock.instant();
      Duration elapsed = Duration.between(start, now);
      Outcome outcome =
          new Outcome(request, sha, evaluation, reruns, client, elapsed, callingJob, polls, required,
              requiredNames(policy), ruleRequests);

      if (evaluation.green()) {
        return outcome.result(CiState.SUCCESS, List.of());
      }
      if (evaluation.hasFailure()) {
        List<String> reasons = new ArrayList<>();
        reasons.add("failed: " + String.join(", ", evaluation.failures()));
        if (rerunRounds < request.rerunFailed()) {
          List<RerunRequest> round = requestReruns(client, request, evaluation, rerunRequested, reasons);
          if (!round.isEmpty()) {
            rerunRounds++;
            reruns.addAll(round);
            if (!request.waits() || !now.isBefore(deadline)) {
              reasons.set(0, "re-run requested for: " + String.join(", ", evaluation.failures()));
              return outcome.result(CiState.PENDING, reasons);
            }
            interval = baseInterval;
            sleep(minOf(interval, Duration.between(now, deadline)));
            continue;
          }
        } else if (!reruns.isEmpty()) {
          reasons.add("still failing after " + reruns.size() + " re-run request" + (reruns.size() == 1 ? "" : "s"));
        }
        return outcome.result(CiState.FAILURE, reasons);
      }

      List<String> waitingFor = waitingReasons(evaluation, sha);
      if (!request.waits()) {
        return outcome.result(CiState.PENDING, waitingFor);
      }
      if (evaluation.nothingCounted() && elapsed.compareTo(policy.discoveryGrace()) >= 0) {
        return outcome.result(
            CiState.FAILURE,
            List.of(
                "no checks counted for " + sha.substring(0, 7) + " within the discovery grace of "
                    + human(policy.discoveryGrace()) + "; an empty set is not green"));
      }
      if (!now.isBefore(deadline)) {
        List<String> reasons = new ArrayList<>();
        reasons.add("still waiting after " + human(request.maxWait()));
        reasons.addAll(waitingFor);
        return outcome.result(CiState.TIMEOUT, reasons);
      }
      interval = snapshot.changed() ? baseInterval : minOf(maxInterval, scale(interval, 1.5));
      Duration pause = minOf(interval, Duration.between(now, deadline));
      reporter.info(
          "poll " + polls + ": " + String.join("; ", waitingFor) + "; next look in " + human(pause));
      sleep(pause);
    }
  }

  private List<RerunRequest> requestReruns(
      GitHubCheckClient client,
      CiRequest request,
      Evaluation evaluation,
      Set<Long> rerunRequested,
      List<String> reasons) {
    List<CiCheck> failed = evaluation.failedChecks();
    List<CiCheck> notRerunnable = failed.stream().filter(c -> c.workflowRunId() == null).toList();
    if (!notRerunnable.isEmpty()) {
      // Re-running Actions jobs cannot turn a failed status or third-party check green.
      reasons.add(
          "not re-run: " + String.join(", ", notRerunnable.stream().map(CiCheck::name).toList())
              + " " + (notRerunnable.size() == 1 ? "is" : "are") + " not a GitHub Actions job");
      return List.of();
    }
    Map<Long, List<CiCheck>> byRun = new LinkedHashMap<>();
    for (CiCheck check : failed) {
      byRun.computeIfAbsent(check.workflowRunId(), k -> new ArrayList<>()).add(check);
    }
    // Every failed run must be eligible before any is re-run: re-running some while another stays
    // red would spend Actions minutes on a verdict that is already "failure".
    Map<Long, Integer> attempts = new LinkedHashMap<>();
    for (long runId : byRun.keySet()) {
      int attempt = client.runAttempt(request.repository(), runId);
      if (attempt > request.rerunFailed()) {
        // Counting attempts on GitHub's side keeps a repeated trainyard invocation from re-running
        // the same run again and again.
        reasons.add("not re-run: workflow run " + runId + " is already at attempt " + attempt);
        return List.of();
      }
      attempts.put(runId, attempt);
    }
    List<RerunRequest> round = new ArrayList<>();
    for (Map.Entry<Long, List<CiCheck>> run : byRun.entrySet()) {
      long runId = run.getKey();
      List<String> names = run.getValue().stream().map(CiCheck::name).toList();
      String refusal = client.rerunFailedJobs(request.repository(), runId);
      if (refusal != null) {
        reasons.add("re-run of workflow run " + runId + " refused: " + refusal);
        continue;
      }
      int attempt = attempts.get(runId);
      reporter.warn(
          "re-running failed jobs of workflow run " + runId + " (attempt " + (attempt + 1) + "): "
              + String.join(", ", names));
      run.getValue().forEach(check -> rerunRequested.add(check.id()));
      round.add(new RerunRequest(runId, attempt, names, clock.instant()));
    }
    return round;
  }

  /** The branch's required checks that are waited for, then the --require patterns, each once. */
  private static List<String> requiredNames(CiPolicy policy) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    policy.branchRequired().forEach(check -> names.add(check.name()));
    names.addAll(policy.required());
    return List.copyOf(names);
  }

  private static List<String> waitingReasons(Evaluation evaluation, String sha) {
    List<String> reasons = new ArrayList<>();
    if (evaluation.nothingCounted() && evaluation.missingRequired().isEmpty()) {
      reasons.add("no checks reported for " + sha.substring(0, 7) + " yet; an empty set is not green");
    }
    List<String> pending = evaluation.pendingChecks().stream().map(c -> c.name() + " (" + c.status() + ")").toList();
    if (!pending.isEmpty()) {
      reasons.add(pending.size() + " pending: " + abbreviate(pending));
    }
    if (!evaluation.missingRequired().isEmpty()) {
      reasons.add("required but not reported: " + String.join(", ", evaluation.missingRequired()));
    }
    return reasons;
  }

  private static String abbreviate(List<String> names) {
    if (names.size() <= 5) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
  }

  private void sleep(Duration pause) {
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainyardException(FailureKind.REMOTE, "interrupted while waiting for CI");
    }
  }

  private record Outcome(
      CiRequest request,
      String sha,
      Evaluation evaluation,
      List<RerunRequest> reruns,
      GitHubCheckClient client,
      Duration elapsed,
      Long callingJob,
      int polls,
      RequiredChecks required,
      List<String> requiredNames,
      int ruleRequests) {
    CiResult result(CiState state, List<String> reasons) {
      return new CiResult(
          state,
          request.repository(),
          request.ref(),
          sha,
          evaluation.checks(),
          reasons,
          reruns,
          polls,
          client.requests() + ruleRequests,
          client.rateLimitedRequests() + ruleRequests,
          elapsed,
          callingJob,
          required,
          requiredNames);
    }
  }

  private static Duration scale(Duration duration, double factor) {
    return Duration.ofMillis((long) (duration.toMillis() * factor));
  }

  private static Duration minOf(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration maxOf(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds % 60 == 0 || seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
    }
    return seconds / 3600 + "h " + (seconds % 3600) / 60 + "m";
  }
}
