package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import dev.trainyard.deploy.dockerflow.EndpointUrls;
import dev.trainyard.match.Glob;
import dev.trainyard.match.NearestName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code deploy:} section of {@code .trainyard.yml}: the deployable services and how each
 * environment orders them. Every key is optional; without {@code services} the services are the
 * release's packages (see {@link DeployDefaults}).
 *
 * @param services the deployable services; absent = one per release package
 * @param environments per-environment ordering, failure policy and parallelism, merged over the
 *     defaults {@code production} (policy production, failure stop, max-parallel 1) and
 *     {@code stage} (policy stage, failure continue)
 * @param first name globs deployed first by the production policy (default {@code *auth*}: the
 *     accounts rule, "auth-server first because it breaks the most")
 * @param last name globs deployed last by the production policy (default {@code *content*})
 * @param migrations path globs of database migrations for services with
 *     {@code touches-database: auto} that name none of their own; matched inside the service's
 *     paths (default {@code **}{@code /migrations/**} and {@code *.sql})
 */
public record DeployConfig(
    List<ServiceConfig> services,
    Map<String, EnvironmentConfig> environments,
    List<String> first,
    List<String> last,
    List<String> migrations) {

  public static final List<String> DEFAULT_FIRST = List.of("*auth*");
  public static final List<String> DEFAULT_LAST = List.of("*content*");
  public static final List<String> DEFAULT_MIGRATIONS = List.of("**/migrations/**", "*.sql");
  public static final DeployConfig DEFAULTS = new DeployConfig(null, null, null, null, null);

  public DeployConfig {
    services = services == null ? null : List.copyOf(services);
    environments = environments == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environments));
    first = first == null ? DEFAULT_FIRST : List.copyOf(first);
    last = last == null ? DEFAULT_LAST : List.copyOf(last);
    migrations = migrations == null ? DEFAULT_MIGRATIONS : List.copyOf(migrations);
    checkGlobs(first, "deploy.first");
    checkGlobs(last, "deploy.last");
    checkGlobs(migrations, "deploy.migrations");
    for (String name : environments.keySet()) {
      checkName(name, "deploy.environments");
      if (environments.get(name) == null) {
        throw TrainyardException.invalidInput("deploy.environments." + name + " is empty", "write at least policy: or failure:, or remove it");
      }
    }
    if (services != null) {
      Set<String> environmentNames = environmentNames(environments);
      Map<String, List<String>> after = new LinkedHashMap<>();
      for (ServiceConfig service : services) {
        if (service == null) {
          throw TrainyardException.invalidInput("deploy.services has an empty entry", "every entry needs at least a name");
        }
        if (after.put(service.name(), service.after()) != null) {
          throw TrainyardException.invalidInput("deploy.services: service '" + service.name() + "' is listed twice",
              "merge the two entries into one");
        }
        for (String environment : union(service.versionUrl().keySet(), service.heartbeatUrl().keySet())) {
          if (!environmentNames.contains(environment)) {
            throw TrainyardException.invalidInput(
                "deploy.services: service '" + service.name() + "' has a URL for environment '" + environment
                    + "', which is not an environment", NearestName.hint(environment, environmentNames)
                    + "; declare more under deploy.environments");
          }
        }
        for (String environment : service.heartbeatUrl().keySet()) {
          if (!service.versionUrl().containsKey(environment)) {
            throw TrainyardException.invalidInput("deploy.services: service '" + service.name()
                + "' has a heartbeat-url but no version-url for " + environment, "add its version-url too");
          }
        }
      }
      ServiceGraph.check(after);
    }
  }

  /** The environments' names: the defaults and the configured ones. */
  static Set<String> environmentNames(Map<String, EnvironmentConfig> configured) {
    Set<String> names = new LinkedHashSet<>(List.of("production", "stage"));
    names.addAll(configured.keySet());
    return names;
  }

  public Set<String> environmentNames() {
    return environmentNames(environments);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  static void checkGlobs(List<String> globs, String where) {
    for (String glob : globs) {
      if (glob == null) {
        throw TrainyardException.invalidInput(where + " has an empty pattern", null);
      }
      try {
        Glob.path(glob);
      } catch (TrainyardException e) {
        throw TrainyardException.invalidInput(where + ": " + e.getMessage(), e.hint());
      }
    }
  }

  static void checkName(String name, String where) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw TrainyardException.invalidInput(
          where + ": '" + name + "' is not a valid name",
          "use letters, digits, '.', '_' and '-', starting with a letter or digit (it becomes a job and output value)");
    }
  }

  /**
   * One deployable service.
   *
   * @param name unique name, e.g. {@code auth-server}; the production rules match it
   * @param paths path globs from the repository root whose changes mean the service changed
   *     ({@code packages/auth-server/**}); a path without wildcards means that folder or file
   * @param touchesDatabase true, false (default) or auto; auto when only {@code migrations} is set
   * @param migrations path globs of the service's database migrations (with auto: a change to one
   *     means it touches the database; any change to one also counts as a change of the service)
   * @param after services that must be deployed before this one; a hard edge no rank breaks
   * @param versionUrl per environment, the Dockerflow {@code /__version__} URL
   * @param heartbeatUrl per environment, when the heartbeat is not {@code __heartbeat__} beside the version URL
   */
  public record ServiceConfig(
      String name,
      List<String> paths,
      DatabaseUse touchesDatabase,
      List<String> migrations,
      List<String> after,
      Map<String, String> versionUrl,
      Map<String, String> heartbeatUrl) {

    public ServiceConfig {
      checkName(name, "deploy.services[].name");
      paths = paths == null ? List.of() : List.copyOf(paths);
      migrations = migrations == null ? List.of() : List.copyOf(migrations);
      checkGlobs(paths, "deploy.services." + name + ".paths");
      checkGlobs(migrations, "deploy.services." + name + ".migrations");
      List<String> dependencies = new ArrayList<>();
      for (String dependency : after == null ? List.<String>of() : after) {
        if (dependency == null || dependency.isBlank()) {
          throw TrainyardException.invalidInput("deploy.services." + name + ".after has an empty name", null);
        }
        if (!dependencies.contains(dependency.trim())) {
          dependencies.add(dependency.trim());
        }
      }
      after = List.copyOf(dependencies);
      versionUrl = urls(versionUrl, "deploy.services." + name + ".version-url");
      heartbeatUrl = urls(heartbeatUrl, "deploy.services." + name + ".heartbeat-url");
    }

    /** The database setting with its default: auto when migrations are named, else false. */
    public DatabaseUse databaseUse() {
      return touchesDatabase != null ? touchesDatabase : migrations.isEmpty() ? DatabaseUse.FALSE : DatabaseUse.AUTO;
    }

    private static Map<String, String> urls(Map<String, String> urls, String where) {
      if (urls == null) {
        return Map.of();
      }
      Map<String, String> sorted = new TreeMap<>();
      for (Map.Entry<String, String> entry : urls.entrySet()) {
        EndpointUrls.parse(entry.getValue(), where + "." + entry.getKey());
        sorted.put(entry.getKey(), entry.getValue().trim());
      }
      return java.util.Collections.unmodifiableMap(sorted);
    }
  }

  /**
   * How one environment deploys.
   *
   * @param policy production (first, database, rest, last), stage (alphabetical) or custom (ranks);
   *     default: production for {@code production}, stage for every other environment
   * @param failure stop (default for production) or continue (default otherwise): whether a failed
   *     service stops the services after it
   * @param ranks custom policy: name globs per rank, first rank first; a service takes the first rank
   *     it matches, unmatched services come after all ranks
   * @param maxParallel how many services of one wave may deploy at once (default: 1 in production,
   *     unlimited otherwise)
   * @param authorizationEnv the name of an environment variable holding an {@code Authorization}
   *     header value for this environment's version endpoints; sent to their own host only
   */
  public record EnvironmentConfig(
      OrderPolicy policy,
      FailurePolicy failure,
      List<List<String>> ranks,
      Integer maxParallel,
      String authorizationEnv) {

    public EnvironmentConfig {
      if (ranks != null) {
        List<List<String>> copy = new ArrayList<>();
        for (List<String> rank : ranks) {
          if (rank == null || rank.isEmpty()) {
            throw TrainyardException.invalidInput("deploy.environments: a rank is empty", "give each rank one or more name globs");
          }
          checkGlobs(rank, "deploy.environments.ranks");
          copy.add(List.copyOf(rank));
        }
        ranks = List.copyOf(copy);
      }
      if (ranks != null && policy != OrderPolicy.CUSTOM) {
        throw TrainyardException.invalidInput("deploy.environments: ranks only apply with policy: custom",
            "add policy: custom, or remove ranks");
      }
      if (policy == OrderPolicy.CUSTOM && (ranks == null || ranks.isEmpty())) {
        throw TrainyardException.invalidInput("deploy.environments: policy custom needs ranks",
            "for example ranks: [\"*auth*\", [\"*profile*\", \"*sync*\"]]");
      }
      if (maxParallel != null && maxParallel < 1) {
        throw TrainyardException.invalidInput("deploy.environments: max-parallel must be 1 or more, got " + maxParallel, null);
      }
      if (authorizationEnv != null && !authorizationEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw TrainyardException.invalidInput("deploy.environments: authorization-env must name an environment variable, got '"
            + authorizationEnv + "'", null);
      }
      if ("GITHUB_TOKEN".equals(authorizationEnv)) {
        throw TrainyardException.invalidInput("deploy.environments: authorization-env must not be GITHUB_TOKEN",
            "the GitHub token is never sent to version endpoints; use a variable with the endpoint's own credentials");
      }
    }
  }
}
