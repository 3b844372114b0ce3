package dev.trainyard.bump;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cargo.toml, Cargo.lock and pyproject.toml: the version line of the right table, read line by line
 * (multi-line strings skipped) so nothing else in the file is touched.
 */
final class TomlVersionFiles {
  private TomlVersionFiles() {}

  private static final Pattern TABLE = Pattern.compile("^\\s*\\[(\\[)?\\s*([^\\[\\]]+?)\\s*\\]\\]?\\s*(?:#.*)?$");
  private static final Pattern VERSION =
      Pattern.compile("^\\s*(?:\"version\"|'version'|version)\\s*=\\s*(?:\"(?<dq>[^\"\\\\]*)\"|'(?<sq>[^']*)')");
  private static final Pattern NAME =
      Pattern.compile("^\\s*name\\s*=\\s*(?:\"(?<dq>[^\"\\\\]*)\"|'(?<sq>[^']*)')");
  private static final Pattern SOURCE = Pattern.compile("^\\s*source\\s*=");

  /** One line of a TOML file and the table it sits in; multi-line strings are skipped. */
  private record TomlLine(int offset, String text, String table, boolean arrayTable, int tableIndex) {}

  private static List<TomlLine> lines(String content) {
    List<TomlLine> lines = new ArrayList<>();
    String table = "";
    boolean arrayTable = false;
    int tableIndex = 0;
    boolean inMultiline = false;
    String delimiter = null;
    int offset = 0;
    while (offset < content.length()) {
      int nl = content.indexOf('\n', offset);
      int end = nl < 0 ? content.length() : nl;
      String text = content.substring(offset, end);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (inMultiline) {
        if (count(text, delimiter) % 2 == 1) {
          inMultiline = false;
        }
      } else {
        Matcher header = TABLE.matcher(text);
        if (header.matches()) {
          table = header.group(2).replace(" ", "").replace("\"", "");
          arrayTable = header.group(1) != null;
          tableIndex++;
        } else {
          lines.add(new TomlLine(offset, text, table, arrayTable, tableIndex));
          for (String d : new String[] {"\"\"\"", "'''"}) {
            if (count(text, d) % 2 == 1) {
              inMultiline = true;
              delimiter = d;
              break;
            }
          }
        }
      }
      offset = end + 1;
    }
    return lines;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      n++;
    }
    return n;
  }

  private static Span versionSpan(TomlLine line) {
    Matcher m = VERSION.matcher(line.text());
    if (!m.find()) {
      return null;
    }
    String group = m.group("dq") != null ? "dq" : "sq";
    return new Span(line.offset() + m.start(group), line.offset() + m.end(group));
  }

  static List<Span> tables(
      String content, VersionFileKind kind, List<String> tables, String what, String hint) {
    List<Span> spans = new ArrayList<>();
    for (TomlLine line : lines(content)) {
      if (!line.arrayTable() && tables.contains(line.table())) {
        Span span = versionSpan(line);
        if (span != null) {
          spans.add(span);
        }
      }
    }
    if (spans.isEmpty()) {
      throw VersionBumper.notFound(kind, what, hint);
    }
    return spans;
  }

  static List<Span> cargoLock(String content, String packageName) {
    VersionFileKind kind = VersionFileKind.CARGO_LOCK;
    // Group the lines of each [[package]] entry; only entries without "source" are this workspace's.
    Map<Integer, List<TomlLine>> entries = new LinkedHashMap<>();
    for (TomlLine line : lines(content)) {
      if (line.arrayTable() && line.table().equals("package")) {
        entries.computeIfAbsent(line.tableIndex(), k -> new ArrayList<>()).add(line);
      }
    }
    List<Span> spans = new ArrayList<>();
    List<Span> local = new ArrayList<>();
    for (List<TomlLine> entry : entries.values()) {
      boolean named = false;
      boolean fromRegistry = false;
      Span version = null;
      for (TomlLine line : entry) {
        Matcher name = NAME.matcher(line.text());
        if (name.find() && packageName != null
            && packageName.equals(name.group("dq") != null ? name.group("dq") : name.group("sq"))) {
          named = true;
        }
        if (SOURCE.matcher(line.text()).find()) {
          fromRegistry = true;
        }
        Span span = versionSpan(line);
        if (span != null) {
          version = span;
        }
      }
      if (named && !fromRegistry && version != null) {
        spans.add(version);
      }
      if (!fromRegistry && version != null) {
        local.add(version);
      }
    }
    if (spans.isEmpty() && local.size() == 1) {
      // A single-crate lock has one local entry: that is this package even if named differently.
      return local;
    }
    if (spans.isEmpty() && (packageName == null || packageName.isBlank())) {
      throw VersionBumper.notFound(kind, "no package name given and " + local.size() + " local [[package]] entries",
          "name the crate whose [[package]] entry to bump");
    }
    if (spans.isEmpty()) {
      throw VersionBumper.notFound(kind, "no local [[package]] named '" + packageName + "'",
          "check the crate name in Cargo.toml; entries with a source are dependencies, not this workspace");
    }
    return spans;
  }
}
