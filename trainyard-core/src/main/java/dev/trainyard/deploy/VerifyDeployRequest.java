package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code verify-deploy} waits for.
 *
 * @param environment the environment's name
 * @param failure whether a service that cannot go live stops the wait for the ones after it
 * @param expectedVersion the tag that should be live, e.g. {@code v1.212.0}
 * @param expectedCommit the commit that should be live (full or abbreviated), or null
 * @param timeout how long to wait in all; zero looks once
 * @param interval the pause between looks at a service that is not live yet
 * @param targets the planned services in deploy order
 * @param authorization the {@code Authorization} value for the environment's endpoints, or null
 */
public record VerifyDeployRequest(
    String environment,
    FailurePolicy failure,
    String expectedVersion,
    String expectedCommit,
    Duration timeout,
    Duration interval,
    List<Target> targets,
    String authorization) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  static final Duration MAX_INTERVAL = Duration.ofHours(1);

  /**
   * A service to look at.
   *
   * @param name the service
   * @param wave its wave in the plan
   * @param versionUrl its version URL in the environment, or null when none is configured
   * @param heartbeatUrl its heartbeat URL, or null
   */
  public record Target(String name, int wave, URI versionUrl, URI heartbeatUrl) {
    public Target {
      Objects.requireNonNull(name, "name");
    }
  }

  public VerifyDeployRequest {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    targets = List.copyOf(targets);
  }

  /**
   * Flags over configuration over defaults.
   *
   * @param order the deploy-order request the plan was made from (its services carry the URLs)
   * @param plan the plan: which services, in which waves
   * @param tagCommit the commit {@code --version} names in the local clone, or null
   * @param env the process environment, for {@code authorization-env}
   */
  public static VerifyDeployRequest resolve(DeployOrderRequest order, DeployPlan plan, VerifyDeployFlags flags,
      String tagCommit, Map<String, String> env) {
    String version = flags.version() == null ? "" : flags.version().trim();
    if (version.isEmpty()) {
      throw TrainyardException.invalidInput("no version to verify",
          "pass --version TAG (in a workflow run by a tag push it defaults to the tag)");
    }
    String commit = flags.commit() != null && !flags.commit().isBlank() ? flags.commit().trim() : tagCommit;
    if (commit != null && !commit.matches("[0-9a-fA-F]{7,40}")) {
      throw TrainyardException.invalidInput("--commit: '" + commit + "' is not a commit hash (7 to 40 hex digits)", null);
    }
    Duration timeout = duration(flags.timeout(), "--timeout", DEFAULT_TIMEOUT);
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw TrainyardException.invalidInput("--timeout must be at most 24h, got " + flags.timeout(), "for example --timeout 15m");
    }
    Duration interval = duration(flags.interval(), "--interval", DEFAULT_INTERVAL);
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw TrainyardException.invalidInput("--interval must be between 1s and 1h, got " + flags.interval(),
          "for example --interval 10s");
    }
    DeployEnvironment environment = plan.environment();
    List<Target> targets = new ArrayList<>();
    for (PlannedService planned : plan.services()) {
      DeployService service = order.services().stream().filter(s -> s.name().equals(planned.name())).findFirst().orElseThrow();
      targets.add(new Target(planned.name(), planned.wave(), service.versionUrl(environment.name()).orElse(null),
          service.heartbeatUrl(environment.name()).orElse(null)));
    }
    if (!targets.isEmpty() && targets.stream().allMatch(t -> t.versionUrl() == null)) {
      throw TrainyardException.invalidInput("no planned service has a version-url for " + environment.name(),
          "add version-url: {" + environment.name() + ": https://.../__version__} to the services under deploy.services");
    }
    return new VerifyDeployRequest(environment.name(), environment.failure(), version, commit == null ? null : commit.toLowerCase(java.util.Locale.ROOT),
        timeout, interval, targets, authorization(environment, env));
  }

  /** The environment's {@code Authorization} value, read from the variable it names. */
  static String authorization(DeployEnvironment environment, Map<String, String> env) {
    String variable = environment.authorizationEnv();
    if (variable == null) {
      return null;
    }
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw TrainyardException.invalidInput("deploy.environments." + environment.name() + ".authorization-env names "
          + variable + ", which is not set", "set " + variable + " to the Authorization value for the version endpoints"
          + " (in a workflow: env: {" + variable + ": ${{ secrets.... }}})");
    }
    return value.trim();
  }

  private static final java.util.regex.Pattern HUMAN =
      java.util.regex.Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  /** {@code 15m}, {@code 10s}, {@code 1h30m}, {@code 90} (seconds) or ISO-8601 {@code PT15M}. */
  static Duration duration(String text, String flag, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    if (value.startsWith("pt")) {
      try {
        Duration parsed = Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
        if (!parsed.isNegative()) {
          return parsed;
        }
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
    }
    java.util.regex.Matcher m = HUMAN.matcher(value);
    if (!value.startsWith("pt") && m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)
        && value.length() <= 20) {
      return Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
          .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
          .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
    }
    throw TrainyardException.invalidInput(flag + " must be a duration like 10s, 15m or 1h30m, got '" + text + "'", null);
  }
}
