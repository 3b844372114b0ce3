package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;
import java.util.regex.Pattern;

/**
 * The globs of the {@code deploy:} section: service name rules ({@code *auth*}, matched ignoring
 * case) and path rules from the repository root ({@code packages/auth-server/**}).
 *
 * <p>{@code *} matches within one name or folder, {@code **} across folders ({@code **}{@code /}
 * also matches no folder at all), {@code ?} one character, {@code [abc]} and {@code {a,b}} as usual,
 * a backslash escapes. A path pattern without {@code /} matches a file name in any folder, so
 * {@code *.sql} selects every SQL file.
 */
final class DeployGlob {
  private final String pattern;
  private final Pattern regex;
  private final boolean fileNameOnly;

  private DeployGlob(String pattern, Pattern regex, boolean fileNameOnly) {
    this.pattern = pattern;
    this.regex = regex;
    this.fileNameOnly = fileNameOnly;
  }

  /** A service name rule, matched ignoring case. */
  static DeployGlob name(String pattern) {
    return new DeployGlob(pattern, Pattern.compile(translate(check(pattern)), Pattern.CASE_INSENSITIVE), false);
  }

  /** A path rule. */
  static DeployGlob path(String pattern) {
    String body = check(pattern).startsWith("/") ? pattern.substring(1) : pattern;
    return new DeployGlob(pattern, Pattern.compile(translate(body)), !pattern.contains("/"));
  }

  String pattern() {
    return pattern;
  }

  boolean matches(String value) {
    String subject = fileNameOnly ? value.substring(value.lastIndexOf('/') + 1) : value;
    return regex.matcher(subject).matches();
  }

  private static String check(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw TrainyardException.invalidInput("empty pattern", "write a pattern such as '*auth*' or 'packages/auth/**'");
    }
    return pattern;
  }

  private static String translate(String glob) {
    StringBuilder out = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            boolean folders = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
            out.append(folders ? "(?:[^/]*/)*" : ".*");
            i += folders ? 2 : 1;
          } else {
            out.append("[^/]*");
          }
        }
        case '?' -> out.append("[^/]");
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw invalid(glob, "'[' without a closing ']'");
          }
          String members = glob.substring(i + 1, end);
          boolean negated = members.startsWith("!") || members.startsWith("^");
          out.append(negated ? "[^/" : "[");
          for (char m : (negated ? members.substring(1) : members).toCharArray()) {
            out.append(m == '-' || Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
          }
          out.append(']');
          i = end;
        }
        case '{' -> {
          braces++;
          out.append("(?:");
        }
        case '}' -> {
          if (braces-- == 0) {
            throw invalid(glob, "'}' without an opening '{'");
          }
          out.append(')');
        }
        case ',' -> out.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 >= glob.length()) {
            throw invalid(glob, "a trailing backslash escapes nothing");
          }
          out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw invalid(glob, "'{' without a closing '}'");
    }
    return out.toString();
  }

  private static TrainyardException invalid(String pattern, String why) {
    return TrainyardException.invalidInput("invalid pattern '" + pattern + "': " + why,
        "* matches within a name or folder, ** across folders, {a,b} either");
  }

  @Override
  public String toString() {
    return pattern;
  }
}
