package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code verify-deploy --compare A,B} reads: every service's version in two environments.
 *
 * @param from the environment that leads, usually {@code stage}
 * @param to the environment that may lag, usually {@code production}
 * @param targets every service with its URLs in both
 * @param fromAuthorization the {@code Authorization} value for {@code from}'s endpoints, or null
 * @param toAuthorization the same for {@code to}
 */
public record CompareRequest(String from, String to, List<Target> targets, String fromAuthorization,
    String toAuthorization) {

  /**
   * A service to compare.
   *
   * @param fromUrl its version URL in {@code from}, or null
   * @param toUrl its version URL in {@code to}, or null
   */
  public record Target(String name, URI fromUrl, URI toUrl) {}

  public CompareRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    targets = List.copyOf(targets);
  }

  /**
   * {@code --compare A,B} over every service of the configuration.
   *
   * @param env the runner's variables, for {@code authorization-env}
   */
  public static CompareRequest resolve(DeployConfig config, DeployDefaults defaults, VerifyDeployFlags flags,
      Map<String, String> env) {
    String compare = flags.compare();
    String[] parts = compare == null ? new String[0] : compare.split(",", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw TrainyardException.invalidInput("--compare takes two environments separated by a comma, got '" + compare + "'",
          "for example --compare stage,production");
    }
    DeployEnvironment from = DeployEnvironment.of(config, parts[0].trim(), "--compare");
    DeployEnvironment to = DeployEnvironment.of(config, parts[1].trim(), "--compare");
    if (from.name().equals(to.name())) {
      throw TrainyardException.invalidInput("--compare names " + from.name() + " twice", "for example --compare stage,production");
    }
    List<Target> targets = new ArrayList<>();
    List<DeployService> services = DeployService.resolve(config, defaults, null);
    for (DeployService service : services.stream().sorted(java.util.Comparator.comparing(DeployService::name)).toList()) {
      targets.add(new Target(service.name(), service.versionUrl(from.name()).orElse(null),
          service.versionUrl(to.name()).orElse(null)));
    }
    if (targets.stream().noneMatch(t -> t.fromUrl() != null && t.toUrl() != null)) {
      throw TrainyardException.invalidInput("no service has a version-url for both " + from.name() + " and " + to.name(),
          "add version-url: {" + from.name() + ": ..., " + to.name() + ": ...} to the services under deploy.services");
    }
    return new CompareRequest(from.name(), to.name(), targets, VersionPoll.authorization(from, env),
        VersionPoll.authorization(to, env));
  }
}
