package dev.trainyard.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The clog format (sync-storage): anchors, dated headings, scopes in bold. */
final class ClogChangelog {
  private ClogChangelog() {}

  private static final Map<String, String> CLOG_SECTIONS = new LinkedHashMap<>();

  static {
    CLOG_SECTIONS.put("feat", "Features");
    CLOG_SECTIONS.put("feature", "Features");
    CLOG_SECTIONS.put("fix", "Bug Fixes");
    CLOG_SECTIONS.put("bug", "Bug Fixes");
    CLOG_SECTIONS.put("perf", "Performance");
    CLOG_SECTIONS.put("refactor", "Refactor");
    CLOG_SECTIONS.put("chore", "Chore");
    CLOG_SECTIONS.put("docs", "Doc");
    CLOG_SECTIONS.put("doc", "Doc");
    CLOG_SECTIONS.put("test", "Test");
    CLOG_SECTIONS.put("tests", "Test");
  }

  private static final List<String> CLOG_ORDER =
      List.of("Breaking Changes", "Features", "Bug Fixes", "Performance", "Refactor", "Chore", "Doc", "Test");

  static String render(ChangelogRelease r, List<ConventionalCommit> commits, RepositoryLinks links) {
    // section -> scope ("" first, then alphabetical) -> commits in history order
    Map<String, TreeMap<String, List<ConventionalCommit>>> sections = new LinkedHashMap<>();
    for (String title : CLOG_ORDER) {
      sections.put(title, new TreeMap<>());
    }
    for (ConventionalCommit c : commits) {
      String title = CLOG_SECTIONS.get(c.type());
      String scope = c.scope() == null ? "" : c.scope();
      if (c.breaking()) {
        sections.get("Breaking Changes").computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
      }
      if (title != null) {
        sections.get(title).computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("<a name=\"").append(r.version()).append("\"></a>\n");
    out.append("## ").append(r.version()).append(" (").append(r.date()).append(")\n\n");
    for (Map.Entry<String, TreeMap<String, List<ConventionalCommit>>> section : sections.entrySet()) {
      if (section.getValue().isEmpty()) {
        continue;
      }
      out.append("\n#### ").append(section.getKey()).append("\n\n");
      for (Map.Entry<String, List<ConventionalCommit>> scoped : section.getValue().entrySet()) {
        String scope = scoped.getKey();
        List<ConventionalCommit> entries = scoped.getValue();
        String prefix;
        if (!scope.isEmpty() && entries.size() > 1) {
          out.append("* **").append(scope).append(":**\n");
          prefix = "  *  ";
        } else if (!scope.isEmpty()) {
          prefix = "* **" + scope + ":**  ";
        } else {
          prefix = "*   ";
        }
        for (ConventionalCommit c : entries) {
          out.append(prefix).append(c.subject());
          if (c.pr() != null) {
            out.append(" (#").append(c.pr()).append(')');
          }
          String hash8 = c.hash().substring(0, Math.min(8, c.hash().length()));
          out.append(" (").append(ChangelogRenderer.commitLink(hash8, c.hash(), links));
          if (!c.closes().isEmpty()) {
            out.append(", closes ");
            for (int i = 0; i < c.closes().size(); i++) {
              if (i > 0) {
                out.append(", ");
              }
              int issue = c.closes().get(i);
              out.append(links == null ? "#" + issue : "[#" + issue + "](" + links.issue(issue) + ")");
            }
          }
          out.append(")\n");
        }
      }
    }
    out.append("\n\n\n");
    return out.toString();
  }
}
