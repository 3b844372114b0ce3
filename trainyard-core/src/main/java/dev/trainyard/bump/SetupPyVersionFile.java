package dev.trainyard.bump;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** setup.py: the literal {@code version=} argument of the {@code setup()} call. */
final class SetupPyVersionFile {
  private SetupPyVersionFile() {}

  private static final Pattern SETUP_CALL = Pattern.compile("\\bsetup\\s*\\(");
  private static final Pattern SETUP_VERSION =
      Pattern.compile("\\bversion\\s*=\\s*(?:\"(?<dq>[^\"\\\\\\n]*)\"|'(?<sq>[^'\\\\\\n]*)')");
  private static final Pattern SETUP_VERSION_NOT_LITERAL = Pattern.compile("\\bversion\\s*=\\s*(?<expr>[^,)\\n]+)");

  static List<Span> setupPy(String content) {
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
        throw VersionBumper.notFound(kind, "setup() takes its version from '" + expression.group("expr").strip() + "', not a string",
            "bump the file that defines it, or write version=\"X.Y.Z\" in setup()");
      }
    }
    throw VersionBumper.notFound(kind, "no version=\"...\" argument in setup()", "add version=\"0.0.0\" to the setup() call");
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
