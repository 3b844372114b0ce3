package dev.trainyard.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fxa format: Firefox Accounts' per-package sections, grouped by conventional type. */
final class FxaChangelog {
  private FxaChangelog() {}

  private static final Map<String, String> FXA_GROUPS = new LinkedHashMap<>();

  static {
    FXA_GROUPS.put("feat", "New features");
    FXA_GROUPS.put("fix", "Bug fixes");
    FXA_GROUPS.put("perf", "Performance improvements");
    FXA_GROUPS.put("refactor", "Refactorings");
    FXA_GROUPS.put("revert", "Reverted changes");
  }

  private static final String FXA_OTHER = "Other changes";

  static String render(ChangelogRelease r, List<ConventionalCommit> commits, RepositoryLinks links) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String title : FXA_GROUPS.values()) {
      groups.put(title, new ArrayList<>());
    }
    groups.put(FXA_OTHER, new ArrayList<>());
    for (ConventionalCommit c : commits) {
      if (ChangelogRenderer.isReleaseCommit(c)) {
        continue;
      }
      StringBuilder line = new StringBuilder("- ");
      if (c.scope() != null) {
        line.append(c.scope()).append(": ");
      }
      line.append(c.subject());
      if (c.pr() != null) {
        line.append(" (#").append(c.pr()).append(')');
      }
      line.append(" (").append(ChangelogRenderer.commitLink(c.shortHash(), c.hash(), links)).append(')');
      groups.get(FXA_GROUPS.getOrDefault(c.type(), FXA_OTHER)).add(line.toString());
    }
    StringBuilder out = new StringBuilder("## ").append(r.version()).append("\n\n");
    return ChangelogRenderer.appendGroups(out, groups, "No changes.");
  }
}
