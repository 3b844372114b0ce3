package dev.trainyard.changelog;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keep a Changelog's file header and the compare-link references at the end of the file. */
final class KeepAChangelogLinks {
  private static final Pattern LINK_REFERENCE = Pattern.compile("^\\[(?<label>[^\\]]+)\\]:\\s*(?<url>\\S+).*$");
  private static final Pattern COMPARE_URL = Pattern.compile("^(?<base>.*/compare/)(?<from>.+?)\\.\\.\\.(?<to>.+)$");

  private KeepAChangelogLinks() {}

  static final String HEADER =
      "# Changelog\n\n"
          + "All notable changes to this project will be documented in this file.\n\n"
          + "The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n"
          + "and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n\n"
          + "## [Unreleased]\n\n";

  static boolean isUnreleasedHeading(String line) {
    String l = line.substring(3).strip().toLowerCase(Locale.ROOT);
    return l.startsWith("[unreleased]") || l.startsWith("unreleased");
  }

  /** Index of the first line of the link-reference block at the end of the file, or -1. */
  static int firstTrailingLinkReference(List<String> lines) {
    int i = lines.size() - 1;
    while (i >= 0 && ChangelogLines.stripEol(lines.get(i)).isBlank()) {
      i--;
    }
    int first = -1;
    while (i >= 0) {
      String l = ChangelogLines.stripEol(lines.get(i));
      if (LINK_REFERENCE.matcher(l).matches()) {
        first = i;
      } else if (!l.isBlank()) {
        break;
      }
      i--;
    }
    return first;
  }

  /**
   * Points {@code [unreleased]} at the new tag and adds the new version's compare link above the
   * previous version's. Files without compare links are left alone: they chose not to have them.
   */
  static String update(String content, ChangelogRelease r, String eol) {
    List<String> lines = ChangelogLines.lines(content);
    int unreleased = -1;
    int previous = -1;
    String base = null;
    for (int i = 0; i < lines.size(); i++) {
      Matcher ref = LINK_REFERENCE.matcher(ChangelogLines.stripEol(lines.get(i)));
      if (!ref.matches()) {
        continue;
      }
      String label = ref.group("label").strip();
      Matcher compare = COMPARE_URL.matcher(ref.group("url"));
      if (label.equalsIgnoreCase("unreleased")) {
        unreleased = i;
        if (compare.matches()) {
          base = compare.group("base");
        }
      } else if (r.previousVersion() != null && label.equals(r.previousVersion()) && previous < 0) {
        previous = i;
        if (base == null && compare.matches()) {
          base = compare.group("base");
        }
      }
    }
    if (base == null) {
      return content;
    }
    String newRef = "[" + r.version() + "]: "
        + (r.previousTag() == null
            ? base.substring(0, base.length() - "compare/".length()) + "releases/tag/" + r.tag()
            : base + r.previousTag() + "..." + r.tag());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == unreleased) {
        String text = ChangelogLines.stripEol(line);
        String lineEnd = line.substring(text.length());
        Matcher ref = LINK_REFERENCE.matcher(text);
        String label = ref.matches() ? ref.group("label") : "unreleased";
        out.append('[').append(label).append("]: ").append(base).append(r.tag()).append("...HEAD")
            .append(lineEnd.isEmpty() ? eol : lineEnd)
            .append(newRef).append(lineEnd);
        continue;
      }
      if (unreleased < 0 && i == previous) {
        out.append(newRef).append(eol);
      }
      out.append(line);
    }
    return out.toString();
  }

  static String versionUrl(RepositoryLinks links, ChangelogRelease r) {
    if (r.previousTag() == null) {
      return links.serverUrl() + "/" + links.repository() + "/releases/tag/" + r.tag();
    }
    return links.compare(r.previousTag(), r.tag());
  }
}
