package dev.trainyard.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one release's section of a CHANGELOG.md and puts it into the existing file.
 *
 * <p>Sections are plain strings with {@code \n} line endings; {@link #insert} converts them to the
 * file's own line endings, so a CRLF file stays CRLF.
 */
public final class ChangelogRenderer {

  private static final Pattern RELEASE_COMMIT = Pattern.compile("^Release v?\\d+\\.\\d+\\.\\d+\\S*$");
  private static final Pattern LINK_REFERENCE = Pattern.compile("^\\[(?<label>[^\\]]+)\\]:\\s*(?<url>\\S+).*$");
  private static final Pattern COMPARE_URL = Pattern.compile("^(?<base>.*/compare/)(?<from>.+?)\\.\\.\\.(?<to>.+)$");

  private ChangelogRenderer() {}

  /**
   * The section for release {@code r} listing {@code commits} (newest first, as collected). Links
   * go to {@code links}' server; none are written when the repository is unknown or links is null.
   */
  public static String render(
      ChangelogFormat format, ChangelogRelease r, List<ConventionalCommit> commits, RepositoryLinks links) {
    return render(format, r, commits, links, ClogSettings.DEFAULTS);
  }

  /**
   * As {@link #render(ChangelogFormat, ChangelogRelease, List, RepositoryLinks)}; the clog format
   * takes its sections, link style and repository from {@code clog} (a {@code .clog.toml}).
   */
  public static String render(ChangelogFormat format, ChangelogRelease r, List<ConventionalCommit> commits,
      RepositoryLinks links, ClogSettings clog) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(r, "release");
    List<ConventionalCommit> list = commits == null ? List.of() : commits;
    RepositoryLinks known = links != null && links.known() ? links : null;
    return switch (format) {
      case FXA -> renderFxa(r, list, known);
      case CLOG -> ClogRenderer.render(r, list, known, clog == null ? ClogSettings.DEFAULTS : clog);
      case KEEPACHANGELOG -> renderKeepAChangelog(r, list, known);
    };
  }

  /**
   * Puts {@code section} into {@code existing} (null for a new file) and returns the new content.
   * Returns {@code existing} unchanged when it already has a section for {@code r.version()}, so
   * running a release twice writes nothing the second time. Every byte outside the inserted section
   * stays as it was, except Keep a Changelog's link references, which are updated when the file has
   * them.
   */
  public static String insert(ChangelogFormat format, String existing, String section, ChangelogRelease r) {
    return insert(format, existing, section, r, null);
  }

  /**
   * As {@link #insert(ChangelogFormat, String, String, ChangelogRelease)}; with known {@code links},
   * a new Keep a Changelog file also gets its compare link references.
   */
  public static String insert(
      ChangelogFormat format, String existing, String section, ChangelogRelease r, RepositoryLinks links) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(r, "release");
    if (existing != null && hasSection(format, existing, r.version())) {
      return existing;
    }
    String eol = existing != null && existing.contains("\r\n") ? "\r\n" : "\n";
    String text = section.replace("\r\n", "\n");
    if (!eol.equals("\n")) {
      text = text.replace("\n", eol);
    }
    return switch (format) {
      case FXA -> insertFxa(existing, text, r, eol);
      case CLOG -> insertClog(existing, text, eol);
      case KEEPACHANGELOG -> insertKeepAChangelog(existing, text, r, eol, links);
    };
  }

  /** Whether {@code content} already holds a section for {@code version}. */
  public static boolean hasSection(ChangelogFormat format, String content, String version) {
    return indexOfLine(lines(content), line -> {
      String l = line.strip();
      return switch (format) {
        case FXA -> l.equals("## " + version) || l.startsWith("## " + version + " ");
        case CLOG -> l.startsWith("<a name=\"" + version + "\">");
        case KEEPACHANGELOG -> l.equals("## " + version) || l.startsWith("## " + version + " ")
            || l.startsWith("## [" + version + "]");
      };
    }) >= 0;
  }

  /** Release commits ({@code Release 1.2.3}) describe no change of their own; fxa leaves them out. */
  static boolean isReleaseCommit(ConventionalCommit commit) {
    return ConventionalCommitParser.OTHER.equals(commit.type()) && RELEASE_COMMIT.matcher(commit.subject()).matches();
  }

  // ---------------------------------------------------------------- fxa

  private static final Map<String, String> FXA_GROUPS = new LinkedHashMap<>();

  static {
    FXA_GROUPS.put("feat", "New features");
    FXA_GROUPS.put("fix", "Bug fixes");
    FXA_GROUPS.put("perf", "Performance improvements");
    FXA_GROUPS.put("refactor", "Refactorings");
    FXA_GROUPS.put("revert", "Reverted changes");
  }

  private static final String FXA_OTHER = "Other changes";

  private static String renderFxa(ChangelogRelease r, List<ConventionalCommit> commits, RepositoryLinks links) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String title : FXA_GROUPS.values()) {
      groups.put(title, new ArrayList<>());
    }
    groups.put(FXA_OTHER, new ArrayList<>());
    for (ConventionalCommit c : commits) {
      if (isReleaseCommit(c)) {
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
      line.append(" (").append(commitLink(c.shortHash(), c.hash(), links)).append(')');
      groups.get(FXA_GROUPS.getOrDefault(c.type(), FXA_OTHER)).add(line.toString());
    }
    StringBuilder out = new StringBuilder("## ").append(r.version()).append("\n\n");
    return appendGroups(out, groups, "No changes.");
  }

  private static String insertFxa(String existing, String section, ChangelogRelease r, String eol) {
    if (existing == null || existing.isBlank()) {
      return section;
    }
    List<String> lines = lines(existing);
    int at = -1;
    if (r.previousVersion() != null) {
      at = indexOfLine(lines, l -> l.equals("## " + r.previousVersion()) || l.startsWith("## " + r.previousVersion() + " "));
    }
    if (at < 0) {
      at = indexOfLine(lines, l -> l.startsWith("## "));
    }
    if (at < 0) {
      return appendAtEnd(existing, section, eol);
    }
    return insertBeforeLine(lines, at, section);
  }

  // ---------------------------------------------------------------- clog

  private static String insertClog(String existing, String section, String eol) {
    if (existing == null || existing.isEmpty()) {
      return section;
    }
    List<String> lines = lines(existing);
    int at = indexOfLine(lines, l -> l.startsWith("<a name="));
    if (at >= 0) {
      return insertBeforeLine(lines, at, section);
    }
    // No earlier release: keep a title, if there is one, above the first section.
    if (!lines.isEmpty() && stripEol(lines.get(0)).startsWith("# ")) {
      int after = 1;
      while (after < lines.size() && stripEol(lines.get(after)).isBlank()) {
        after++;
      }
      if (after >= lines.size()) {
        return appendAtEnd(existing, section, eol);
      }
      return insertBeforeLine(lines, after, section);
    }
    return section + existing;
  }

  // ---------------------------------------------------------------- keepachangelog

  private static final List<String> KAC_ORDER = List.of("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security");
  private static final Set<String> SECURITY_SCOPES = Set.of("security", "sec", "cve");

  /** The Keep a Changelog section a commit belongs to, or null when it is not user-facing. */
  static String keepAChangelogSection(ConventionalCommit c) {
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

  private static String renderKeepAChangelog(
      ChangelogRelease r, List<ConventionalCommit> commits, RepositoryLinks links) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String title : KAC_ORDER) {
      groups.put(title, new ArrayList<>());
    }
    for (ConventionalCommit c : commits) {
      String title = keepAChangelogSection(c);
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
      line.append(" (").append(commitLink(c.shortHash(), c.hash(), links)).append(')');
      groups.get(title).add(line.toString());
    }
    StringBuilder out = new StringBuilder("## [").append(r.version()).append("] - ").append(r.date()).append("\n\n");
    return appendGroups(out, groups, "No notable changes.");
  }

  /** Appends each non-empty group as a {@code ###} heading with its lines, or {@code whenEmpty}. */
  private static String appendGroups(StringBuilder out, Map<String, List<String>> groups, String whenEmpty) {
    boolean any = false;
    for (Map.Entry<String, List<String>> group : groups.entrySet()) {
      if (group.getValue().isEmpty()) {
        continue;
      }
      any = true;
      out.append("### ").append(group.getKey()).append("\n\n");
      for (String line : group.getValue()) {
        out.append(line).append('\n');
      }
      out.append('\n');
    }
    if (!any) {
      out.append(whenEmpty).append("\n\n");
    }
    return out.toString();
  }

  private static final String KAC_HEADER =
      "# Changelog\n\n"
          + "All notable changes to this project will be documented in this file.\n\n"
          + "The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n"
          + "and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n\n"
          + "## [Unreleased]\n\n";

  private static String insertKeepAChangelog(
      String existing, String section, ChangelogRelease r, String eol, RepositoryLinks links) {
    if (existing == null || existing.isBlank()) {
      String created = KAC_HEADER + section;
      if (links != null && links.known()) {
        created = created + "[unreleased]: " + links.compare(r.tag(), "HEAD") + "\n"
            + "[" + r.version() + "]: " + versionUrl(links, r) + "\n";
      }
      return created;
    }
    List<String> lines = lines(existing);
    int at = indexOfLine(lines, l -> l.startsWith("## ") && !isUnreleasedHeading(l));
    String withSection;
    if (at >= 0) {
      withSection = insertBeforeLine(lines, at, section);
    } else {
      int refs = firstTrailingLinkReference(lines);
      if (refs >= 0) {
        withSection = insertBeforeLine(lines, refs, section);
      } else {
        withSection = appendAtEnd(existing, section, eol);
      }
    }
    return updateLinkReferences(withSection, r, eol);
  }

  private static boolean isUnreleasedHeading(String line) {
    String l = line.substring(3).strip().toLowerCase(Locale.ROOT);
    return l.startsWith("[unreleased]") || l.startsWith("unreleased");
  }

  /** Index of the first line of the link-reference block at the end of the file, or -1. */
  private static int firstTrailingLinkReference(List<String> lines) {
    int i = lines.size() - 1;
    while (i >= 0 && stripEol(lines.get(i)).isBlank()) {
      i--;
    }
    int first = -1;
    while (i >= 0) {
      String l = stripEol(lines.get(i));
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
  private static String updateLinkReferences(String content, ChangelogRelease r, String eol) {
    List<String> lines = lines(content);
    int unreleased = -1;
    int previous = -1;
    String base = null;
    for (int i = 0; i < lines.size(); i++) {
      Matcher ref = LINK_REFERENCE.matcher(stripEol(lines.get(i)));
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
        String text = stripEol(line);
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

  private static String versionUrl(RepositoryLinks links, ChangelogRelease r) {
    if (r.previousTag() == null) {
      return links.serverUrl() + "/" + links.repository() + "/releases/tag/" + r.tag();
    }
    return links.compare(r.previousTag(), r.tag());
  }

  // ---------------------------------------------------------------- helpers

  private static String commitLink(String shortHash, String hash, RepositoryLinks links) {
    return links == null ? shortHash : "[" + shortHash + "](" + links.commit(hash) + ")";
  }

  /** Lines with their own line endings kept, so joining them gives the input back byte for byte. */
  private static List<String> lines(String content) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < content.length(); i++) {
      if (content.charAt(i) == '\n') {
        lines.add(content.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < content.length()) {
      lines.add(content.substring(start));
    }
    return lines;
  }

  private static String stripEol(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return line.substring(0, end);
  }

  private static int indexOfLine(List<String> lines, java.util.function.Predicate<String> test) {
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = stripEol(lines.get(i));
      if (l.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (!inFence && test.test(l.stripTrailing())) {
        return i;
      }
    }
    return -1;
  }

  private static String insertBeforeLine(List<String> lines, int at, String section) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i == at) {
        out.append(section);
      }
      out.append(lines.get(i));
    }
    return out.toString();
  }

  private static String appendAtEnd(String existing, String section, String eol) {
    StringBuilder out = new StringBuilder(existing);
    if (!existing.endsWith("\n")) {
      out.append(eol);
    }
    if (!existing.endsWith("\n\n") && !existing.endsWith("\r\n\r\n")) {
      out.append(eol);
    }
    return out.append(section).toString();
  }
}
