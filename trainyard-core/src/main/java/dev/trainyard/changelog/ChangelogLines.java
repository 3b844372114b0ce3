package dev.trainyard.changelog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A changelog file as lines that keep their own line endings, so edits leave every other byte alone. */
final class ChangelogLines {
  private ChangelogLines() {}

  /** Lines with their own line endings kept, so joining them gives the input back byte for byte. */
  static List<String> lines(String content) {
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

  static String stripEol(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return line.substring(0, end);
  }

  static int indexOfLine(List<String> lines, java.util.function.Predicate<String> test) {
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

  static String insertBefore(List<String> lines, int at, String section) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i == at) {
        out.append(section);
      }
      out.append(lines.get(i));
    }
    return out.toString();
  }

  static String appendAtEnd(String existing, String section, String eol) {
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
