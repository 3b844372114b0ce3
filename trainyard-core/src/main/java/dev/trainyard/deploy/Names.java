package dev.trainyard.deploy;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean" for service and environment names. */
final class Names {
  private Names() {}

  /** The known name {@code name} abbreviates ("prod"), else the closest one if it looks like a typo. */
  static Optional<String> closest(String name, Collection<String> known) {
    if (name.length() >= 3) {
      Optional<String> abbreviated = known.stream().filter(candidate -> candidate.startsWith(name)).sorted().findFirst();
      if (abbreviated.isPresent()) {
        return abbreviated;
      }
    }
    return known.stream()
        .filter(candidate -> distance(name, candidate) <= Math.max(2, name.length() / 3))
        .min(Comparator.comparingInt((String candidate) -> distance(name, candidate))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** {@code did you mean 'x'? (known: a, b, c)} or {@code known: a, b, c}. */
  static String hint(String name, Collection<String> known) {
    List<String> sorted = known.stream().sorted().toList();
    String list = sorted.isEmpty() ? "(none)" : String.join(", ", sorted);
    return closest(name, sorted).map(c -> "did you mean '" + c + "'? (known: " + list + ")")
        .orElse("known: " + list);
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
