package dev.trainyard.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Puts services in order and in waves. Pure: names, ranks and edges in, positions out.
 *
 * <p>The rules, in order of strength:
 *
 * <ol>
 *   <li>An {@code after:} edge is hard: a service always comes in a later wave than every service it
 *       runs after.
 *   <li>Ranks (production: first, database, rest, last) come next: a service never precedes one of a
 *       lower rank. When an edge makes a service of a lower rank wait for one of a higher rank, the
 *       one waited for is pulled forward into the lower rank (the edge wins, and as little as
 *       possible moves): its effective rank is the lowest rank of everything that runs after it.
 *   <li>Each effective rank occupies its own waves; inside a rank, a service goes in the first wave
 *       after all the services it runs after. Services in one wave have no order between them and
 *       are safe to deploy together.
 *   <li>Ties are broken by name, so the same services always give the same order whatever order
 *       they were listed in.
 * </ol>
 */
public final class DeployOrdering {
  private DeployOrdering() {}

  /**
   * A service to place.
   *
   * @param name unique name
   * @param rank 0 first; all equal for an unranked (alphabetical) policy
   * @param after names of the services it runs after; each must be one of the nodes
   */
  public record Node(String name, int rank, List<String> after) {
    public Node {
      Objects.requireNonNull(name, "name");
      after = List.copyOf(after);
    }
  }

  /**
   * A placed service.
   *
   * @param position 1-based position in the deploy order
   * @param wave 1-based wave
   * @param rank its own rank
   * @param effectiveRank the rank it is deployed in (lower than {@code rank} when pulled forward)
   * @param pulledForwardBy when pulled forward, the service of the lower rank that runs after it
   * @param after the services it runs after, sorted
   */
  public record Placed(String name, int position, int wave, int rank, int effectiveRank, String pulledForwardBy,
      List<String> after) {}

  /**
   * Orders {@code nodes}.
   *
   * @throws dev.trainyard.TrainyardException (invalid input) when an edge names an unknown service or
   *     the edges form a cycle
   */
  public static List<Placed> order(List<Node> nodes) {
    Map<String, Node> byName = new TreeMap<>();
    Map<String, List<String>> after = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (byName.put(node.name(), node) != null) {
        throw dev.trainyard.TrainyardException.invalidInput("deploy: service '" + node.name() + "' is listed twice",
            "every service needs its own name");
      }
      after.put(node.name(), node.after());
    }
    ServiceGraph.check(after);

    List<String> topological = topological(byName);
    Map<String, Integer> effective = new HashMap<>();
    Map<String, String> pulledBy = new HashMap<>();
    byName.values().forEach(n -> effective.put(n.name(), n.rank()));
    for (int i = topological.size() - 1; i >= 0; i--) {
      String dependent = topological.get(i);
      int rank = effective.get(dependent);
      for (String dependency : byName.get(dependent).after()) {
        if (rank < effective.get(dependency)) {
          effective.put(dependency, rank);
          pulledBy.put(dependency, dependent);
        }
      }
    }

    Map<String, Integer> topoIndex = new HashMap<>();
    for (int i = 0; i < topological.size(); i++) {
      topoIndex.put(topological.get(i), i);
    }
    List<String> byRank = new ArrayList<>(topological);
    byRank.sort(Comparator.comparing((String n) -> effective.get(n)).thenComparing(topoIndex::get));
    Map<String, Integer> wave = new HashMap<>();
    int base = 0;
    int highest = 0;
    Integer currentRank = null;
    for (String name : byRank) {
      int rank = effective.get(name);
      if (currentRank == null || rank != currentRank) {
        base = highest;
        currentRank = rank;
      }
      int w = base + 1;
      for (String dependency : byName.get(name).after()) {
        w = Math.max(w, wave.get(dependency) + 1);
      }
      wave.put(name, w);
      highest = Math.max(highest, w);
    }

    List<String> ordered = new ArrayList<>(byName.keySet());
    ordered.sort(Comparator.comparing((String n) -> wave.get(n)).thenComparing(effective::get)
        .thenComparing(Comparator.naturalOrder()));
    List<Placed> placed = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      Node node = byName.get(ordered.get(i));
      placed.add(new Placed(node.name(), i + 1, wave.get(node.name()), node.rank(), effective.get(node.name()),
          pulledBy.get(node.name()), node.after().stream().sorted().toList()));
    }
    return List.copyOf(placed);
  }

  /** Kahn's algorithm, the smallest (rank, name) first among the ready ones: dependencies first. */
  private static List<String> topological(Map<String, Node> byName) {
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Node node : byName.values()) {
      waiting.put(node.name(), node.after().size());
      for (String dependency : node.after()) {
        dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(node.name());
      }
    }
    PriorityQueue<String> ready = new PriorityQueue<>(
        Comparator.comparing((String n) -> byName.get(n).rank()).thenComparing(Comparator.naturalOrder()));
    waiting.forEach((name, count) -> {
      if (count == 0) {
        ready.add(name);
      }
    });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.poll();
      order.add(next);
      for (String dependent : dependents.getOrDefault(next, List.of())) {
        if (waiting.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    return order;
  }

  /** The names of each wave, first wave first, each in deploy order. */
  public static List<List<String>> waves(List<Placed> placed) {
    Map<Integer, List<String>> byWave = new TreeMap<>();
    for (Placed p : placed) {
      byWave.computeIfAbsent(p.wave(), k -> new ArrayList<>()).add(p.name());
    }
    return byWave.values().stream().map(List::copyOf).toList();
  }
}
