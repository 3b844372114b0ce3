package dev.trainyard.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clog format (sync-storage): one release's section in clog-cli's layout: an anchor, the dated heading, one {@code ####} section
 * per title with the commits its types collect, scopes in bold (grouped when a scope has several
 * entries), each entry the subject exactly as written and its commit link. A breaking change is
 * listed under Breaking Changes and again under its type, as clog does.
 *
 * <p>clog writes its sections in no fixed order (a hash map); trainyard writes them in one stable
 * order: Breaking Changes, Features, Bug Fixes, Performance, Refactor, Chore, Doc, Test, then any
 * other section in the order the settings list them.
 */
final class ClogChangelog {
  private static final String BREAKING = "Breaking Changes";
  private static final List<String> ORDER =
      List.of(BREAKING, "Features", "Bug Fixes", "Performance", "Refactor", "Chore", "Doc", "Test");

  private ClogChangelog() {}

  /**
   * @param links the repository trainyard knows; used when the settings name no repository
   * @param settings sections, link style and repository ({@link ClogSettings#DEFAULTS} without a .clog.toml)
   */
  static String render(ChangelogRelease r, List<ConventionalCommit> commits, RepositoryLinks links,
      ClogSettings settings) {
    String repository = settings.repository() != null ? settings.repository()
        : links != null && links.known() ? links.serverUrl() + "/" + links.repository() : null;
    ClogSettings.LinkStyle style = settings.linkStyle();

    // section -> scope ("" first, then alphabetical) -> commits in history order
    Map<String, TreeMap<String, List<ConventionalCommit>>> sections = new LinkedHashMap<>();
    for (String title : ORDER) {
      if (title.equals(BREAKING) || settings.sections().containsKey(title)) {
        sections.put(title, new TreeMap<>());
      }
    }
    for (String title : settings.sections().keySet()) {
      sections.putIfAbsent(title, new TreeMap<>());
    }
    for (ConventionalCommit c : commits) {
      String title = settings.sectionOf(c.type());
      if (title == null) {
        continue;
      }
      String scope = c.scope() == null ? "" : c.scope();
      if (c.breaking()) {
        sections.get(BREAKING).computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
      }
      sections.get(title).computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
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
          prefix = "  * ";
        } else if (!scope.isEmpty()) {
          prefix = "* **" + scope + ":** ";
        } else {
          prefix = "*  ";
        }
        for (ConventionalCommit c : entries) {
          out.append(prefix).append(subject(c));
          String hash8 = c.hash().substring(0, Math.min(8, c.hash().length()));
          out.append(" (").append(repository == null ? hash8
              : "[" + hash8 + "](" + style.commit(repository, c.hash()) + ")");
          if (!c.closes().isEmpty()) {
            out.append(", closes ");
            for (int i = 0; i < c.closes().size(); i++) {
              if (i > 0) {
                out.append(", ");
              }
              int issue = c.closes().get(i);
              String url = repository == null ? null : style.issue(repository, issue);
              out.append(url == null ? "#" + issue : "[#" + issue + "](" + url + ")");
            }
          }
          out.append(")\n");
        }
      }
    }
    out.append("\n\n\n");
    return out.toString();
  }

  /**
   * The subject as clog prints it: the text after the colon exactly as written, its leading blank
   * included (clog's entry is the prefix, a blank, then that text). A commit built by hand has no
   * raw text: its subject and pull request number stand in.
   */
  private static String subject(ConventionalCommit c) {
    if (c.rawSubject() != null) {
      return c.rawSubject();
    }
    return " " + c.subject() + (c.pr() == null ? "" : " (#" + c.pr() + ")");
  }
}
