package dev.trainyard.bugs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the "Deploy notes" section in a pull request's Markdown description. */
final class DeployNotes {
  private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern BOLD = Pattern.compile("^\\s*(?:\\*\\*|__)(.+?)(?:\\*\\*|__)\\s*:?\\s*$");
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final List<String> NOTHING = List.of("none", "n/a", "na", "no", "-", "nothing", "none.", "no.");

  private DeployNotes() {}

  /**
   * The text under the heading {@code heading} (an ATX heading of any level, or a line in bold),
   * up to the next heading of the same or a higher level; HTML comments (a template's instructions)
   * removed. Empty when there is no such section or it only says "none".
   */
  static String section(String markdown, String heading) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    String wanted = normalise(heading);
    String text = COMMENT.matcher(markdown.replace("\r\n", "\n")).replaceAll("");
    List<String> lines = text.lines().toList();
    int start = -1;
    int level = 0;
    for (int i = 0; i < lines.size() && start < 0; i++) {
      Matcher atx = ATX.matcher(lines.get(i));
      if (atx.matches() && normalise(atx.group(2)).equals(wanted)) {
        start = i + 1;
        level = atx.group(1).length();
      } else {
        Matcher bold = BOLD.matcher(lines.get(i));
        if (bold.matches() && normalise(bold.group(1)).equals(wanted)) {
          start = i + 1;
          level = 7; // any heading ends it
        }
      }
    }
    if (start < 0) {
      return "";
    }
    List<String> body = new ArrayList<>();
    boolean inFence = false;
    for (int i = start; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
      }
      if (!inFence) {
        Matcher atx = ATX.matcher(line);
        if (atx.matches() && atx.group(1).length() <= level) {
          break;
        }
        if (level == 7 && BOLD.matcher(line).matches()) {
          break;
        }
      }
      body.add(line);
    }
    String notes = String.join("\n", body).strip();
    return NOTHING.contains(notes.toLowerCase(Locale.ROOT)) ? "" : notes;
  }

  private static String normalise(String heading) {
    return heading.strip().replaceAll("[:.]+$", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
