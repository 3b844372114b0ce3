package dev.trainyard.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.CredentialTransport;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.http.HttpResult;
import dev.trainyard.http.RetryingHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Open bugs that block a release, from a Bugzilla search ({@code preflight.blocker-bugzilla}) on
 * the tracker deployment requests go to: {@code GET /rest/bug} with the configured parameters, open
 * bugs only ({@code resolution=---}). The API key, when there is one, travels only in the
 * {@code X-BUGZILLA-API-KEY} header; without it the search sees public bugs only.
 */
final class BugzillaBlockers {
  /** How many bugs one search returns at most; a full page makes the check say that it stops there. */
  static final int LIMIT = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Parameters that carry credentials: they belong in BUGZILLA_API_KEY, never in the file. */
  private static final Set<String> CREDENTIALS = Set.of("api_key", "bugzilla_api_key", "bugzilla_login",
      "bugzilla_password", "bugzilla_token", "token");
  /** Parameters the search sets itself. */
  private static final Set<String> OWN = Set.of("resolution", "include_fields", "limit");

  private BugzillaBlockers() {}

  /** One open blocker. */
  record Bug(long id, String summary, String status) {
    String label() {
      return "bug " + id + " " + summary;
    }
  }

  /**
   * Checks a configured search; the message names the key.
   *
   * @return the search's parameters, decoded, in order
   */
  static List<String[]> parameters(String query, String key) {
    List<String[]> parameters = new ArrayList<>();
    String text = query.strip();
    int question = text.indexOf('?');
    if (text.startsWith("http") && question >= 0) {
      text = text.substring(question + 1);
    }
    for (String part : text.split("&")) {
      if (part.isBlank()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals <= 0) {
        throw TrainyardException.invalidInput(key + ": '" + part + "' is not name=value",
            "write a Bugzilla search, e.g. product=Cloud Services&keywords=blocker");
      }
      String name = decode(part.substring(0, equals), key);
      String value = decode(part.substring(equals + 1), key);
      if (CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))) {
        throw TrainyardException.invalidInput(key + " must not carry credentials ('" + name + "')",
            "the API key goes in BUGZILLA_API_KEY, never in a file");
      }
      if (OWN.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      parameters.add(new String[] {name, value});
    }
    if (parameters.isEmpty()) {
      throw TrainyardException.invalidInput(key + " names no search parameter",
          "e.g. product=Cloud Services&keywords=blocker");
    }
    return parameters;
  }

  private static String decode(String text, String key) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw TrainyardException.invalidInput(key + ": '" + text + "' is not URL-encoded correctly", null);
    }
  }

  /**
   * The open bugs the search finds, oldest first.
   *
   * @param baseUrl the Bugzilla server, without {@code /rest}
   * @param query the configured search ({@code name=value&...}, or a search URL)
   * @param apiKey the key, or null for an anonymous search
   */
  static List<Bug> search(RetryingHttpClient http, String baseUrl, String query, String apiKey) {
    StringBuilder url = new StringBuilder(baseUrl).append("/rest/bug?");
    for (String[] parameter : parameters(query, "preflight.blocker-bugzilla")) {
      url.append(encode(parameter[0])).append('=').append(encode(parameter[1])).append('&');
    }
    url.append("resolution=---&include_fields=id,summary,status&limit=").append(LIMIT);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).GET()
        .header("Accept", "application/json");
    if (apiKey != null) {
      if (!CredentialTransport.allows(baseUrl)) {
        throw TrainyardException.invalidInput("deploy-bug.bugzilla-url is " + baseUrl + ": the Bugzilla API key goes only"
            + " over HTTPS (plain HTTP only to this machine, e.g. 127.0.0.1)", "use https://");
      }
      request.header("X-BUGZILLA-API-KEY", apiKey);
    }
    HttpResult result = http.send(request.build());
    JsonNode body;
    try {
      body = JSON.readTree(result.body());
    } catch (IOException e) {
      body = null;
    }
    if (body != null && body.path("error").asBoolean(false)) {
      throw new TrainyardException(FailureKind.REMOTE, "Bugzilla refused the blocker search (HTTP " + result.statusCode()
          + ", code " + body.path("code").asText("?") + "): " + body.path("message").asText(""),
          result.statusCode() == 401 ? "check BUGZILLA_API_KEY" : "check preflight.blocker-bugzilla", null);
    }
    if (!result.isSuccess() || body == null || !body.path("bugs").isArray()) {
      throw new TrainyardException(FailureKind.REMOTE, "Bugzilla at " + baseUrl + " answered the blocker search with HTTP "
          + result.statusCode() + (body == null ? " and no JSON" : " and no bug list"),
          "check deploy-bug.bugzilla-url: it names the server, REST is found under /rest", null);
    }
    List<Bug> bugs = new ArrayList<>();
    for (JsonNode bug : body.path("bugs")) {
      bugs.add(new Bug(bug.path("id").asLong(), bug.path("summary").asText(""), bug.path("status").asText("")));
    }
    bugs.sort((a, b) -> Long.compare(a.id(), b.id()));
    return bugs;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
