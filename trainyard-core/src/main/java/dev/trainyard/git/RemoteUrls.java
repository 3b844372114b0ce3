package dev.trainyard.git;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code owner/name} out of the remote URLs people actually have. */
public final class RemoteUrls {
  private static final Pattern OWNER_NAME = Pattern.compile(
      "^(?:[a-z+]+://)?(?:[^@/]+@)?[^/:]+(?::\\d+)?[:/](?:.*/)?([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\\.git)?/?$");

  private RemoteUrls() {}

  /** The URL without a password or token in it ({@code https://user:secret@host/} -> {@code https://host/}). */
  public static String withoutCredentials(String url) {
    return url == null ? null : url.replaceFirst("^(https?://)[^@/]*@", "$1");
  }

  /**
   * {@code owner/name} for {@code https://github.com/o/n.git}, {@code git@github.com:o/n.git},
   * {@code ssh://git@host:22/o/n}; empty for local paths and file URLs.
   */
  public static Optional<String> repositoryOf(String url) {
    if (url == null || url.startsWith("file:") || url.startsWith("/") || url.startsWith(".")) {
      return Optional.empty();
    }
    Matcher m = OWNER_NAME.matcher(url.trim());
    return m.matches() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
  }
}
