package dev.trainyard.ci;

import dev.trainyard.TrainyardException;
import dev.trainyard.github.RepositorySlug;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to verify and how patiently.
 *
 * @param ref a tag, branch or commit SHA; resolved to one commit once, at the start
 * @param maxWait how long to poll for unfinished checks; zero means look once
 * @param interval the first pause between polls; it grows while nothing changes
 * @param rerunFailed how many times failed GitHub Actions runs may be re-run (0 = never)
 * @param callingJob the Actions job running this command, or null outside Actions
 * @param requiredFromBranch read the branch's required checks ({@code --required auto}) and wait for them
 * @param requiredBranch the branch whose rules apply when it is one (the ref, or the workflow's
 *     branch); a tag, a SHA or null means the repository's default branch
 */
public record CiRequest(
    RepositorySlug repository,
    String ref,
    Duration maxWait,
    Duration interval,
    int rerunFailed,
    CiPolicy policy,
    CallingJob callingJob,
    boolean requiredFromBranch,
    String requiredBranch) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  public CiRequest(RepositorySlug repository, String ref, Duration maxWait, Duration interval, int rerunFailed,
      CiPolicy policy, CallingJob callingJob) {
    this(repository, ref, maxWait, interval, rerunFailed, policy, callingJob, false, null);
  }

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

  /**
   * Flags over the {@code verify-ci:} configuration over defaults. Throws only
   * {@link TrainyardException}, naming the flag (configuration values were checked when loaded).
   *
   * @param repository the repository as {@link dev.trainyard.github.GitHubEndpoint#resolve} found it, or null
   * @param env the runner's variables: {@code GITHUB_SHA} and the calling job
   */
  public static CiRequest resolve(VerifyCiConfig config, CiFlags flags, RepositorySlug repository,
      Map<String, String> env) {
    VerifyCiConfig c = config == null ? VerifyCiConfig.DEFAULTS : config;
    if (repository == null) {
      throw TrainyardException.invalidInput(
          "no repository to verify", "pass --repo-slug OWNER/NAME, or run in GitHub Actions where GITHUB_REPOSITORY is set");
    }
    if (flags.passingConclusions() != null) {
      flags.passingConclusions().forEach(value -> CiPolicy.checkConclusion(value, "--passing-conclusions"));
    }
    List<String> ignored = new ArrayList<>(c.ignore());
    if (flags.ignored() != null) {
      ignored.addAll(flags.ignored());
    }
    CiPolicy policy = new CiPolicy(
        flags.required() != null ? flags.required() : c.required(),
        ignored,
        new LinkedHashSet<>(flags.passingConclusions() != null ? flags.passingConclusions()
            : c.passingConclusions() != null ? c.passingConclusions() : CiPolicy.DEFAULT_PASSING),
        flags.discoveryGrace() != null ? DurationText.parse(flags.discoveryGrace(), "--discovery-grace")
            : c.discoveryGraceOrDefault());
    boolean requiredFromBranch = flags.requiredChecks() != null
        ? requiredChecksMode(flags.requiredChecks(), "--required")
        : c.requiredChecks() != null && requiredChecksMode(c.requiredChecks(), "verify-ci.required-checks");
    return new CiRequest(
        repository,
        flags.ref() != null ? flags.ref() : env.get("GITHUB_SHA"),
        flags.maxWait() != null ? DurationText.parse(flags.maxWait(), "--wait") : c.maxWaitOrDefault(),
        flags.interval() != null ? DurationText.parse(flags.interval(), "--interval") : c.intervalOrDefault(),
        flags.rerunFailed() != null ? flags.rerunFailed() : c.rerunFailedOrDefault(),
        policy,
        CallingJob.fromEnvironment(env).orElse(null),
        requiredFromBranch,
        requiredFromBranch ? branchOf(flags.ref(), env) : null);
  }

  /**
   * {@code auto} (true) or {@code none} (false), else an error naming {@code source}.
   */
  static boolean requiredChecksMode(String value, String source) {
    String mode = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (mode.equals("auto")) {
      return true;
    }
    if (mode.equals("none") || mode.isEmpty()) {
      return false;
    }
    throw TrainyardException.invalidInput(source + " must be auto or none, got '" + value + "'",
        "auto reads the required checks of the branch's rulesets and branch protection");
  }

  /**
   * The branch whose rules apply: the given ref (checked against GitHub later: a tag or SHA falls
   * back to the default branch); in Actions without one, the pull request's base branch or the
   * pushed branch; null for a tag push.
   */
  private static String branchOf(String ref, Map<String, String> env) {
    if (ref != null) {
      return ref.strip();
    }
    String base = env.get("GITHUB_BASE_REF");
    if (base != null && !base.isBlank()) {
      return base.strip();
    }
    String name = env.get("GITHUB_REF_NAME");
    return "branch".equals(env.get("GITHUB_REF_TYPE")) && name != null && !name.isBlank() ? name.strip() : null;
  }

  public boolean waits() {
    return !maxWait.isZero();
  }
}
