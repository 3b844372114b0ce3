package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code verify-deploy} waits for.
 *
 * @param order which services, in which order (the plan {@code deploy-order} makes)
 * @param expectedVersion the tag that should be live, e.g. {@code v1.212.0}
 * @param expectedCommit the commit that should be live, or null for the tag's commit in the clone
 * @param timeout how long to wait in all; zero looks once
 * @param interval the pause between looks at a service that is not live yet
 * @param authorization the {@code Authorization} value for the environment's endpoints, or null
 */
public record VerifyDeployRequest(
    DeployOrderRequest order,
    String expectedVersion,
    String expectedCommit,
    Duration timeout,
    Duration interval,
    String authorization) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final Pattern HUMAN = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  public VerifyDeployRequest {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    if (timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw TrainyardException.invalidInput("--timeout must be between 0 and 24h, got " + DeployVerifier.human(timeout),
          "for example --timeout 15m");
    }
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw TrainyardException.invalidInput("--interval must be between 1s and 1h, got " + DeployVerifier.human(interval),
          "for example --interval 10s");
    }
  }

  /**
   * Flags over configuration over defaults.
   *
   * @param env the runner's variables: {@code GITHUB_REF_NAME}/{@code GITHUB_REF_TYPE} give the
   *     default version, {@code authorization-env} names one
   */
  public static VerifyDeployRequest resolve(DeployConfig config, DeployDefaults defaults, VerifyDeployFlags flags,
      Map<String, String> env) {
    String version = flags.version() == null ? "" : flags.version().trim();
    if (version.isEmpty() && "tag".equals(env.get("GITHUB_REF_TYPE")) && env.get("GITHUB_REF_NAME") != null) {
      version = env.get("GITHUB_REF_NAME").trim();
    }
    if (version.isEmpty()) {
      throw TrainyardException.invalidInput("no version to verify",
          "pass --version TAG (in a workflow run by a tag push it defaults to the pushed tag)");
    }
    String commit = flags.commit() == null || flags.commit().isBlank() ? null : flags.commit().trim();
    if (commit != null && !commit.matches("[0-9a-fA-F]{7,40}")) {
      throw TrainyardException.invalidInput("--commit: '" + commit + "' is not a commit hash (7 to 40 hex digits)", null);
    }
    Duration timeout = duration(flags.timeout(), "--timeout", DEFAULT_TIMEOUT);
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw TrainyardException.invalidInput("--timeout must be between 0 and 24h, got '" + flags.timeout() + "'",
          "for example --timeout 15m");
    }
    Duration interval = duration(flags.interval(), "--interval", DEFAULT_INTERVAL);
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw TrainyardException.invalidInput("--interval must be between 1s and 1h, got '" + flags.interval() + "'",
          "for example --interval 10s");
    }
    DeployOrderRequest order = DeployOrderRequest.resolve(config, defaults,
        new DeployOrderFlags(flags.environment(), flags.changedSince(), flags.all()));
    return new VerifyDeployRequest(order, version, commit == null ? null : commit.toLowerCase(Locale.ROOT), timeout,
        interval, VersionPoll.authorization(order.environment(), env));
  }

  /** {@code 15m}, {@code 10s}, {@code 1h30m}, {@code 90} (seconds) or ISO-8601 {@code PT15M}. */
  static Duration duration(String text, String flag, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    if (value.startsWith("pt")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw invalidDuration(flag, text);
      }
    }
    Matcher m = HUMAN.matcher(value);
    if (value.length() > 20 || !m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
      throw invalidDuration(flag, text);
    }
    try {
      return Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
          .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
          .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
    } catch (NumberFormatException | ArithmeticException e) {
      // More digits than a long holds, or more hours than a Duration does: far beyond any limit.
      throw invalidDuration(flag, text);
    }
  }

  private static TrainyardException invalidDuration(String flag, String text) {
    return TrainyardException.invalidInput(flag + " must be a duration like 10s, 15m or 1h30m, got '" + text + "'", null);
  }
}
