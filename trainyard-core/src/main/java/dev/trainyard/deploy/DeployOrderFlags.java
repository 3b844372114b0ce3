package dev.trainyard.deploy;

/**
 * The raw flag values of {@code deploy-order} (null = not given).
 *
 * @param environment {@code --env}
 * @param changedSince {@code --changed-since REF}
 * @param all {@code --all}
 */
public record DeployOrderFlags(String environment, String changedSince, Boolean all) {
  /** Every service of {@code environment}, in its order: what a deployment request lists. */
  public static DeployOrderFlags allServices(String environment) {
    return new DeployOrderFlags(environment, null, true);
  }
}
