package dev.trainyard.owner;

import dev.trainyard.TrainyardException;
import java.util.regex.Pattern;

/**
 * One person in the release-owner rotation.
 *
 * @param name how the person is named in reports, e.g. {@code Ada Lovelace}
 * @param github GitHub login without {@code @}, or null
 * @param bugzilla Bugzilla account e-mail (the deployment request's cc), or null
 */
public record Person(String name, String github, String bugzilla) {
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

  public Person {
    if (name == null || name.isBlank()) {
      throw TrainyardException.invalidInput("every person needs a 'name'", "e.g. - {name: Ada, github: ada}");
    }
    name = name.strip();
    if (github != null) {
      github = github.strip();
      if (github.startsWith("@")) {
        github = github.substring(1);
      }
      if (!LOGIN.matcher(github).matches()) {
        throw TrainyardException.invalidInput("github: '" + github + "' is not a GitHub login", null);
      }
    }
    if (bugzilla != null) {
      bugzilla = bugzilla.strip();
      if (!bugzilla.matches("[^@\\s]+@[^@\\s]+")) {
        throw TrainyardException.invalidInput("bugzilla: '" + bugzilla + "' is not an e-mail address", null);
      }
    }
  }

  /** True when {@code who} names this person by name or GitHub login (case-insensitive). */
  boolean answersTo(String who) {
    String plain = who.strip().startsWith("@") ? who.strip().substring(1) : who.strip();
    return name.equalsIgnoreCase(plain) || (github != null && github.equalsIgnoreCase(plain));
  }
}
