package dev.trainyard.changelog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes one release's section of a CHANGELOG.md ({@link FxaChangelog}, {@link ClogChangelog},
 * {@link KeepAChangelog}) and puts it into the existing file ({@link ChangelogInserter}).
 *
 * <p>Sections are plain strings with {@code \n} line endings; {@link #insert} converts them to the
 * file's own line endings, so a CRLF file stays CRLF.
 */
public final class ChangelogRenderer {

  private static final Pattern RELEASE_COMMIT = Pattern.compile("^Release v?\\d+\\.\\d+\\.\\d+\\S*$");

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
      case FXA -> FxaChangelog.render(r, list, known);
      case CLOG -> ClogChangelog.render(r, list, known, clog == null ? ClogSettings.DEFAULTS : clog);
      case KEEPACHANGELOG -> KeepAChangelog.render(r, list, known);
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
    return ChangelogInserter.insert(format, existing, section, r, links);
  }

  /** Whether {@code content} already holds a section for {@code version}. */
  public static boolean hasSection(ChangelogFormat format, String content, String version) {
    return ChangelogInserter.hasSection(format, content, version);
  }

  /** Release commits ({@code Release 1.2.3}) describe no change of their own; fxa leaves them out. */
  static boolean isReleaseCommit(ConventionalCommit commit) {
    return ConventionalCommitParser.OTHER.equals(commit.type()) && RELEASE_COMMIT.matcher(commit.subject()).matches();
  }

  /** The Keep a Changelog section a commit belongs to, or null when it is not user-facing. */
  static String keepAChangelogSection(ConventionalCommit c) {
    return KeepAChangelog.section(c);
  }

  /** Appends each non-empty group as a {@code ###} heading with its lines, or {@code whenEmpty}. */
  static String appendGroups(StringBuilder out, Map<String, List<String>> groups, String whenEmpty) {
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

  static String commitLink(String shortHash, String hash, RepositoryLinks links) {
    return links == null ? shortHash : "[" + shortHash + "](" + links.commit(hash) + ")";
  }
}
