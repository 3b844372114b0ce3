package dev.trainyard.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Keep a Changelog format: user-facing sections (Added, Changed, ...), dated bracketed headings. */
final class KeepAChangelog {
  private KeepAChangelog() {}

  private static final List<String> KAC_ORDER = List.of("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security");
  private static final Set<String> SECURITY_SCOPES = Set.of("security", "sec", "cve");

  /** The Keep a Changelog section a commit belongs to, or null when it is not user-facing. */
  static String section(ConventionalCommit c) {
    String type = c.type();
    String scope = c.scope() == null ? "" : c.scope().toLowerCase(Locale.ROOT);
    String section = switch (type) {
      case "feat", "feature" -> "Added";
      case "fix", "bug" -> SECURITY_SCOPES.contains(scope) ? "Security" : "Fixed";
      case "security" -> "Security";
      case "perf", "refactor" -> "Changed";
      case "deprecate", "deprecated", "deprecation" -> "Deprecated";
      case "revert", "remove", "removed" -> "Removed";
      default -> null;
    };
    if (section == null && c.breaking()) {
      return "Changed";
    }
    return section;
  }

  static String render(
      ChangelogRelease r, List<ConventionalCommit> commits, RepositoryLinks links) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String title : KAC_ORDER) {
      groups.put(title, new ArrayList<>());
    }
    for (ConventionalCommit c : commits) {
      String title = section(c);
      if (title == null) {
        continue;
      }
      StringBuilder line = new StringBuilder("- ");
      if (c.breaking()) {
        line.append("**BREAKING:** ");
      }
      if (c.scope() != null) {
        line.append("**").append(c.scope()).append(":** ");
      }
      line.append(c.subject());
      if (c.pr() != null) {
        line.append(" (")
            .append(links == null ? "#" + c.pr() : "[#" + c.pr() + "](" + links.pullRequest(c.pr()) + ")")
            .append(')');
      }
      line.append(" (").append(ChangelogRenderer.commitLink(c.shortHash(), c.hash(), links)).append(')');
      groups.get(title).add(line.toString());
    }
    StringBuilder out = new StringBuilder("## [").append(r.version()).append("] - ").append(r.date()).append("\n\n");
    return ChangelogRenderer.appendGroups(out, groups, "No notable changes.");
  }
}
