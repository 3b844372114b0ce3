package dev.trainyard.match;

import dev.trainyard.TrainyardException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one glob of the project: path patterns matched against a slash-separated relative path
 * ({@code legal/terms.pdf}, {@code packages/auth-server/lib/index.js}), name patterns matched
 * against a name ({@code *auth*} against {@code fxa-auth-server}) and whole-value patterns for ref
 * names ({@code release/*}).
 *
 * <p>Semantics (gitignore-like, chosen so that aws-cli habits still read naturally):
 *
 * <ul>
 *   <li>{@code *} matches any run of characters except {@code /}; {@code ?} one such character.
 *   <li>{@code **} matches across folders; {@code **}{@code /} matches zero or more whole folders,
 *       so {@code legal/**}{@code /*.pdf} matches {@code legal/a.pdf} and {@code legal/x/b.pdf}.
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!abc]} character classes; {@code {svg,png}}
 *       alternatives; a backslash escapes the next character.
 *   <li>A path pattern without {@code /} matches the file name in any folder: {@code *.svg} selects
 *       every SVG file, which is what {@code aws s3 sync --include "*.svg"} does (its {@code *}
 *       crosses folders). A leading {@code /} anchors a path pattern at the root.
 *   <li>Path patterns are case-sensitive, like object keys and git paths; name patterns ignore case,
 *       so {@code *auth*} also picks {@code fxa-Auth-server}.
 * </ul>
 *
 * We compile to a regular expression ourselves rather than use {@code java.nio} {@code PathMatcher}
 * because its meaning depends on the platform's file system and it has neither the file-name rule
 * nor {@code **}{@code /} matching zero folders.
 */
public final class Glob {
  private static final String SYNTAX = "* matches within a name or folder, ** across folders, ? one character,"
      + " [abc] one of, {a,b} either";

  private final String pattern;
  private final Pattern regex;
  private final boolean fileNameOnly;

  private Glob(String pattern, Pattern regex, boolean fileNameOnly) {
    this.pattern = pattern;
    this.regex = regex;
    this.fileNameOnly = fileNameOnly;
  }

  /** A path pattern ({@code legal/**}, {@code *.sql}), matched case-sensitively. */
  public static Glob path(String pattern) {
    String body = check(pattern).startsWith("/") ? pattern.substring(1) : pattern;
    return new Glob(pattern, Pattern.compile(translate(body, pattern)), !pattern.contains("/"));
  }

  /** A name pattern ({@code *auth*}), matched against a whole name ignoring case. */
  public static Glob name(String pattern) {
    return new Glob(pattern, Pattern.compile(translate(check(pattern), pattern), Pattern.CASE_INSENSITIVE), false);
  }

  /**
   * A pattern matched against a whole value, case-sensitively and without the file-name rule: ref
   * names ({@code train-*}, {@code release/**}), where {@code *} stays within one segment.
   */
  public static Glob whole(String pattern) {
    return new Glob(pattern, Pattern.compile(translate(check(pattern), pattern)), false);
  }

  /** Does the pattern match this slash-separated relative path, or this name? */
  public boolean matches(String value) {
    String subject = fileNameOnly ? value.substring(value.lastIndexOf('/') + 1) : value;
    return regex.matcher(subject).matches();
  }

  public String pattern() {
    return pattern;
  }

  @Override
  public String toString() {
    return pattern;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Glob glob && glob.pattern.equals(pattern) && glob.regex.flags() == regex.flags()
        && glob.fileNameOnly == fileNameOnly;
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  private static String check(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw TrainyardException.invalidInput("empty glob pattern", "write a pattern such as '*.svg', 'legal/**' or '*auth*'");
    }
    return pattern;
  }

  private static String translate(String glob, String original) {
    StringBuilder out = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            boolean folderWildcard = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
            out.append(folderWildcard ? "(?:[^/]*/)*" : ".*");
            i += folderWildcard ? 2 : 1;
          } else {
            out.append("[^/]*");
          }
        }
        case '?' -> out.append("[^/]");
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw invalid(original, "'[' without a closing ']'");
          }
          String members = glob.substring(i + 1, end);
          boolean negated = members.startsWith("!") || members.startsWith("^");
          out.append(negated ? "[^/" : "[");
          for (char m : (negated ? members.substring(1) : members).toCharArray()) {
            // Any non-alphanumeric character may be escaped inside a Java regex class.
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
          if (braces == 0) {
            throw invalid(original, "'}' without an opening '{'");
          }
          braces--;
          out.append(')');
        }
        case ',' -> out.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 >= glob.length()) {
            throw invalid(original, "a trailing backslash escapes nothing");
          }
          out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw invalid(original, "'{' without a closing '}'");
    }
    return out.toString();
  }

  private static TrainyardException invalid(String pattern, String why) {
    return TrainyardException.invalidInput("invalid glob pattern '" + pattern + "': " + why, SYNTAX);
  }
}
