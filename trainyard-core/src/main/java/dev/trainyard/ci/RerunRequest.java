package dev.trainyard.ci;

import java.time.Instant;
import java.util.List;

/**
 * A re-run of failed jobs that this command asked GitHub Actions for.
 *
 * @param attempt the run attempt that failed (the re-run becomes {@code attempt + 1})
 * @param checks names of the failed checks that triggered it
 */
public record RerunRequest(long workflowRunId, int attempt, List<String> checks, Instant requestedAt) {
  public RerunRequest {
    checks = List.copyOf(checks);
  }
}
