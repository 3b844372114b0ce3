package dev.trainyard.github;

import dev.trainyard.TrainyardException;
import java.util.Objects;
import java.util.regex.Pattern;

/** A GitHub repository named {@code owner/name}. */
public record RepositorySlug(String owner, String name) {
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public RepositorySlug {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    if (!OWNER.matcher(owner).matches() || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("not a GitHub repository: " + owner + "/" + name);
    }
  }

  /**
   * Parses {@code owner/name}; {@code source} names the flag or variable it came from so the error
   * line says where to fix it.
   */
  public static RepositorySlug parse(String text, String source) {
    String value = text == null ? "" : text.trim();
    int slash = value.indexOf('/');
    if (slash > 0 && slash == value.lastIndexOf('/')) {
      try {
        return new RepositorySlug(value.substring(0, slash), value.substring(slash + 1));
      } catch (IllegalArgumentException e) {
        // fall through to the one message below
      }
    }
    throw TrainyardException.invalidInput(
        source + " must be OWNER/NAME, got '" + value + "'", "for example " + source + "=octo-org/octo-repo");
  }

  /** {@code /repos/owner/name}, the prefix of every repository API path. */
  public String apiPath() {
    return "/repos/" + owner + "/" + name;
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
