package dev.trainyard.changelog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What clog-cli reads from {@code .clog.toml} (or its command-line equivalents) that shapes a
 * changelog in the clog format: the repository links point into, their style, the sections with the
 * commit types that land in each, and whether the range starts at the latest tag.
 *
 * <p>Without a {@code .clog.toml}, the sections are the ones syncstorage-rs uses (features, bug
 * fixes, performance, refactor, chore, doc, test). With one, they are clog's own built-in sections
 * (Features: ft, feat; Bug Fixes: fx, fix; Performance: perf) plus and overridden by the file's
 * {@code [sections]}, exactly as clog builds them, so a type the file does not list is left out as
 * clog leaves it out.
 *
 * @param repository the repository URL links start with ({@code https://github.com/o/n}), or null
 *     to use the one trainyard knows (github.repository, GITHUB_REPOSITORY, the remote's URL)
 * @param linkStyle how commit and issue links are built
 * @param sections section title to the commit types it collects, in the order sections are written
 * @param fromLatestTag {@code from-latest-tag}: the range starts at the most recently tagged commit
 * @param changelog the changelog file clog writes ({@code changelog}), or null for CHANGELOG.md
 * @param source where the settings come from, for messages: {@code .clog.toml} or {@code defaults}
 */
public record ClogSettings(
    String repository,
    LinkStyle linkStyle,
    Map<String, List<String>> sections,
    boolean fromLatestTag,
    String changelog,
    String source) {

  public static final String FILE = ".clog.toml";

  /** trainyard's clog sections when there is no {@code .clog.toml}: the sync-storage set. */
  public static final ClogSettings DEFAULTS = new ClogSettings(null, LinkStyle.GITHUB, defaultSections(), false, null,
      "defaults");

  public ClogSettings {
    Objects.requireNonNull(linkStyle, "linkStyle");
    Objects.requireNonNull(source, "source");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    sections.forEach((title, types) -> copy.put(title, List.copyOf(types)));
    sections = java.util.Collections.unmodifiableMap(copy);
    repository = repository == null || repository.isBlank() ? null : withoutTrailingSlash(repository.strip());
    changelog = changelog == null || changelog.isBlank() ? null : changelog.strip();
  }

  private static Map<String, List<String>> defaultSections() {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    sections.put("Features", List.of("feat", "feature"));
    sections.put("Bug Fixes", List.of("fix", "bug"));
    sections.put("Performance", List.of("perf"));
    sections.put("Refactor", List.of("refactor"));
    sections.put("Chore", List.of("chore"));
    sections.put("Doc", List.of("docs", "doc"));
    sections.put("Test", List.of("test", "tests"));
    return sections;
  }

  /** clog's own sections, before a {@code .clog.toml} adds to them. */
  private static Map<String, List<String>> clogBuiltInSections() {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    sections.put("Features", List.of("ft", "feat"));
    sections.put("Bug Fixes", List.of("fx", "fix"));
    sections.put("Performance", List.of("perf"));
    return sections;
  }

  /** The section title for a commit type, or null when no section collects it. */
  public String sectionOf(String type) {
    for (Map.Entry<String, List<String>> section : sections.entrySet()) {
      if (section.getValue().contains(type)) {
        return section.getKey();
      }
    }
    return null;
  }

  public ClogSettings withRepository(String newRepository) {
    return new ClogSettings(newRepository, linkStyle, sections, fromLatestTag, changelog, source);
  }

  public ClogSettings withLinkStyle(LinkStyle newStyle) {
    return new ClogSettings(repository, newStyle, sections, fromLatestTag, changelog, source);
  }

  public ClogSettings withFromLatestTag(boolean value) {
    return new ClogSettings(repository, linkStyle, sections, value, changelog, source);
  }

  /**
   * The settings of the repository at {@code workTree}: its {@code .clog.toml} when there is one
   * (an unreadable or malformed file is an error naming it), else {@link #DEFAULTS}.
   */
  public static ClogSettings read(Path workTree) {
    Path file = workTree.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return DEFAULTS;
    }
    String text;
    try {
      if (Files.size(file) > 1_000_000) {
        throw TrainyardException.invalidInput(FILE + " is larger than 1 MB", "a clog configuration is a few lines");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw TrainyardException.repositoryState("cannot read " + FILE + ": " + e.getMessage(), null);
    }
    return parse(text);
  }

  /** Reads the text of a {@code .clog.toml}. */
  public static ClogSettings parse(String toml) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
      throw TrainyardException.invalidInput(FILE + where + ": not valid TOML: " + e.getOriginalMessage(),
          "fix the file, or delete it to use trainyard's clog defaults");
    }
    JsonNode clog = root == null ? null : root.get("clog");
    if (clog == null || !clog.isObject()) {
      throw TrainyardException.invalidInput(FILE + ": no [clog] table",
          "clog needs a [clog] table (repository, link-style, from-latest-tag, changelog)");
    }
    String repository = text(clog, "repository");
    String style = text(clog, "link-style");
    LinkStyle linkStyle = style == null ? LinkStyle.GITHUB : LinkStyle.parse(style, FILE + ": link-style");
    JsonNode latest = clog.get("from-latest-tag");
    if (latest != null && !latest.isBoolean()) {
      throw TrainyardException.invalidInput(FILE + ": from-latest-tag must be true or false", null);
    }
    Map<String, List<String>> sections = clogBuiltInSections();
    JsonNode table = root.get("sections");
    if (table != null) {
      if (!table.isObject()) {
        throw TrainyardException.invalidInput(FILE + ": [sections] must be a table of title = [\"type\", ...]", null);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> section = it.next();
        if (!section.getValue().isArray()) {
          throw TrainyardException.invalidInput(FILE + ": sections." + section.getKey()
              + " must be a list of commit types, e.g. [\"feat\", \"feature\"]", null);
        }
        List<String> types = new ArrayList<>();
        section.getValue().forEach(type -> types.add(type.asText()));
        sections.put(section.getKey(), types);
      }
    }
    return new ClogSettings(repository, linkStyle, sections, latest != null && latest.asBoolean(),
        text(clog, "changelog"), FILE);
  }

  private static String text(JsonNode table, String key) {
    JsonNode value = table.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw TrainyardException.invalidInput(FILE + ": " + key + " must be a string", null);
    }
    return value.asText();
  }

  private static String withoutTrailingSlash(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
  }

  /** clog's link styles: how a commit hash and an issue number become URLs under the repository. */
  public enum LinkStyle {
    GITHUB, GITLAB, STASH, CGIT, GITWEB;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The commit's URL under {@code repository}. */
    public String commit(String repository, String hash) {
      return switch (this) {
        case GITHUB, GITLAB -> repository + "/commit/" + hash;
        case STASH -> repository + "/commits/" + hash;
        case CGIT -> repository + "/commit/?id=" + hash;
        case GITWEB -> repository + ";a=commit;h=" + hash;
      };
    }

    /** The issue's URL, or null where the style has no issue pages (stash, cgit, gitweb). */
    public String issue(String repository, int number) {
      return switch (this) {
        case GITHUB, GITLAB -> repository + "/issues/" + number;
        case STASH, CGIT, GITWEB -> null;
      };
    }

    /** Parses {@code github}, {@code gitlab}, {@code stash}, {@code cgit} or {@code gitweb}, any case. */
    public static LinkStyle parse(String value, String source) {
      for (LinkStyle style : values()) {
        if (style.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
          return style;
        }
      }
      throw TrainyardException.invalidInput(source + ": unknown link style '" + value
          + "' (valid: github, gitlab, stash, cgit, gitweb)", "use one of: github, gitlab, stash, cgit, gitweb");
    }

    @Override
    public String toString() {
      return id();
    }
  }
}
