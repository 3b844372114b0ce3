package dev.trainyard.deploy.dockerflow;

import dev.trainyard.TrainyardException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Version and heartbeat URLs: absolute http(s) only, and the heartbeat found beside the version. */
public final class EndpointUrls {
  private EndpointUrls() {}

  /** Parses an endpoint URL, or says in one line why it cannot be polled. */
  public static URI parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw TrainyardException.invalidInput(what + " is empty", "write an https:// URL of the service's /__version__");
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw TrainyardException.invalidInput(what + ": '" + text + "' is not a URL: " + e.getReason(), null);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw TrainyardException.invalidInput(
          what + ": '" + text + "' must be an http:// or https:// URL",
          "version endpoints are polled over HTTP; other schemes (file:, ftp:, ...) are refused");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw TrainyardException.invalidInput(what + ": '" + text + "' has no host", null);
    }
    if (uri.getFragment() != null) {
      throw TrainyardException.invalidInput(what + ": '" + text + "' must not have a #fragment", null);
    }
    return uri;
  }

  /**
   * The Dockerflow heartbeat beside a version URL: {@code .../__version__} becomes
   * {@code .../__heartbeat__}; any other last path segment is replaced by {@code __heartbeat__}.
   */
  public static URI heartbeatBeside(URI version) {
    String path = version.getRawPath() == null || version.getRawPath().isEmpty() ? "/" : version.getRawPath();
    String parent = path.substring(0, path.lastIndexOf('/') + 1);
    return URI.create(version.getScheme() + "://" + version.getRawAuthority() + parent + "__heartbeat__");
  }

  /** The URL without user info, for messages and output (credentials are never printed). */
  public static String redact(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
