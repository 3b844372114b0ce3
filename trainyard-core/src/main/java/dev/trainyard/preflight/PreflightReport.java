package dev.trainyard.preflight;

import dev.trainyard.owner.Duty;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The readiness verdict. {@code ok} and {@code checks} (each {@code name}, {@code status},
 * {@code reason}) are the documented {@code --json} interface.
 *
 * @param ok no check failed
 * @param date the release day checked
 * @param branch the checked-out branch, or null when detached
 * @param head the full hash of HEAD, or null in a repository without commits
 * @param scheme train, date or semver
 * @param patch whether a patch (dot) release was checked
 * @param nextTag the tag {@code cut} would make, or null when it cannot tell
 * @param owner the release owner on {@code date}, or null without an {@code owners:} rotation
 */
public record PreflightReport(
    boolean ok,
    LocalDate date,
    String branch,
    String head,
    String scheme,
    boolean patch,
    String nextTag,
    Duty owner,
    List<CheckResult> checks) {

  public PreflightReport {
    Objects.requireNonNull(date, "date");
    checks = List.copyOf(checks);
  }

  public List<CheckResult> failed() {
    return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
  }

  public long count(CheckStatus status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  /** {@code 7 passed, 1 warning, 1 failed, 0 skipped}. */
  public String tally() {
    return count(CheckStatus.PASS) + " passed, " + count(CheckStatus.WARN) + " warning"
        + (count(CheckStatus.WARN) == 1 ? "" : "s") + ", " + count(CheckStatus.FAIL) + " failed, "
        + count(CheckStatus.SKIP) + " skipped";
  }
}
