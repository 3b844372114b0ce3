package dev.trainyard.changelog;

import java.util.List;
import java.util.Objects;

/**
 * Puts a rendered section into an existing CHANGELOG.md, per format. Every byte outside the
 * inserted section stays as it was, except Keep a Changelog's link references.
 */
final class ChangelogInserter {
  private ChangelogInserter() {}

  /** See {@link ChangelogRenderer#insert(ChangelogFormat, String, String, ChangelogRelease, RepositoryLinks)}. */
  static String insert(
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
      case FXA -> fxa(existing, text, r, eol);
      case CLOG -> clog(existing, text, eol);
      case KEEPACHANGELOG -> keepAChangelog(existing, text, r, eol, links);
    };
  }

  /** See {@link ChangelogRenderer#hasSection}. */
  static boolean hasSection(ChangelogFormat format, String content, String version) {
    return ChangelogLines.indexOfLine(ChangelogLines.lines(content), line -> {
      String l = line.strip();
      return switch (format) {
        case FXA -> l.equals("## " + version) || l.startsWith("## " + version + " ");
        case CLOG -> l.startsWith("<a name=\"" + version + "\">");
        case KEEPACHANGELOG -> l.equals("## " + version) || l.startsWith("## " + version + " ")
            || l.startsWith("## [" + version + "]");
      };
    }) >= 0;
  }

  private static String fxa(String existing, String section, ChangelogRelease r, String eol) {
    if (existing == null || existing.isBlank()) {
      return section;
    }
    List<String> lines = ChangelogLines.lines(existing);
    int at = -1;
    if (r.previousVersion() != null) {
      at = ChangelogLines.indexOfLine(lines, l -> l.equals("## " + r.previousVersion()) || l.startsWith("## " + r.previousVersion() + " "));
    }
    if (at < 0) {
      at = ChangelogLines.indexOfLine(lines, l -> l.startsWith("## "));
    }
    if (at < 0) {
      return ChangelogLines.appendAtEnd(existing, section, eol);
    }
    return ChangelogLines.insertBefore(lines, at, section);
  }

  private static String clog(String existing, String section, String eol) {
    if (existing == null || existing.isEmpty()) {
      return section;
    }
    List<String> lines = ChangelogLines.lines(existing);
    int at = ChangelogLines.indexOfLine(lines, l -> l.startsWith("<a name="));
    if (at >= 0) {
      return ChangelogLines.insertBefore(lines, at, section);
    }
    // No earlier release: keep a title, if there is one, above the first section.
    if (!lines.isEmpty() && ChangelogLines.stripEol(lines.get(0)).startsWith("# ")) {
      int after = 1;
      while (after < lines.size() && ChangelogLines.stripEol(lines.get(after)).isBlank()) {
        after++;
      }
      if (after >= lines.size()) {
        return ChangelogLines.appendAtEnd(existing, section, eol);
      }
      return ChangelogLines.insertBefore(lines, after, section);
    }
    return section + existing;
  }

  private static String keepAChangelog(
      String existing, String section, ChangelogRelease r, String eol, RepositoryLinks links) {
    if (existing == null || existing.isBlank()) {
      String created = KeepAChangelogLinks.HEADER + section;
      if (links != null && links.known()) {
        created = created + "[unreleased]: " + links.compare(r.tag(), "HEAD") + "\n"
            + "[" + r.version() + "]: " + KeepAChangelogLinks.versionUrl(links, r) + "\n";
      }
      return created;
    }
    List<String> lines = ChangelogLines.lines(existing);
    int at = ChangelogLines.indexOfLine(lines, l -> l.startsWith("## ") && !KeepAChangelogLinks.isUnreleasedHeading(l));
    String withSection;
    if (at >= 0) {
      withSection = ChangelogLines.insertBefore(lines, at, section);
    } else {
      int refs = KeepAChangelogLinks.firstTrailingLinkReference(lines);
      if (refs >= 0) {
        withSection = ChangelogLines.insertBefore(lines, refs, section);
      } else {
        withSection = ChangelogLines.appendAtEnd(existing, section, eol);
      }
    }
    return KeepAChangelogLinks.update(withSection, r, eol);
  }
}
