package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import dev.trainyard.match.NearestName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code after:} edges between services: unknown names and cycles are configuration errors. */
final class ServiceGraph {
  private ServiceGraph() {}

  /**
   * Refuses an {@code after:} that names no service (with a did-you-mean) and a cycle (naming every
   * service on it).
   *
   * @param after for each service, the services it runs after
   */
  static void check(Map<String, List<String>> after) {
    for (Map.Entry<String, List<String>> entry : new TreeMap<>(after).entrySet()) {
      for (String dependency : entry.getValue()) {
        if (!after.containsKey(dependency)) {
          throw TrainyardException.invalidInput(
              "deploy: service '" + entry.getKey() + "' has after: '" + dependency + "', which is not a service",
              NearestName.hint(dependency, after.keySet()));
        }
      }
    }
    findCycle(after).ifPresent(cycle -> {
      throw TrainyardException.invalidInput(
          "deploy: the after: edges form a cycle: " + String.join(" -> ", cycle)
              + " ('a -> b' means a runs after b)",
          "remove one of these after: entries so that the services can be put in an order");
    });
  }

  /**
   * The first cycle found, as the path that closes it ({@code a, b, c, a}), searching from names in
   * alphabetical order so the same configuration always reports the same cycle.
   */
  static Optional<List<String>> findCycle(Map<String, List<String>> after) {
    Map<String, Integer> state = new HashMap<>();
    for (String start : new TreeMap<>(after).keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      Optional<List<String>> found = visit(start, after, state, path);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static final int VISITING = 1;
  private static final int DONE = 2;

  private static Optional<List<String>> visit(String node, Map<String, List<String>> after,
      Map<String, Integer> state, List<String> path) {
    state.put(node, VISITING);
    path.add(node);
    for (String next : after.getOrDefault(node, List.of()).stream().sorted().toList()) {
      Integer seen = state.get(next);
      if (seen == null) {
        Optional<List<String>> found = visit(next, after, state, path);
        if (found.isPresent()) {
          return found;
        }
      } else if (seen == VISITING) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
        cycle.add(next);
        return Optional.of(cycle);
      }
    }
    path.remove(path.size() - 1);
    state.put(node, DONE);
    return Optional.empty();
  }
}
