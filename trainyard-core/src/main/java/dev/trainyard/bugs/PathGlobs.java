package dev.trainyard.bugs;

import dev.trainyard.TrainyardException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Repository-relative path globs ({@code **}/migrations/**, {@code *.sql}) as git users write them:
 * a leading {@code **}/ also matches at the root, and the separator is always {@code /}.
 */
final class PathGlobs {
  private final List<PathMatcher> matchers;

  private PathGlobs(List<PathMatcher> matchers) {
    this.matchers = matchers;
  }

  static PathGlobs of(List<String> globs) {
    return new PathGlobs(globs.stream().flatMap(g -> variants(g).stream())
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList());
  }

  static void check(String glob, String source) {
    if (glob == null || glob.isBlank()) {
      throw TrainyardException.invalidInput(source + ": an empty pattern matches nothing", "remove it");
    }
    try {
      variants(glob).forEach(g -> FileSystems.getDefault().getPathMatcher("glob:" + g));
    } catch (PatternSyntaxException e) {
      throw TrainyardException.invalidInput(source + ": '" + glob + "' is not a valid glob: " + e.getDescription(),
          "for example **/migrations/** or **/*.sql");
    }
  }

  private static List<String> variants(String glob) {
    String g = glob.trim();
    while (g.startsWith("/")) {
      g = g.substring(1);
    }
    return g.startsWith("**/") ? List.of(g, g.substring(3)) : List.of(g);
  }

  boolean matches(String repositoryPath) {
    Path path = Path.of(repositoryPath);
    return matchers.stream().anyMatch(m -> m.matches(path));
  }
}
