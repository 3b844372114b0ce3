package dev.trainyard.deploy;

import dev.trainyard.match.Glob;
import java.util.List;

/**
 * Path globs from the repository root. A pattern without wildcards names a folder or a file:
 * {@code packages/auth-server} matches everything under that folder.
 */
record PathRule(List<String> patterns, List<Glob> globs) {
  static PathRule of(List<String> patterns) {
    return new PathRule(List.copyOf(patterns), patterns.stream().map(PathRule::compile).toList());
  }

  private static Glob compile(String pattern) {
    String p = pattern.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty() || p.equals(".")) {
      return Glob.path("**");
    }
    boolean wildcard = p.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    if (!wildcard) {
      String folder = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
      return Glob.path("{" + escape(folder) + "," + escape(folder) + "/**}");
    }
    return Glob.path(p.endsWith("/") ? p + "**" : p);
  }

  private static String escape(String literal) {
    StringBuilder out = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("\\*?[]{},".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  boolean isEmpty() {
    return globs.isEmpty();
  }

  boolean matches(String path) {
    for (Glob glob : globs) {
      if (glob.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
