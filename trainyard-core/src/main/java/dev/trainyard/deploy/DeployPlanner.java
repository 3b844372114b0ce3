package dev.trainyard.deploy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.match.Glob;
import dev.trainyard.report.Reporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the deployment plan of an environment: which services, in which order and waves, and why.
 * Reads the repository, never writes it. This is the one entry point for "the services in deploy
 * order" ({@code deploy-order}, {@code verify-deploy}, the deployment request).
 */
public final class DeployPlanner {
  private static final int FIRST = 0;
  private static final int DATABASE = 1;
  private static final int REST = 2;
  private static final int LAST = 3;

  private final Clock clock;
  private final Reporter reporter;

  public DeployPlanner(Clock clock, Reporter reporter) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /**
   * The plan.
   *
   * @param repo the repository; may be null with {@code request.all()}, and then nothing is known
   *     about changes (a service with {@code touches-database: auto} is assumed to touch it)
   */
  public DeployPlan plan(GitRepository repo, DeployOrderRequest request) {
    List<DeployService> services = request.services();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    services.forEach(s -> graph.put(s.name(), s.after()));
    ServiceGraph.check(graph);

    ChangeSet changes = changes(repo, request);
    Map<String, Facts> facts = new LinkedHashMap<>();
    for (DeployService service : services) {
      facts.put(service.name(), facts(service, changes));
    }

    List<DeployService> selected = new ArrayList<>();
    List<DeployPlan.SkippedService> skipped = new ArrayList<>();
    for (DeployService service : services) {
      if (request.all() || Boolean.TRUE.equals(facts.get(service.name()).changed())) {
        selected.add(service);
      } else {
        skipped.add(new DeployPlan.SkippedService(service.name(), "no change under "
            + String.join(", ", service.paths()) + (service.migrationsInsidePaths() || service.migrations().isEmpty() ? ""
            : " or " + String.join(", ", service.migrations())) + " since " + since(changes)));
      }
    }
    skipped.sort(java.util.Comparator.comparing(DeployPlan.SkippedService::name));

    Set<String> chosen = new HashSet<>();
    selected.forEach(s -> chosen.add(s.name()));
    DeployEnvironment environment = request.environment();
    Map<String, Rank> ranks = new LinkedHashMap<>();
    List<DeployOrdering.Node> nodes = new ArrayList<>();
    for (DeployService service : selected) {
      Rank rank = rank(environment, service, facts.get(service.name()));
      ranks.put(service.name(), rank);
      nodes.add(new DeployOrdering.Node(service.name(), rank.value(), effectiveAfter(service.name(), graph, chosen)));
    }

    List<PlannedService> planned = new ArrayList<>();
    for (DeployOrdering.Placed placed : DeployOrdering.order(nodes)) {
      Rank rank = ranks.get(placed.name());
      Facts fact = facts.get(placed.name());
      List<String> why = new ArrayList<>();
      why.add(rank.because());
      if (placed.pulledForwardBy() != null) {
        why.add("pulled forward to " + label(environment, placed.effectiveRank()) + ": " + placed.pulledForwardBy()
            + " runs after it");
      }
      if (!placed.after().isEmpty()) {
        why.add("after " + String.join(", ", placed.after()));
      }
      planned.add(new PlannedService(placed.name(), placed.position(), placed.wave(),
          label(environment, placed.effectiveRank()), String.join("; ", why), fact.changed(), fact.database(),
          placed.after()));
    }
    return new DeployPlan(environment, changes, request.all(), planned, skipped);
  }

  private ChangeSet changes(GitRepository repo, DeployOrderRequest request) {
    if (!request.all()) {
      if (repo == null) {
        throw TrainyardException.invalidInput("no repository to compute the changed services in",
            "run in a clone of the repository (or pass --repo DIR), or pass --all");
      }
      return ReleaseRange.of(repo, request.releaseRules(), request.changedSince(), "--changed-since", clock, reporter);
    }
    if (repo == null) {
      return null;
    }
    try {
      return ReleaseRange.of(repo, request.releaseRules(), null, "--changed-since", clock, reporter);
    } catch (TrainyardException e) {
      if (e.kind() == FailureKind.INTERNAL) {
        throw e;
      }
      reporter.warn("cannot tell which services changed (" + e.getMessage() + "); every service is planned");
      return null;
    }
  }

