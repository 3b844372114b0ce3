package dev.trainyard.deploy;

import java.time.Duration;
import java.util.List;

/**
 * The verdict of {@code verify-deploy}.
 *
 * @param environment the environment
 * @param expectedVersion the tag that should be live
 * @param expectedCommit the commit that should be live, or null
 * @param live every checked service runs the expected version and its heartbeat is not failing
 * @param timedOut the deadline passed before that
 * @param services every planned service, in deploy order
 * @param elapsed time from the first look to the verdict
 * @param requests HTTP requests sent (redirects and 304 answers included)
 */
public record VerifyDeployResult(String environment, String expectedVersion, String expectedCommit, boolean live,
    boolean timedOut, List<ServiceStatus> services, Duration elapsed, int requests) {
  public VerifyDeployResult {
    services = List.copyOf(services);
  }

  /** The checked services that are not live and healthy. */
  public List<ServiceStatus> notLive() {
    return services.stream().filter(s -> s.live() != null && !s.ok()).toList();
  }
}
