package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;

/**
 * The {@code deploy-order} flags as given, null where not given. {@link DeployOrderRequest#resolve}
 * puts them over the {@code deploy:} configuration.
 *
 * @param environment {@code --env}
 * @param changedSince {@code --changed-since REF}; default: the previous release
 * @param all {@code --all}: every service, changed or not
 */
public record DeployOrderFlags(String environment, String changedSince, boolean all) {
  public DeployOrderFlags {
    if (all && changedSince != null && !changedSince.isBlank()) {
      throw TrainyardException.invalidInput("--all and --changed-since exclude each other",
          "pass --all for every service, or --changed-since REF for the services changed since REF");
    }
  }

  /** Every service of {@code environment}, in its order: what a deployment request lists. */
  public static DeployOrderFlags allServices(String environment) {
    return new DeployOrderFlags(environment, null, true);
  }
}
