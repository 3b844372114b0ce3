package dev.trainyard.bump;

import dev.trainyard.TrainyardException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** pom.xml: the project's own version, or the property a CI-friendly {@code ${revision}} names. */
final class PomVersionFile {
  private PomVersionFile() {}

  private static final Pattern PROPERTY_REFERENCE = Pattern.compile("^\\$\\{([^}]+)\\}$");

  static List<Span> pom(String content) {
    VersionFileKind kind = VersionFileKind.POM_XML;
    Map<String, Span> texts = xmlTexts(content);
    Span own = texts.get("project/version");
    if (own == null) {
      String hint = texts.containsKey("project/parent/version")
          ? "this module inherits its version from <parent>; bump the parent's pom.xml"
          : "add <version> to the <project>";
      throw VersionBumper.notFound(kind, "no <version> of the project itself", hint);
    }
    Matcher property = PROPERTY_REFERENCE.matcher(content.substring(own.start(), own.end()));
    if (property.matches()) {
      // CI-friendly versions (${revision}): the number lives in <properties>.
      Span defined = texts.get("project/properties/" + property.group(1));
      if (defined == null) {
        throw VersionBumper.notFound(kind, "<version> is ${" + property.group(1) + "} but <properties> does not define it",
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
}
