package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import dev.trainyard.match.NearestName;
import java.util.List;
import java.util.Objects;

/**
 * One environment's rules, defaults applied.
 *
 * @param name e.g. {@code production}
 * @param policy how services are ordered
 * @param failure whether a failed service stops the ones after it
 * @param first production policy: name globs deployed first
 * @param last production policy: name globs deployed last
 * @param ranks custom policy: name globs per rank
 * @param maxParallel services of one wave deployed at once, or null for no limit
 * @param authorizationEnv the variable holding an Authorization value for its endpoints, or null
 */
public record DeployEnvironment(
    String name,
    OrderPolicy policy,
    FailurePolicy failure,
    List<String> first,
    List<String> last,
    List<List<String>> ranks,
    Integer maxParallel,
    String authorizationEnv) {

  public DeployEnvironment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(failure, "failure");
    first = List.copyOf(first);
    last = List.copyOf(last);
    ranks = ranks == null ? List.of() : List.copyOf(ranks);
  }

  /**
   * The environment called {@code name}: {@code production} and {@code stage} always exist, others
   * when configured.
   *
   * @param flag the flag that named it, for the error message
   */
  public static DeployEnvironment of(DeployConfig config, String name, String flag) {
    if (name == null || name.isBlank()) {
      throw TrainyardException.invalidInput("no environment given: pass " + flag,
          "one of: " + String.join(", ", config.environmentNames()));
    }
    String environment = name.trim();
    if (!config.environmentNames().contains(environment)) {
      throw TrainyardException.invalidInput(flag + ": unknown environment '" + environment + "'",
          NearestName.hint(environment, config.environmentNames()) + "; declare more under deploy.environments");
    }
    DeployConfig.EnvironmentConfig configured = config.environments().get(environment);
    boolean production = environment.equals("production");
    OrderPolicy policy = configured != null && configured.policy() != null ? configured.policy()
        : production ? OrderPolicy.PRODUCTION : OrderPolicy.STAGE;
    FailurePolicy failure = configured != null && configured.failure() != null ? configured.failure()
        : policy == OrderPolicy.PRODUCTION ? FailurePolicy.STOP : FailurePolicy.CONTINUE;
    Integer maxParallel = configured != null && configured.maxParallel() != null ? configured.maxParallel()
        : policy == OrderPolicy.PRODUCTION ? Integer.valueOf(1) : null;
    return new DeployEnvironment(environment, policy, failure, config.first(), config.last(),
        configured == null ? null : configured.ranks(), maxParallel,
        configured == null ? null : configured.authorizationEnv());
  }
}