  /**
   * What the range says about one service.
   *
   * @param changed null when unknown
   * @param database whether it counts as touching the database
   * @param databaseWhy why, for the reason text
   */
  private record Facts(Boolean changed, boolean database, String databaseWhy) {}

  private static Facts facts(DeployService service, ChangeSet changes) {
    PathRule paths = service.pathRule();
    PathRule migrations = PathRule.of(service.migrations());
    Boolean changed = changes == null ? null
        : changes.files().stream().anyMatch(file -> service.owns(file, paths, migrations));
    return switch (service.databaseUse()) {
      case TRUE -> new Facts(changed, true, "touches-database: true");
      case FALSE -> new Facts(changed, false, null);
      case AUTO -> {
        if (changes == null) {
          yield new Facts(changed, true, "touches-database: auto, and no release range to inspect, so assumed");
        }
        List<String> changedMigrations = changes.matching(file -> service.isMigration(file, paths, migrations));
        yield changedMigrations.isEmpty() ? new Facts(changed, false, null)
            : new Facts(changed, true, "migration changed: " + changedMigrations.get(0)
                + (changedMigrations.size() > 1 ? " and " + (changedMigrations.size() - 1) + " more" : ""));
      }
    };
  }

  /**
   * A rank and the reason for it.
   *
   * @param value lower deploys earlier
   * @param because the reason text
   */
  private record Rank(int value, String because) {}

  private static Rank rank(DeployEnvironment environment, DeployService service, Facts facts) {
    String name = service.name();
    return switch (environment.policy()) {
      case STAGE -> new Rank(0, "alphabetical");
      case CUSTOM -> {
        List<List<String>> ranks = environment.ranks();
        for (int i = 0; i < ranks.size(); i++) {
          Optional<String> glob = matching(name, ranks.get(i));
          if (glob.isPresent()) {
            yield new Rank(i, "rank " + (i + 1) + ": matches '" + glob.get() + "'");
          }
        }
        yield new Rank(ranks.size(), "unranked: matches no rank, so after the ranked services");
      }
      case PRODUCTION -> {
        String database = facts.database() ? " (it also touches the database: " + facts.databaseWhy() + ")" : "";
        Optional<String> first = matching(name, environment.first());
        if (first.isPresent()) {
          yield new Rank(FIRST, "first: matches '" + first.get() + "'" + database);
        }
        Optional<String> last = matching(name, environment.last());
        if (last.isPresent()) {
          yield new Rank(LAST, "last: matches '" + last.get() + "'" + database);
        }
        if (facts.database()) {
          yield new Rank(DATABASE, "database: " + facts.databaseWhy());
        }
        yield new Rank(REST, "rest: matches no first or last rule and does not touch the database");
      }
    };
  }

  private static String label(DeployEnvironment environment, int rank) {
    return switch (environment.policy()) {
      case STAGE -> "alphabetical";
      case CUSTOM -> rank < environment.ranks().size() ? "rank-" + (rank + 1) : "unranked";
      case PRODUCTION -> switch (rank) {
        case FIRST -> "first";
        case DATABASE -> "database";
        case REST -> "rest";
        default -> "last";
      };
    };
  }

  /** Name globs match case-insensitively: {@code *auth*} matches {@code fxa-Auth-server}. */
  private static Optional<String> matching(String name, List<String> globs) {
    return globs.stream().filter(g -> Glob.name(g).matches(name)).findFirst();
  }

  /**
   * The planned services {@code name} runs after: its own edges, and through services left out of
   * the plan the planned ones they run after (a -> b -> c with b left out still orders a after c).
   */
  private static List<String> effectiveAfter(String name, Map<String, List<String>> graph, Set<String> chosen) {
    Set<String> result = new TreeSet<>();
    Set<String> seen = new HashSet<>();
    List<String> stack = new ArrayList<>(graph.getOrDefault(name, List.of()));
    while (!stack.isEmpty()) {
      String next = stack.remove(stack.size() - 1);
      if (!seen.add(next)) {
        continue;
      }
      if (chosen.contains(next)) {
        result.add(next);
      } else {
        stack.addAll(graph.getOrDefault(next, List.of()));
      }
    }
    return List.copyOf(result);
  }

  private static String since(ChangeSet changes) {
    if (changes == null) {
      return "the previous release";
    }
    return changes.base() != null ? changes.base() : "the first commit";
  }
}
