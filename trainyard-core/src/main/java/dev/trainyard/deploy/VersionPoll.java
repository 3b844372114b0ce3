package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the poller waits for: the planned services of one environment with their URLs.
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
public record VersionPoll(
    String environment,
    FailurePolicy failure,
    String expectedVersion,
    String expectedCommit,
    Duration timeout,
    Duration interval,
    List<Target> targets,
    String authorization) {

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

  public VersionPoll {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    targets = List.copyOf(targets);
  }

  /**
   * The services of {@code plan} with their URLs in its environment.
   *
   * @param services every service of the configuration (they carry the URLs)
   * @param tagCommit the commit the tag names in the local clone, used when {@code expectedCommit} is null
   */
  static VersionPoll of(VerifyDeployRequest request, DeployPlan plan, String tagCommit) {
    DeployEnvironment environment = plan.environment();
    List<Target> targets = new ArrayList<>();
    for (PlannedService planned : plan.services()) {
      DeployService service = request.order().services().stream().filter(s -> s.name().equals(planned.name()))
          .findFirst().orElseThrow();
      targets.add(new Target(planned.name(), planned.wave(), service.versionUrl(environment.name()).orElse(null),
          service.heartbeatUrl(environment.name()).orElse(null)));
    }
    if (!targets.isEmpty() && targets.stream().allMatch(t -> t.versionUrl() == null)) {
      throw TrainyardException.invalidInput("no planned service has a version-url for " + environment.name(),
          "add version-url: {" + environment.name() + ": https://.../__version__} to the services under deploy.services");
    }
    String commit = request.expectedCommit() != null ? request.expectedCommit() : tagCommit;
    return new VersionPoll(environment.name(), environment.failure(), request.expectedVersion(), commit,
        request.timeout(), request.interval(), targets, request.authorization());
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
}
