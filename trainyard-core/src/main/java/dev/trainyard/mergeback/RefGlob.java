package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A shell-style pattern for ref short names: {@code *} stays within one path segment (so
 * {@code release/*} does not reach {@code release/1.2/hotfix}), {@code **} crosses segments,
 * {@code ?} is one character and {@code [...]} a character class, as in {@code git for-each-ref}.
 */
public record RefGlob(String glob, Pattern regex) {

  public RefGlob {
    if (glob == null || glob.isBlank()) {
      throw TrainyardException.invalidInput("empty ref pattern", "give a glob such as 'train-*' or 'v[0-9]*'");
    }
  }

  public static RefGlob of(String glob) {
    return new RefGlob(glob, compile(glob));
  }

  public static List<RefGlob> all(List<String> globs) {
    return globs.stream().map(RefGlob::of).toList();
  }

  public boolean matches(String shortName) {
    return regex.matcher(shortName).matches();
  }

  private static Pattern compile(String glob) {
    if (glob == null || glob.isBlank()) {
      throw TrainyardException.invalidInput("empty ref pattern", "give a glob such as 'train-*' or 'v[0-9]*'");
    }
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i += 2;
        } else {
          re.append("[^/]*");
          i++;
        }
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 2);
        if (end < 0) {
          throw TrainyardException.invalidInput("ref pattern '" + glob + "' has an unclosed '['",
              "close the character class, e.g. 'v[0-9]*'");
        }
        String body = glob.substring(i + 1, end);
        if (body.startsWith("!")) {
          body = "^" + body.substring(1);
        }
        re.append('[').append(body.replace("\\", "\\\\")).append(']');
        i = end + 1;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return Pattern.compile(re.toString());
  }
}
