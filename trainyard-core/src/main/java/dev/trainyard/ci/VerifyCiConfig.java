package dev.trainyard.ci;

import dev.trainyard.TrainyardException;
import java.time.Duration;
import java.util.List;

/**
 * The {@code verify-ci:} section of {@code .trainyard.yml}. Every key is optional; flags override.
 *
 * @param required check names or globs that must pass; empty means "every check that is not ignored"
 * @param ignore check names or globs that never count
 * @param passingConclusions check run conclusions that pass; default success, skipped, neutral
 * @param discoveryGrace how long "no checks at all" may last while waiting, e.g. {@code 2m}
 * @param maxWait how long (YAML {@code max-wait}; flag {@code --wait}) to wait for unfinished checks, e.g. {@code 30m}; default: do not wait
 * @param interval first pause between polls, e.g. {@code 30s}
 * @param rerunFailed how many times failed GitHub Actions runs may be re-run; default 0
 * @param requiredChecks {@code auto}: also require the checks the branch's rules (rulesets, branch
 *     protection) require, and wait for them; {@code none} (default): only {@code required}
 */
public record VerifyCiConfig(
    List<String> required,
    List<String> ignore,
    List<String> passingConclusions,
    String discoveryGrace,
    String maxWait,
    String interval,
    Integer rerunFailed,
    String requiredChecks) {

  public static final VerifyCiConfig DEFAULTS = new VerifyCiConfig(null, null, null, null, null, null, null, null);

  /**
   * This section with every unset key at the value verify-ci uses (what {@code trainyard config}
   * prints): nothing required or ignored, success/skipped/neutral pass, 2m discovery grace, no wait,
   * 30s interval, no re-runs, only the required checks named here.
   */
  public VerifyCiConfig withDefaults() {
    return new VerifyCiConfig(required, ignore,
        passingConclusions != null ? passingConclusions : List.of("success", "skipped", "neutral"),
        discoveryGrace != null ? discoveryGrace : CiPolicy.DEFAULT_DISCOVERY_GRACE.toMinutes() + "m",
        maxWait != null ? maxWait : "0s",
        interval != null ? interval : CiRequest.DEFAULT_INTERVAL.toSeconds() + "s",
        rerunFailed != null ? rerunFailed : 0,
        requiredChecks != null ? requiredChecks : "none");
  }

  public VerifyCiConfig {
    required = required == null ? List.of() : List.copyOf(required);
    ignore = ignore == null ? List.of() : List.copyOf(ignore);
    passingConclusions = passingConclusions == null ? null : List.copyOf(passingConclusions);
    if (passingConclusions != null) {
      passingConclusions.forEach(value -> CiPolicy.checkConclusion(value, "verify-ci.passing-conclusions"));
    }
    if (discoveryGrace != null) {
      DurationText.parse(discoveryGrace, "verify-ci.discovery-grace");
    }
    if (maxWait != null) {
      DurationText.parse(maxWait, "verify-ci.max-wait");
    }
    if (interval != null && DurationText.parse(interval, "verify-ci.interval").isZero()) {
      throw TrainyardException.invalidInput("verify-ci.interval must be more than zero", "e.g. 30s");
    }
    if (rerunFailed != null && rerunFailed < 0) {
      throw TrainyardException.invalidInput("verify-ci.rerun-failed must be 0 or more, got " + rerunFailed, null);
    }
    if (requiredChecks != null) {
      CiRequest.requiredChecksMode(requiredChecks, "verify-ci.required-checks");
    }
  }

  public Duration discoveryGraceOrDefault() {
    return discoveryGrace == null ? CiPolicy.DEFAULT_DISCOVERY_GRACE : DurationText.parse(discoveryGrace, "discovery-grace");
  }

  public Duration maxWaitOrDefault() {
    return maxWait == null ? Duration.ZERO : DurationText.parse(maxWait, "max-wait");
  }

  public Duration intervalOrDefault() {
    return interval == null ? CiRequest.DEFAULT_INTERVAL : DurationText.parse(interval, "interval");
  }

  public int rerunFailedOrDefault() {
    return rerunFailed == null ? 0 : rerunFailed;
  }
}
