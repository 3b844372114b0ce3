package dev.trainyard.match;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The one "did you mean": the known name closest to what the user wrote. */
public final class NearestName {
  private NearestName() {}

  /**
   * The known name closest to {@code name} by edit distance, if it is close enough to be a typo
   * (at most 2 edits, or a third of the name's length); ties go to the alphabetically first.
   */
  public static Optional<String> typo(String name, Collection<String> known) {
    int limit = Math.max(2, name.length() / 3);
    return known.stream()
        .filter(candidate -> distance(name, candidate) <= limit)
        .min(Comparator.comparingInt((String candidate) -> distance(name, candidate))
            .thenComparing(Comparator.naturalOrder()));
  }

  /**
   * The known name that {@code name} abbreviates ({@code prod} for {@code production}; three
   * characters or more), else {@link #typo}.
   */
  public static Optional<String> abbreviationOrTypo(String name, Collection<String> known) {
    if (name.length() >= 3) {
      Optional<String> abbreviated = known.stream().filter(candidate -> candidate.startsWith(name)).sorted().findFirst();
      if (abbreviated.isPresent()) {
        return abbreviated;
      }
    }
    return typo(name, known);
  }

  /** {@code did you mean 'x'? (known: a, b, c)} or {@code known: a, b, c}, by {@link #abbreviationOrTypo}. */
  public static String hint(String name, Collection<String> known) {
    List<String> sorted = known.stream().sorted().toList();
    String list = sorted.isEmpty() ? "(none)" : String.join(", ", sorted);
    return abbreviationOrTypo(name, sorted).map(c -> "did you mean '" + c + "'? (known: " + list + ")")
        .orElse("known: " + list);
  }

  /** The Levenshtein distance: insertions, deletions and substitutions that turn a into b. */
  public static int distance(String a, String b) {
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
