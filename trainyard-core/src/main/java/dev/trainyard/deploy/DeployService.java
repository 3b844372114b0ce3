package dev.trainyard.deploy;

import dev.trainyard.deploy.dockerflow.EndpointUrls;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deployable service with its configuration resolved.
 *
 * @param name unique name
 * @param paths path globs whose changes mean the service changed
 * @param databaseUse true, false or auto
 * @param migrations path globs of its migrations
 * @param migrationsInsidePaths true when {@code migrations} are the section-wide defaults, which
 *     only count inside the service's own paths
 * @param after the services deployed before it
 * @param versionUrls per environment, the Dockerflow version URL
 * @param heartbeatUrls per environment, the heartbeat URL (beside the version URL unless configured)
 */
public record DeployService(
    String name,
    List<String> paths,
    DatabaseUse databaseUse,
    List<String> migrations,
    boolean migrationsInsidePaths,
    List<String> after,
    Map<String, URI> versionUrls,
    Map<String, URI> heartbeatUrls) {

  public DeployService {
    Objects.requireNonNull(name, "name");
    paths = List.copyOf(paths);
    Objects.requireNonNull(databaseUse, "databaseUse");
    migrations = List.copyOf(migrations);
    after = List.copyOf(after);
    versionUrls = java.util.Collections.unmodifiableMap(new TreeMap<>(versionUrls));
    heartbeatUrls = java.util.Collections.unmodifiableMap(new TreeMap<>(heartbeatUrls));
  }

  /** A service with no URLs and no migrations, as tests and the package defaults make them. */
  public static DeployService of(String name, List<String> paths, DatabaseUse databaseUse, List<String> after) {
    return new DeployService(name, paths, databaseUse, List.of(), false, after, Map.of(), Map.of());
  }

  public Optional<URI> versionUrl(String environment) {
    return Optional.ofNullable(versionUrls.get(environment));
  }

  public Optional<URI> heartbeatUrl(String environment) {
    return Optional.ofNullable(heartbeatUrls.get(environment));
  }

  PathRule pathRule() {
    return PathRule.of(paths);
  }

  /** Does a change to this file count as a change of the service? */
  boolean owns(String file, PathRule pathRule, PathRule migrationRule) {
    return pathRule.matches(file) || (!migrationsInsidePaths && migrationRule.matches(file));
  }

  /** Is this changed file one of the service's database migrations? */
  boolean isMigration(String file, PathRule pathRule, PathRule migrationRule) {
    return migrationRule.matches(file) && (!migrationsInsidePaths || pathRule.matches(file));
  }

  /**
   * The services of a configuration: {@code deploy.services} when present, else one per release
   * package, else one for the whole repository. A service made from a package touches the database
   * when a file under {@code deploy.migrations} inside the package changed ({@code auto}): with no
   * configuration at all, a package whose migrations changed still goes early in production.
   *
   * @param fallbackName the one service's name when there are no packages and no product name
   */
  public static List<DeployService> resolve(DeployConfig config, DeployDefaults defaults, String fallbackName) {
    if (config.services() != null) {
      return config.services().stream().map(s -> fromConfig(s, config)).toList();
    }
    if (!defaults.packages().isEmpty()) {
      java.util.Map<String, String> seen = new java.util.HashMap<>();
      for (DeployDefaults.PackageService p : defaults.packages()) {
        String other = seen.put(p.name(), p.path());
        if (other != null) {
          throw dev.trainyard.TrainyardException.invalidInput("release packages " + other + " and " + p.path()
              + " are both called '" + p.name() + "', so they cannot be told apart as services",
              "give one a name (release.packages[].name), or list the services under deploy.services");
        }
      }
      return defaults.packages().stream()
          .map(p -> new DeployService(p.name(), List.of(p.path().isEmpty() ? "**" : p.path() + "/**"), DatabaseUse.AUTO,
              config.migrations(), true, List.of(), Map.of(), Map.of()))
          .toList();
    }
    String name = defaults.product() != null ? defaults.product() : fallbackName != null ? fallbackName : "app";
    return List.of(new DeployService(name, List.of("**"), DatabaseUse.AUTO, config.migrations(), true, List.of(),
        Map.of(), Map.of()));
  }

  private static DeployService fromConfig(DeployConfig.ServiceConfig service, DeployConfig config) {
    Map<String, URI> versions = new TreeMap<>();
    Map<String, URI> heartbeats = new TreeMap<>();
    service.versionUrl().forEach((environment, url) -> {
      URI version = EndpointUrls.parse(url, "deploy.services." + service.name() + ".version-url." + environment);
      versions.put(environment, version);
      String heartbeat = service.heartbeatUrl().get(environment);
      heartbeats.put(environment, heartbeat != null
          ? EndpointUrls.parse(heartbeat, "deploy.services." + service.name() + ".heartbeat-url." + environment)
          : EndpointUrls.heartbeatBeside(version));
    });
    boolean ownMigrations = !service.migrations().isEmpty();
    return new DeployService(service.name(), service.paths(), service.databaseUse(),
        ownMigrations ? service.migrations() : config.migrations(), !ownMigrations, service.after(), versions, heartbeats);
  }
}
