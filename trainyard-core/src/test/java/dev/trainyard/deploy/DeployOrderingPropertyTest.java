package dev.trainyard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The ordering rules checked over many generated service sets (property style, seeded so a failure
 * names the seed that reproduces it). Each property is computed from the generated input on its
 * own, not from the planner's internals.
 */
class DeployOrderingPropertyTest {
  private static final int CASES = 400;
  private static final List<String> WORDS = List.of(
      "auth", "content", "profile", "sync", "event-broker", "payments", "admin", "graphql", "customs",
      "oauth", "auth-db", "static-content", "verifier", "push", "mailer", "geo", "recovery", "cms");
  private static final NextVersionRequest RULES =
      new NextVersionRequest(new VersionScheme.Train(1), false, null, "main", null, true);

  /** A generated case: services and, for checking, each one's own production rank. */
  record Case(long seed, List<DeployService> services) {
    Map<String, List<String>> edges() {
      Map<String, List<String>> edges = new HashMap<>();
      services.forEach(s -> edges.put(s.name(), s.after()));
      return edges;
    }
  }

  static Case generate(long seed) {
    Random random = new Random(seed);
    int count = random.nextInt(26);
    Set<String> names = new LinkedHashSet<>();
    while (names.size() < count) {
      String word = WORDS.get(random.nextInt(WORDS.size()));
      names.add(random.nextInt(3) == 0 ? word + "-" + random.nextInt(9) : word + "-server");
    }
    List<String> shuffled = new ArrayList<>(names);
    Collections.shuffle(shuffled, random);
    // Edges only point to services earlier in a random permutation, so the graph is acyclic.
    double density = random.nextDouble() * 0.25;
    List<DeployService> services = new ArrayList<>();
    for (int i = 0; i < shuffled.size(); i++) {
      List<String> after = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (random.nextDouble() < density) {
          after.add(shuffled.get(j));
        }
      }
      DatabaseUse database = random.nextInt(4) == 0 ? DatabaseUse.TRUE : DatabaseUse.FALSE;
      services.add(DeployService.of(shuffled.get(i), List.of("packages/" + shuffled.get(i) + "/**"), database, after));
    }
    Collections.shuffle(services, random);
    return new Case(seed, services);
  }

  static DeployPlan plan(List<DeployService> services, String environment) {
    return plan(services, DeployEnvironment.of(DeployConfig.DEFAULTS, environment, "--env"));
  }

  static DeployPlan plan(List<DeployService> services, DeployEnvironment environment) {
    DeployOrderRequest request = new DeployOrderRequest(environment, services, true, null, RULES);
    return new DeployPlanner(Clock.systemUTC(), Reporter.silent()).plan(null, request);
  }

  static boolean authLike(String name) {
    return name.toLowerCase(Locale.ROOT).contains("auth");
  }

  static boolean contentLike(String name) {
    return name.toLowerCase(Locale.ROOT).contains("content");
  }

  /** The production rank each service has on its own: first 0, database 1, rest 2, last 3. */
  static int ownRank(DeployService service) {
    if (authLike(service.name())) {
      return 0;
    }
    if (contentLike(service.name())) {
      return 3;
    }
    return service.databaseUse() == DatabaseUse.TRUE ? 1 : 2;
  }

  /** Every service that (transitively) runs after {@code name}. */
  static Set<String> dependents(String name, Map<String, List<String>> edges) {
    Set<String> found = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, List<String>> e : edges.entrySet()) {
        if (!found.contains(e.getKey())
            && (e.getValue().contains(name) || e.getValue().stream().anyMatch(found::contains))) {
          found.add(e.getKey());
          grew = true;
        }
      }
    }
    return found;
  }

  static Map<String, PlannedService> byName(DeployPlan plan) {
    Map<String, PlannedService> map = new HashMap<>();
    plan.services().forEach(s -> map.put(s.name(), s));
    return map;
  }

  @Test
  void everyAfterEdgeIsRespectedInEveryEnvironment() {
    for (long seed = 0; seed < CASES; seed++) {
      Case c = generate(seed);
      for (String environment : List.of("production", "stage")) {
        Map<String, PlannedService> placed = byName(plan(c.services(), environment));
        assertThat(placed).as("seed %d: every service is planned", seed).hasSize(c.services().size());
        for (DeployService service : c.services()) {
          for (String dependency : service.after()) {
            PlannedService s = placed.get(service.name());
            PlannedService d = placed.get(dependency);
            assertThat(s.wave()).as("seed %d %s: %s runs after %s", seed, environment, s.name(), d.name())
                .isGreaterThan(d.wave());
            assertThat(s.position()).as("seed %d %s: position", seed, environment).isGreaterThan(d.position());
          }
        }
      }
    }
  }

  @Test
  void productionKeepsRanksUnlessAnEdgePullsAServiceForward() {
    for (long seed = 0; seed < CASES; seed++) {
      Case c = generate(seed);
      Map<String, List<String>> edges = c.edges();
      Map<String, PlannedService> placed = byName(plan(c.services(), "production"));
      Map<String, Integer> own = new HashMap<>();
      c.services().forEach(s -> own.put(s.name(), ownRank(s)));
      for (DeployService b : c.services()) {
        // b can only be pulled as far forward as the lowest rank of what runs after it.
        int floor = dependents(b.name(), edges).stream().mapToInt(own::get).min().orElse(Integer.MAX_VALUE);
        int earliest = Math.min(own.get(b.name()), floor);
        for (DeployService a : c.services()) {
          if (own.get(a.name()) < earliest) {
            assertThat(placed.get(a.name()).position())
                .as("seed %d: %s (rank %d) before %s (rank %d, pulled to at most %d)", seed, a.name(),
                    own.get(a.name()), b.name(), own.get(b.name()), earliest)
                .isLessThan(placed.get(b.name()).position());
          }
        }
      }
    }
  }

  @Test
  void productionPutsAuthLikeFirstAndContentLikeLast() {
    int checkedPairs = 0;
    for (long seed = 0; seed < CASES; seed++) {
      Case c = generate(seed);
      Map<String, List<String>> edges = c.edges();
      Map<String, PlannedService> placed = byName(plan(c.services(), "production"));
      Set<String> neededByAuth = new HashSet<>();
      Set<String> neededByNonContent = new HashSet<>();
      for (DeployService s : c.services()) {
        Set<String> dependents = dependents(s.name(), edges);
        if (dependents.stream().anyMatch(DeployOrderingPropertyTest::authLike)) {
          neededByAuth.add(s.name());
        }
        if (dependents.stream().anyMatch(n -> !contentLike(n) || authLike(n))) {
          neededByNonContent.add(s.name());
        }
      }
      for (DeployService a : c.services()) {
        for (DeployService x : c.services()) {
          if (authLike(a.name()) && !authLike(x.name()) && !neededByAuth.contains(x.name())) {
            checkedPairs++;
            assertThat(placed.get(a.name()).position()).as("seed %d: auth-like %s before %s", seed, a.name(), x.name())
                .isLessThan(placed.get(x.name()).position());
          }
          boolean lastOnly = contentLike(a.name()) && !authLike(a.name());
          if (lastOnly && !contentLike(x.name()) && !neededByNonContent.contains(a.name())) {
            checkedPairs++;
            assertThat(placed.get(a.name()).position()).as("seed %d: content-like %s after %s", seed, a.name(), x.name())
                .isGreaterThan(placed.get(x.name()).position());
          }
        }
      }
    }
    assertThat(checkedPairs).as("the generator makes auth-like and content-like services").isGreaterThan(1000);
  }

  @Test
  void stageIsAlphabeticalWithinWavesAndWavesAreAsEarlyAsTheEdgesAllow() {
    for (long seed = 0; seed < CASES; seed++) {
      Case c = generate(seed);
      DeployPlan plan = plan(c.services(), "stage");
      Map<String, PlannedService> placed = byName(plan);
      for (List<String> wave : plan.waves()) {
        assertThat(wave).as("seed %d: a wave is alphabetical", seed).isSorted();
      }
      assertThat(plan.waves().stream().flatMap(List::stream).toList()).as("seed %d: order = waves in turn", seed)
          .isEqualTo(plan.order());
      for (DeployService s : c.services()) {
        int expected = 1 + s.after().stream().mapToInt(d -> placed.get(d).wave()).max().orElse(0);
        assertThat(placed.get(s.name()).wave()).as("seed %d: wave of %s", seed, s.name()).isEqualTo(expected);
      }
      if (c.services().stream().allMatch(s -> s.after().isEmpty())) {
        assertThat(plan.order()).as("seed %d: without edges stage is alphabetical", seed).isSorted();
        assertThat(plan.waves()).hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void noEdgeInsideAWaveAndPositionsCountUp() {
    for (long seed = 0; seed < CASES; seed++) {
      Case c = generate(seed);
      for (String environment : List.of("production", "stage")) {
        DeployPlan plan = plan(c.services(), environment);
        assertThat(plan.services().stream().map(PlannedService::position).toList())
            .isEqualTo(IntStream.rangeClosed(1, plan.services().size()).boxed().toList());
        assertThat(plan.services().stream().map(PlannedService::wave).toList()).as("seed %d", seed).isSorted();
        for (List<String> wave : plan.waves()) {
          for (DeployService s : c.services()) {
            if (wave.contains(s.name())) {
              assertThat(s.after()).as("seed %d %s: %s shares a wave with what it runs after", seed, environment, s.name())
                  .doesNotContainAnyElementsOf(wave);
            }
          }
        }
      }
    }
  }

  @Test
  void theSameServicesInAnyOrderGiveTheSamePlan() {
    for (long seed = 0; seed < CASES; seed += 4) {
      Case c = generate(seed);
      for (String environment : List.of("production", "stage")) {
        DeployPlan reference = plan(c.services(), environment);
        for (int round = 0; round < 3; round++) {
          List<DeployService> shuffled = new ArrayList<>(c.services());
          Collections.shuffle(shuffled, new Random(seed * 31 + round));
          assertThat(plan(shuffled, environment).services()).as("seed %d %s", seed, environment)
              .isEqualTo(reference.services());
        }
      }
    }
  }

  @Test
  void aCycleAnywhereIsAnErrorNamingTheWholeCycle() {
    for (long seed = 0; seed < 100; seed++) {
      Case c = generate(seed + 1000);
      if (c.services().size() < 3) {
        continue;
      }
      Random random = new Random(seed);
      List<String> names = new ArrayList<>(c.services().stream().map(DeployService::name).toList());
      Collections.shuffle(names, random);
      List<String> ring = names.subList(0, 2 + random.nextInt(Math.min(4, names.size() - 1)));
      List<DeployService> services = new ArrayList<>();
      for (DeployService s : c.services()) {
        int at = ring.indexOf(s.name());
        List<String> after = at < 0 ? s.after() : List.of(ring.get((at + 1) % ring.size()));
        services.add(DeployService.of(s.name(), s.paths(), s.databaseUse(), after));
      }
      TrainyardException error = org.junit.jupiter.api.Assertions.assertThrows(TrainyardException.class,
          () -> plan(services, "production"));
      assertThat(error.kind()).isEqualTo(FailureKind.INVALID_INPUT);
      String path = error.getMessage().substring(error.getMessage().indexOf("cycle: ") + 7);
      List<String> cycle = List.of(path.substring(0, path.indexOf(" (")).split(" -> "));
      assertThat(cycle.get(0)).as("seed %d: the path closes: %s", seed, error.getMessage()).isEqualTo(cycle.get(cycle.size() - 1));
      for (int i = 0; i + 1 < cycle.size(); i++) {
        String from = cycle.get(i);
        String to = cycle.get(i + 1);
        assertThat(services.stream().filter(s -> s.name().equals(from)).findFirst().orElseThrow().after())
            .as("seed %d: %s -> %s is an edge of %s", seed, from, to, error.getMessage()).contains(to);
      }
    }
  }

  @Test
  void aThreeServiceCycleIsReportedAsItsPath() {
    List<DeployService> services = List.of(
        DeployService.of("auth-server", List.of("a/**"), DatabaseUse.FALSE, List.of("event-broker")),
        DeployService.of("event-broker", List.of("e/**"), DatabaseUse.FALSE, List.of("profile-server")),
        DeployService.of("profile-server", List.of("p/**"), DatabaseUse.FALSE, List.of("auth-server")),
        DeployService.of("content-server", List.of("c/**"), DatabaseUse.FALSE, List.of()));
    assertThatThrownBy(() -> plan(services, "stage"))
        .isInstanceOf(TrainyardException.class)
        .hasMessage("deploy: the after: edges form a cycle: auth-server -> event-broker -> profile-server -> auth-server"
            + " ('a -> b' means a runs after b)");
  }

  @Test
  void anUnknownAfterNameGetsADidYouMean() {
    List<DeployService> services = List.of(
        DeployService.of("profile-server", List.of("p/**"), DatabaseUse.FALSE, List.of()),
        DeployService.of("event-broker", List.of("e/**"), DatabaseUse.FALSE, List.of("profile-sever")));
    assertThatThrownBy(() -> plan(services, "production"))
        .isInstanceOf(TrainyardException.class)
        .hasMessage("deploy: service 'event-broker' has after: 'profile-sever', which is not a service")
        .satisfies(e -> assertThat(((TrainyardException) e).hint())
            .isEqualTo("did you mean 'profile-server'? (known: event-broker, profile-server)"));
  }
}
