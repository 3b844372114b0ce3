package dev.trainyard.bump;

import dev.trainyard.TrainyardException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the version string(s) of one package in a version file and nothing else: indentation,
 * key order, comments, line endings and the final newline stay byte for byte. Each format is read
 * with a small scanner that finds the exact character span of the value, so the rest of the file
 * is never reformatted by a serializer.
 */
public final class VersionBumper {

  private static final Pattern SAFE_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]*");

  private VersionBumper() {}

  /** A character range of {@code content} holding an old version. */
  private record Span(int start, int end) {}

  /**
   * @param packageName the package whose entry to bump: the crate name for a Cargo.lock with several
   *     local crates, the npm name of a workspace member for a workspace root's package-lock.json;
   *     ignored where the file holds one package only (then any name, or null, will do)
   * @return {@code content} with the version(s) replaced by {@code newVersion}
   * @throws TrainyardException (INVALID_INPUT) naming the file kind when the version is not found
   */
  public static String bump(VersionFileKind kind, String content, String packageName, String newVersion) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    if (newVersion == null || !SAFE_VERSION.matcher(newVersion).matches()) {
      throw TrainyardException.invalidInput(
          "version '" + newVersion + "' cannot be written to " + kind.fileName(),
          "a version is letters, digits and . + _ - only, e.g. 1.2.3 or 1.2.3-rc.1");
    }
    List<Span> spans = switch (kind) {
      case PACKAGE_JSON -> packageJson(content);
      case PACKAGE_LOCK_JSON -> packageLock(content, packageName);
      case CARGO_TOML -> tomlTables(content, kind, List.of("package", "workspace.package"),
          "no version in [package] or [workspace.package]",
          "a crate that inherits version.workspace = true is bumped in the workspace's Cargo.toml");
      case CARGO_LOCK -> cargoLock(content, packageName);
      case POM_XML -> pom(content);
      case PYPROJECT_TOML -> tomlTables(content, kind, List.of("project", "tool.poetry"),
          "no version in [project] or [tool.poetry]",
          "with dynamic = [\"version\"] the version lives elsewhere (setup.py, a version file or a VCS plugin); bump that instead");
      case SETUP_PY -> setupPy(content);
    };
    StringBuilder out = new StringBuilder(content);
    spans.sort((a, b) -> Integer.compare(b.start, a.start));
    for (Span span : spans) {
      out.replace(span.start, span.end, newVersion);
    }
    return out.toString();
  }

  private static TrainyardException notFound(VersionFileKind kind, String what, String hint) {
    return TrainyardException.invalidInput(kind.fileName() + ": " + what, hint);
  }

  // ------------------------------------------------------------------ JSON

  /** A JSON string value: where its characters are (between the quotes) and what it says. */
  private record JsonString(Span span, String value) {}

  private static List<Span> packageJson(String content) {
    Map<List<String>, JsonString> values = JsonScanner.strings(content, VersionFileKind.PACKAGE_JSON);
    JsonString version = values.get(List.of("version"));
    if (version == null) {
      throw notFound(VersionFileKind.PACKAGE_JSON, "no top-level \"version\" field", "add \"version\": \"0.0.0\" to the package");
    }
    return new ArrayList<>(List.of(version.span()));
  }

  private static List<Span> packageLock(String content, String packageName) {
    VersionFileKind kind = VersionFileKind.PACKAGE_LOCK_JSON;
    Map<List<String>, JsonString> values = JsonScanner.strings(content, kind);
    JsonString rootName = values.get(List.of("name"));
    List<Span> spans = new ArrayList<>();
    boolean workspaceRoot = values.keySet().stream().anyMatch(path -> path.size() >= 2 && path.get(0).equals("packages")
        && !path.get(1).isEmpty() && !path.get(1).contains("node_modules/"));
    // A lock without workspace members belongs to one package, whatever trainyard calls it.
    if (packageName == null || rootName == null || rootName.value().equals(packageName) || !workspaceRoot) {
      JsonString top = values.get(List.of("version"));
      JsonString root = values.get(List.of("packages", "", "version"));
      if (top != null) {
        spans.add(top.span());
      }
      if (root != null) {
        spans.add(root.span());
      }
      if (spans.isEmpty()) {
        throw notFound(kind, "no top-level \"version\" and no packages[\"\"].version",
            "regenerate the lock file with npm install");
      }
      return spans;
    }
    // A workspace member: its entry under "packages" is keyed by folder and carries its name.
    for (Map.Entry<List<String>, JsonString> e : values.entrySet()) {
      List<String> path = e.getKey();
      if (path.size() == 3 && path.get(0).equals("packages") && path.get(2).equals("name")
          && e.getValue().value().equals(packageName) && !path.get(1).contains("node_modules/")) {
        JsonString version = values.get(List.of("packages", path.get(1), "version"));
        if (version != null) {
          spans.add(version.span());
        }
      }
    }
    if (spans.isEmpty()) {
      throw notFound(kind, "no workspace package named '" + packageName + "' with a version",
          "check the package name, or regenerate the lock file with npm install");
    }
    return spans;
  }

  /**
   * Reads JSON just far enough to know the path of every string value and its exact span. Numbers,
   * literals, arrays and nesting are skipped over, never rewritten.
   */
  private static final class JsonScanner {
    private final String s;
    private final VersionFileKind kind;
    private int i;
    private final Map<List<String>, JsonString> strings = new LinkedHashMap<>();

    private JsonScanner(String s, VersionFileKind kind) {
      this.s = s;
      this.kind = kind;
    }

    static Map<List<String>, JsonString> strings(String content, VersionFileKind kind) {
      JsonScanner scanner = new JsonScanner(content, kind);
      scanner.skipBlanks();
      if (scanner.i < content.length() && content.charAt(scanner.i) == '\uFEFF') {
        scanner.i++;
        scanner.skipBlanks();
      }
      scanner.value(new ArrayList<>());
      return scanner.strings;
    }

    private void value(List<String> path) {
      skipBlanks();
      if (i >= s.length()) {
        throw malformed("unexpected end of file");
      }
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        skipBlanks();
        if (peek() == '}') {
          i++;
          return;
        }
        while (true) {
          skipBlanks();
          if (peek() != '"') {
            throw malformed("expected a key");
          }
          String key = string().value();
          skipBlanks();
          if (peek() != ':') {
            throw malformed("expected ':'");
          }
          i++;
          List<String> child = new ArrayList<>(path);
          child.add(key);
          value(child);
          skipBlanks();
          char next = peek();
          if (next != ',' && next != '}') {
            throw malformed("expected ',' or '}'");
          }
          i++;
          if (next == '}') {
            return;
          }
        }
      } else if (c == '[') {
        i++;
        skipBlanks();
        if (peek() == ']') {
          i++;
          return;
        }
        int index = 0;
        while (true) {
          List<String> child = new ArrayList<>(path);
          child.add("[" + index++ + "]");
          value(child);
          skipBlanks();
          char next = peek();
          if (next != ',' && next != ']') {
            throw malformed("expected ',' or ']'");
          }
          i++;
          if (next == ']') {
            return;
          }
        }
      } else if (c == '"') {
        strings.put(List.copyOf(path), string());
      } else {
        while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
          i++;
        }
      }
    }

    private JsonString string() {
      int start = ++i;
      StringBuilder value = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '"') {
          JsonString result = new JsonString(new Span(start, i), value.toString());
          i++;
          return result;
        }
        if (c == '\\' && i + 1 < s.length()) {
          char e = s.charAt(i + 1);
          if (e == 'u' && i + 5 < s.length()) {
            value.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          value.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> e;
          });
          i += 2;
          continue;
        }
        value.append(c);
        i++;
      }
      throw malformed("unterminated string");
    }

    private char peek() {
      if (i >= s.length()) {
        throw malformed("unexpected end of file");
      }
      return s.charAt(i);
    }

    private void skipBlanks() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private TrainyardException malformed(String what) {
      int line = 1;
      int column = 1;
      for (int k = 0; k < Math.min(i, s.length()); k++) {
        if (s.charAt(k) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return TrainyardException.invalidInput(
          kind.fileName() + ":" + line + ":" + column + ": not valid JSON (" + what + ")", "fix the file, then run again");
    }
  }

  // ------------------------------------------------------------------ TOML

  private static final Pattern TOML_TABLE = Pattern.compile("^\\s*\\[(\\[)?\\s*([^\\[\\]]+?)\\s*\\]\\]?\\s*(?:#.*)?$");
  private static final Pattern TOML_VERSION =
      Pattern.compile("^\\s*(?:\"version\"|'version'|version)\\s*=\\s*(?:\"(?<dq>[^\"\\\\]*)\"|'(?<sq>[^']*)')");
  private static final Pattern TOML_NAME =
      Pattern.compile("^\\s*name\\s*=\\s*(?:\"(?<dq>[^\"\\\\]*)\"|'(?<sq>[^']*)')");
  private static final Pattern TOML_SOURCE = Pattern.compile("^\\s*source\\s*=");

  /** One line of a TOML file and the table it sits in; multi-line strings are skipped. */
  private record TomlLine(int offset, String text, String table, boolean arrayTable, int tableIndex) {}

  private static List<TomlLine> tomlLines(String content) {
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
        Matcher header = TOML_TABLE.matcher(text);
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
    Matcher m = TOML_VERSION.matcher(line.text());
    if (!m.find()) {
      return null;
    }
    String group = m.group("dq") != null ? "dq" : "sq";
    return new Span(line.offset() + m.start(group), line.offset() + m.end(group));
  }

  private static List<Span> tomlTables(
      String content, VersionFileKind kind, List<String> tables, String what, String hint) {
    List<Span> spans = new ArrayList<>();
    for (TomlLine line : tomlLines(content)) {
      if (!line.arrayTable() && tables.contains(line.table())) {
        Span span = versionSpan(line);
        if (span != null) {
          spans.add(span);
        }
      }
    }
    if (spans.isEmpty()) {
      throw notFound(kind, what, hint);
    }
    return spans;
  }

  private static List<Span> cargoLock(String content, String packageName) {
    VersionFileKind kind = VersionFileKind.CARGO_LOCK;
    // Group the lines of each [[package]] entry; only entries without "source" are this workspace's.
    Map<Integer, List<TomlLine>> entries = new LinkedHashMap<>();
    for (TomlLine line : tomlLines(content)) {
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
        Matcher name = TOML_NAME.matcher(line.text());
        if (name.find() && packageName != null
            && packageName.equals(name.group("dq") != null ? name.group("dq") : name.group("sq"))) {
          named = true;
        }
        if (TOML_SOURCE.matcher(line.text()).find()) {
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
      throw notFound(kind, "no package name given and " + local.size() + " local [[package]] entries",
          "name the crate whose [[package]] entry to bump");
    }
    if (spans.isEmpty()) {
      throw notFound(kind, "no local [[package]] named '" + packageName + "'",
          "check the crate name in Cargo.toml; entries with a source are dependencies, not this workspace");
    }
    return spans;
  }

  // ------------------------------------------------------------------ pom.xml

  private static final Pattern PROPERTY_REFERENCE = Pattern.compile("^\\$\\{([^}]+)\\}$");

  private static List<Span> pom(String content) {
    VersionFileKind kind = VersionFileKind.POM_XML;
    Map<String, Span> texts = xmlTexts(content);
    Span own = texts.get("project/version");
    if (own == null) {
      String hint = texts.containsKey("project/parent/version")
          ? "this module inherits its version from <parent>; bump the parent's pom.xml"
          : "add <version> to the <project>";
      throw notFound(kind, "no <version> of the project itself", hint);
    }
    Matcher property = PROPERTY_REFERENCE.matcher(content.substring(own.start(), own.end()));
    if (property.matches()) {
      // CI-friendly versions (${revision}): the number lives in <properties>.
      Span defined = texts.get("project/properties/" + property.group(1));
      if (defined == null) {
        throw notFound(kind, "<version> is ${" + property.group(1) + "} but <properties> does not define it",
            "define the property in this pom.xml or pass it on the build's command line");
      }
      return new ArrayList<>(List.of(defined));
    }
    return new ArrayList<>(List.of(own));
  }

  /**
   * The trimmed text span of every element without child elements, up to three levels deep, keyed
   * by its path of local names ({@code project/version}). Comments, CDATA, processing instructions
   * and the DOCTYPE are skipped, so a commented-out version never matches.
   */
  private static Map<String, Span> xmlTexts(String s) {
    Map<String, Span> texts = new LinkedHashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    int textStart = -1;
    int i = 0;
    while (true) {
      int lt = s.indexOf('<', i);
      if (lt < 0) {
        break;
      }
      if (s.startsWith("<!--", lt)) {
        i = endOf(s, "-->", lt);
        textStart = -1;
      } else if (s.startsWith("<![CDATA[", lt)) {
        i = endOf(s, "]]>", lt);
        textStart = -1;
      } else if (s.startsWith("<?", lt)) {
        i = endOf(s, "?>", lt);
      } else if (s.startsWith("<!", lt)) {
        i = endOf(s, ">", lt);
      } else if (s.startsWith("</", lt)) {
        int gt = endOf(s, ">", lt);
        if (textStart >= 0 && !stack.isEmpty() && stack.size() <= 3) {
          int start = textStart;
          int end = lt;
          while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
          }
          while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
          }
          List<String> path = new ArrayList<>(stack);
          java.util.Collections.reverse(path);
          texts.putIfAbsent(String.join("/", path), new Span(start, end));
        }
        if (!stack.isEmpty()) {
          stack.pop();
        }
        textStart = -1;
        i = gt;
      } else {
        int gt = tagEnd(s, lt);
        String tag = s.substring(lt + 1, gt - 1);
        boolean selfClosing = tag.endsWith("/");
        String name = tag.split("[\\s/]", 2)[0];
        int colon = name.indexOf(':');
        if (colon >= 0) {
          name = name.substring(colon + 1);
        }
        if (!selfClosing) {
          stack.push(name);
          textStart = gt;
        } else {
          textStart = -1;
        }
        i = gt;
      }
    }
    return texts;
  }

  private static int endOf(String s, String terminator, int from) {
    int at = s.indexOf(terminator, from);
    if (at < 0) {
      throw TrainyardException.invalidInput("pom.xml: not well-formed XML (missing '" + terminator + "')",
          "fix the file, then run again");
    }
    return at + terminator.length();
  }

  private static int tagEnd(String s, int lt) {
    char quote = 0;
    for (int k = lt + 1; k < s.length(); k++) {
      char c = s.charAt(k);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return k + 1;
      }
    }
    throw TrainyardException.invalidInput("pom.xml: not well-formed XML (unclosed tag)", "fix the file, then run again");
  }

  // ------------------------------------------------------------------ setup.py

  private static final Pattern SETUP_CALL = Pattern.compile("\\bsetup\\s*\\(");
  private static final Pattern SETUP_VERSION =
      Pattern.compile("\\bversion\\s*=\\s*(?:\"(?<dq>[^\"\\\\\\n]*)\"|'(?<sq>[^'\\\\\\n]*)')");
  private static final Pattern SETUP_VERSION_NOT_LITERAL = Pattern.compile("\\bversion\\s*=\\s*(?<expr>[^,)\\n]+)");

  private static List<Span> setupPy(String content) {
    VersionFileKind kind = VersionFileKind.SETUP_PY;
    Matcher call = SETUP_CALL.matcher(content);
    while (call.find()) {
      int lineStart = content.lastIndexOf('\n', call.start()) + 1;
      String before = content.substring(lineStart, call.start());
      if (before.contains("#") || before.strip().startsWith("def")) {
        continue;
      }
      int close = matchingParenthesis(content, call.end() - 1);
      String arguments = content.substring(call.end(), close);
      Matcher version = SETUP_VERSION.matcher(arguments);
      if (version.find()) {
        String group = version.group("dq") != null ? "dq" : "sq";
        return new ArrayList<>(List.of(new Span(call.end() + version.start(group), call.end() + version.end(group))));
      }
      Matcher expression = SETUP_VERSION_NOT_LITERAL.matcher(arguments);
      if (expression.find()) {
        throw notFound(kind, "setup() takes its version from '" + expression.group("expr").strip() + "', not a string",
            "bump the file that defines it, or write version=\"X.Y.Z\" in setup()");
      }
    }
    throw notFound(kind, "no version=\"...\" argument in setup()", "add version=\"0.0.0\" to the setup() call");
  }

  /** Index of the parenthesis closing the one at {@code open}, skipping strings and comments. */
  private static int matchingParenthesis(String s, int open) {
    int depth = 0;
    char quote = 0;
    for (int k = open; k < s.length(); k++) {
      char c = s.charAt(k);
      if (quote != 0) {
        if (c == '\\') {
          k++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        int nl = s.indexOf('\n', k);
        k = nl < 0 ? s.length() : nl;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return k;
        }
      }
    }
    return s.length();
  }
}
