package dev.trainyard.ci;

import dev.trainyard.TrainyardException;
import dev.trainyard.github.RepositorySlug;
import java.time.Duration;
import java.util.Objects;

/**
 * What to verify and how patiently.
 *
 * @param ref a tag, branch or commit SHA; resolved to one commit once, at the start
 * @param maxWait how long to poll for unfinished checks; zero means look once
 * @param interval the first pause between polls; it grows while nothing changes
 * @param rerunFailed how many times failed GitHub Actions runs may be re-run (0 = never)
 * @param callingJob the Actions job running this command, or null outside Actions
 */
public record CiRequest(
    RepositorySlug repository,
    String ref,
    Duration maxWait,
    Duration interval,
    int rerunFailed,
    CiPolicy policy,
    CallingJob callingJob) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  public CiRequest {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(policy, "policy");
    if (ref == null || ref.isBlank()) {
      throw TrainyardException.invalidInput(
          "no ref to verify", "pass --ref (a tag, branch or SHA), or run in GitHub Actions where GITHUB_SHA is set");
    }
    ref = ref.trim();
    maxWait = maxWait == null ? Duration.ZERO : maxWait;
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    if (maxWait.isNegative()) {
      throw TrainyardException.invalidInput("--wait must not be negative, got " + maxWait, null);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw TrainyardException.invalidInput("--interval must be positive, got " + interval, null);
    }
    if (rerunFailed < 0) {
      throw TrainyardException.invalidInput("--rerun-failed must be 0 or more, got " + rerunFailed, null);
    }
  }

  public boolean waits() {
    return !maxWait.isZero();
  }
}
