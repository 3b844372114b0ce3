package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A path pattern matched against an asset's path relative to the source folder, always written
 * with forward slashes ({@code legal/terms.pdf}).
 *
 * <p>Semantics (gitignore-like, chosen so that aws-cli habits still read naturally):
 *
 * <ul>
 *   <li>{@code *} matches any run of characters except {@code /}; {@code ?} one such character.
 *   <li>{@code **} matches across folders; {@code **}{@code /} matches zero or more whole folders,
 *       so {@code legal/**}{@code /*.pdf} matches {@code legal/a.pdf} and {@code legal/x/b.pdf}.
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!abc]} character classes; {@code {svg,png}}
 *       alternatives; a backslash escapes the next character.
 *   <li>A pattern without {@code /} matches the file name in any folder: {@code *.svg} selects every
 *       SVG file, which is what {@code aws s3 sync --include "*.svg"} does (its {@code *} crosses
 *       folders).
 *   <li>Matching is case-sensitive, like object keys.
 * </ul>
 *
 * We compile to a regular expression ourselves rather than use {@code java.nio} {@code PathMatcher}
 * because its meaning depends on the platform's file system and it has neither the file-name rule
 * nor {@code **}{@code /} matching zero folders.
 */
public final class Glob {
  private final String pattern;
  private final Pattern regex;
  private final boolean matchesFileNameOnly;

  private Glob(String pattern) {
    this.pattern = pattern;
    this.matchesFileNameOnly = !pattern.contains("/");
    String body = pattern.startsWith("/") ? pattern.substring(1) : pattern;
    this.regex = Pattern.compile(translate(body, pattern));
  }

  public static Glob of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw TrainyardException.invalidInput(
          "empty glob pattern", "write a pattern such as '*.svg' or 'legal/**'");
    }
    return new Glob(pattern);
  }

  /** Does the pattern match this slash-separated relative path? */
  public boolean matches(String relativePath) {
    if (matchesFileNameOnly) {
      int slash = relativePath.lastIndexOf('/');
      return regex.matcher(relativePath.substring(slash + 1)).matches();
    }
    return regex.matcher(relativePath).matches();
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
    return other instanceof Glob glob && glob.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
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
            if (folderWildcard) {
              out.append("(?:[^/]*/)*");
              i += 2;
            } else {
              out.append(".*");
              i += 1;
            }
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
          if (negated) {
            members = members.substring(1);
          }
          out.append(negated ? "[^/" : "[");
          for (char m : members.toCharArray()) {
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
    return TrainyardException.invalidInput(
        "invalid glob pattern '" + pattern + "': " + why,
        "see docs/commands/upload-assets.md#patterns for the pattern syntax");
  }
}
