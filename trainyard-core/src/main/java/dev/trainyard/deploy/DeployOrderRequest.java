package dev.trainyard.deploy;

import dev.trainyard.version.NextVersionRequest;
import java.util.List;
import java.util.Objects;

/**
 * What to plan: the environment, the services, and which of them.
 *
 * @param environment the environment's rules
 * @param services every service of the configuration
 * @param all plan every service; false = only those changed since {@code changedSince}
 * @param changedSince the start of the range, or null for the previous release
 * @param releaseRules how the previous release is found (the release scheme's rules)
 */
public record DeployOrderRequest(
    DeployEnvironment environment,
    List<DeployService> services,
    boolean all,
    String changedSince,
    NextVersionRequest releaseRules) {

  public DeployOrderRequest {
    Objects.requireNonNull(environment, "environment");
    services = List.copyOf(services);
    Objects.requireNonNull(releaseRules, "releaseRules");
    changedSince = changedSince == null || changedSince.isBlank() ? null : changedSince.trim();
  }

  /** Flags over configuration over defaults; errors name the flag or key. */
  public static DeployOrderRequest resolve(DeployConfig config, DeployDefaults defaults, DeployOrderFlags flags) {
    DeployConfig c = config == null ? DeployConfig.DEFAULTS : config;
    DeployDefaults d = defaults == null ? DeployDefaults.none() : defaults;
    boolean all = flags.all();
    String since = flags.changedSince() == null || flags.changedSince().isBlank() ? null : flags.changedSince().trim();
    DeployEnvironment environment = DeployEnvironment.of(c, flags.environment(), "--env");
    return new DeployOrderRequest(environment, DeployService.resolve(c, d, null), all, since, d.releaseRules());
  }
}
