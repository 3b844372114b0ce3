package dev.trainyard.bump;

import dev.trainyard.TrainyardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON just far enough to know the path of every string value ({@code ["packages", "", "version"]},
 * array elements as {@code "[0]"}) and the exact span of its characters. Numbers, literals and
 * nesting are skipped over, never rewritten.
 */
final class JsonStrings {
  /** A string value: where its characters are (between the quotes) and what it says. */
  record Found(Span span, String value) {}

  private final String s;
  private final VersionFileKind kind;
  private final Map<List<String>, Found> found = new LinkedHashMap<>();
  private int i;

  private JsonStrings(String s, VersionFileKind kind) {
    this.s = s;
    this.kind = kind;
  }

  static Map<List<String>, Found> of(String content, VersionFileKind kind) {
    JsonStrings reader = new JsonStrings(content, kind);
    reader.skipBlanks();
    if (reader.i < content.length() && content.charAt(reader.i) == '\uFEFF') {
      reader.i++;
    }
    reader.value(List.of());
    return reader.found;
  }

  private void value(List<String> path) {
    switch (next()) {
      case '{' -> members(path, '}', true);
      case '[' -> members(path, ']', false);
      case '"' -> found.put(path, string());
      default -> {
        while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
          i++;
        }
      }
    }
  }

  /** An object's members ({@code "key": value}) or an array's elements, up to {@code close}. */
  private void members(List<String> path, char close, boolean object) {
    i++;
    if (next() == close) {
      i++;
      return;
    }
    for (int index = 0; ; index++) {
      String name = "[" + index + "]";
      if (object) {
        if (next() != '"') {
          throw malformed("expected a key");
        }
        name = string().value();
        if (next() != ':') {
          throw malformed("expected ':'");
        }
        i++;
      }
      List<String> child = new ArrayList<>(path);
      child.add(name);
      value(List.copyOf(child));
      char after = next();
      if (after != ',' && after != close) {
        throw malformed("expected ',' or '" + close + "'");
      }
      i++;
      if (after == close) {
        return;
      }
    }
  }

  private Found string() {
    int start = ++i;
    StringBuilder value = new StringBuilder();
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return new Found(new Span(start, i++), value.toString());
      }
      if (c == '\\' && i + 1 < s.length()) {
        i += unescape(s.charAt(i + 1), value);
      } else {
        value.append(c);
        i++;
      }
    }
    throw malformed("unterminated string");
  }

  /** Appends the escaped character after a backslash; returns how many characters it took. */
  private int unescape(char e, StringBuilder value) {
    if (e == 'u' && i + 5 < s.length()) {
      value.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
      return 6;
    }
    value.append(switch (e) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'b' -> '\b';
      case 'f' -> '\f';
      default -> e;
    });
    return 2;
  }

  /** The next character that is not blank; the end of the file here is an error. */
  private char next() {
    skipBlanks();
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
      line += s.charAt(k) == '\n' ? 1 : 0;
      column = s.charAt(k) == '\n' ? 1 : column + 1;
    }
    return TrainyardException.invalidInput(
        kind.fileName() + ":" + line + ":" + column + ": not valid JSON (" + what + ")", "fix the file, then run again");
  }
}
