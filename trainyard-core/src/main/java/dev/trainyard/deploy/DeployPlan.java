package dev.trainyard.deploy;

import java.util.List;
import java.util.Objects;

/**
 * The deployment plan of one environment.
 *
 * @param environment the environment's rules
 * @param changes the release range and its changed files, or null when it was not computed
 * @param all every service is planned, changed or not
 * @param services the planned services in deploy order
 * @param skipped the services left out because they did not change
 */
public record DeployPlan(
    DeployEnvironment environment,
    ChangeSet changes,
    boolean all,
    List<PlannedService> services,
    List<SkippedService> skipped) {

  public DeployPlan {
    Objects.requireNonNull(environment, "environment");
    services = List.copyOf(services);
    skipped = List.copyOf(skipped);
  }

  /** The service names in deploy order. */
  public List<String> order() {
    return services.stream().map(PlannedService::name).toList();
  }

  /** The names per wave, first wave first. */
  public List<List<String>> waves() {
    java.util.Map<Integer, List<String>> byWave = new java.util.TreeMap<>();
    for (PlannedService s : services) {
      byWave.computeIfAbsent(s.wave(), k -> new java.util.ArrayList<>()).add(s.name());
    }
    return byWave.values().stream().map(List::copyOf).toList();
  }

  /** A matrix job fails fast (cancels the rest) when a failure stops the rest. */
  public boolean failFast() {
    return environment.failure() == FailurePolicy.STOP;
  }

  /**
   * The {@code max-parallel} of a matrix over {@link #services()} in order. A matrix cannot wait for
   * a wave to finish, so with more than one wave only one job at a time keeps the order; with one
   * wave, the environment's limit (default: all of them).
   */
  public int matrixMaxParallel() {
    if (services.isEmpty()) {
      return 1;
    }
    if (waves().size() > 1) {
      return 1;
    }
    Integer limit = environment.maxParallel();
    return limit == null ? services.size() : Math.min(limit, services.size());
  }

  /**
   * A service left out of the plan.
   *
   * @param name the service
   * @param reason why, e.g. {@code no change under packages/sync-server/** since v1.3.1}
   */
  public record SkippedService(String name, String reason) {}
}
