package dev.trainyard.preflight;

import java.util.Objects;

/**
 * One row of the preflight table.
 *
 * @param name the check's id, e.g. {@code clean-tree} (see {@link Check})
 * @param reason one line saying why, never empty
 */
public record CheckResult(String name, CheckStatus status, String reason) {
  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    reason = reason.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  static CheckResult of(Check check, CheckStatus status, String reason) {
    return new CheckResult(check.id(), status, reason);
  }
}
