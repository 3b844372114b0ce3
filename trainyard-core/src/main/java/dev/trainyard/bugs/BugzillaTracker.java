package dev.trainyard.bugs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.http.HttpResult;
import dev.trainyard.http.Idempotency;
import dev.trainyard.http.OutcomeUnknownException;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Deployment requests on Bugzilla 5 or bugzilla.mozilla.org through the REST API: {@code GET
 * /rest/bug} (search by whiteboard), {@code POST /rest/bug}, {@code GET/POST /rest/bug/{id}/comment},
 * {@code PUT /rest/bug/{id}} and {@code PUT /rest/bug/comment/{id}/tags}.
 *
 * <p>The API key travels only in the {@code X-BUGZILLA-API-KEY} header (never in a URL, where web
 * servers log it). Bugzilla answers errors as {@code {"error": true, "code": N, "message": ...}}
 * with an HTTP status derived from the code (106, an unknown product, is a 401; 306, an invalid
 * key, a 400), so errors are classified by code first and status second, each as one line.
 */
public final class BugzillaTracker implements BugTracker {
  /** Authentication errors: 300-307 (306 = invalid or revoked API key) and 410 (login required). */
  private static final Set<Integer> AUTH_CODES = Set.of(300, 301, 302, 303, 304, 305, 306, 307, 410);
  private static final int MARKDOWN_DISABLED = 140;
  private static final int COMMENT_TAGGING_DISABLED = 125;
  private static final int MAX_DUPLICATE_HOPS = 5;
  private static final String FIELDS = "id,summary,status,resolution,is_open,whiteboard,dupe_of";

  private final BugzillaSettings settings;
  private final RetryingHttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();

  public BugzillaTracker(BugzillaSettings settings, RetryingHttpClient http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String name() {
    return "Bugzilla";
  }

  @Override
  public String destination() {
    return settings.product() + " :: " + settings.component() + " on " + settings.baseUrl();
  }

  @Override
  public String url(long id) {
    return settings.baseUrl() + "/show_bug.cgi?id=" + id;
  }

  @Override
  public String withMarker(String text, String marker) {
    // Bugzilla has no hidden text; a short bracketed tag like a whiteboard's reads as a signature.
    return text.stripTrailing() + "\n\n" + marker + "\n";
  }

  @Override
  public List<TrackedBug> find(RequestKey key) {
    JsonNode found = get("/rest/bug?whiteboard=" + encode(key.token()) + "&include_fields=" + FIELDS);
    Map<Long, TrackedBug> requests = new LinkedHashMap<>();
    for (JsonNode bug : found.path("bugs")) {
      if (!bug.path("whiteboard").asText("").contains(key.token())) {
        continue; // Bugzilla matched a substring differently than we mean it
      }
      TrackedBug resolved = followDuplicates(bug);
      requests.putIfAbsent(resolved.id(), resolved);
    }
    List<TrackedBug> sorted = new ArrayList<>(requests.values());
    sorted.sort(Comparator.comparingLong(TrackedBug::id));
    return sorted;
  }

  private TrackedBug followDuplicates(JsonNode bug) {
    JsonNode current = bug;
    for (int hop = 0; hop < MAX_DUPLICATE_HOPS && current.path("dupe_of").canConvertToLong()
        && current.path("dupe_of").asLong() > 0; hop++) {
      JsonNode target = get("/rest/bug/" + current.path("dupe_of").asLong() + "?include_fields=" + FIELDS)
          .path("bugs").path(0);
      if (target.isMissingNode()) {
        break;
      }
      current = target;
    }
    return tracked(current);
  }

  private TrackedBug tracked(JsonNode bug) {
    long id = bug.path("id").asLong();
    String resolution = bug.path("resolution").asText("");
    String status = bug.path("status").asText("") + (resolution.isEmpty() ? "" : " " + resolution);
    boolean open = bug.has("is_open") ? bug.path("is_open").asBoolean() : resolution.isEmpty();
    return new TrackedBug(id, bug.path("summary").asText(""), open, status, url(id), null);
  }

  @Override
  public List<BugComment> comments(TrackedBug bug) {
    JsonNode answer = get("/rest/bug/" + bug.id() + "/comment");
    List<BugComment> comments = new ArrayList<>();
    for (JsonNode comment : answer.path("bugs").path(String.valueOf(bug.id())).path("comments")) {
      comments.add(new BugComment(comment.path("id").asLong(), comment.path("count").asInt(-1) == 0,
          comment.path("text").asText("")));
    }
    return comments;
  }

  @Override
  public TrackedBug file(NewRequest request) {
    ObjectNode body = mapper.createObjectNode();
    body.put("product", settings.product());
    body.put("component", settings.component());
    body.put("summary", request.summary());
    body.put("version", settings.version());
    body.put("description", request.description());
    body.put("whiteboard", request.key().token());
    if (settings.type() != null) {
      body.put("type", settings.type());
    }
    if (settings.severity() != null) {
      body.put("severity", settings.severity());
    }
    if (!settings.cc().isEmpty()) {
      settings.cc().forEach(body.putArray("cc")::add);
    }
    JsonNode created = send("POST", "/rest/bug", body, Idempotency.NOT_IDEMPOTENT);
    long id = created.path("id").asLong();
    if (id <= 0) {
      throw new TrainyardException(FailureKind.REMOTE, "Bugzilla POST /rest/bug answered without a bug id", null);
    }
    return new TrackedBug(id, request.summary(), true, "NEW", url(id), null);
  }

  @Override
  public BugComment comment(TrackedBug bug, String text) {
    ObjectNode body = mapper.createObjectNode();
    body.put("comment", text);
    if (settings.markdown()) {
      body.put("is_markdown", true);
    }
    String path = "/rest/bug/" + bug.id() + "/comment";
    HttpResult result = exchange("POST", path, body, Idempotency.NOT_IDEMPOTENT);
    if (settings.markdown() && errorCode(result) == MARKDOWN_DISABLED) {
      // Nothing was posted: this Bugzilla has Markdown switched off. Plain text it is.
      body.remove("is_markdown");
      result = exchange("POST", path, body, Idempotency.NOT_IDEMPOTENT);
    }
    JsonNode answer = answer(result);
    return new BugComment(answer.path("id").asLong(), false, text);
  }

  @Override
  public boolean ensureKey(TrackedBug bug, RequestKey key) {
    String whiteboard = whiteboard(bug.id());
    if (whiteboard.contains(key.token())) {
      return true;
    }
    ObjectNode body = mapper.createObjectNode();
    body.put("whiteboard", (whiteboard.isBlank() ? "" : whiteboard.strip() + " ") + key.token());
    send("PUT", "/rest/bug/" + bug.id(), body, Idempotency.IDEMPOTENT);
    return whiteboard(bug.id()).contains(key.token());
  }

  private String whiteboard(long id) {
    return get("/rest/bug/" + id + "?include_fields=id,whiteboard").path("bugs").path(0).path("whiteboard").asText("");
  }

  @Override
  public void closeAsDuplicate(TrackedBug duplicate, TrackedBug original, String why) {
    ObjectNode body = mapper.createObjectNode();
    // Setting only dupe_of lets Bugzilla pick the status and resolution its workflow uses for duplicates.
    body.put("dupe_of", original.id());
    body.putObject("comment").put("body", why);
    send("PUT", "/rest/bug/" + duplicate.id(), body, Idempotency.NOT_IDEMPOTENT);
  }

  @Override
  public Optional<String> retractDuplicateComment(TrackedBug bug, BugComment comment) {
    ObjectNode body = mapper.createObjectNode();
    body.put("comment_id", comment.id());
    body.putArray("add").add("obsolete");
    HttpResult result = exchange("PUT", "/rest/bug/comment/" + comment.id() + "/tags", body, Idempotency.IDEMPOTENT);
    if (errorCode(result) == COMMENT_TAGGING_DISABLED) {
      return Optional.of("comment tagging is disabled on this Bugzilla, so comment " + comment.id()
          + " of bug " + bug.id() + " stays visible");
    }
    answer(result);
    return Optional.empty();
  }

  /**
   * A read, repeated within the retry policy when the answer is cut short (malformed JSON with a
   * success status, as a proxy that drops the connection mid-body leaves it).
   */
  private JsonNode get(String pathAndQuery) {
    RetryPolicy policy = http.policy();
    for (int attempt = 1; ; attempt++) {
      HttpResult result = exchange("GET", pathAndQuery, null, Idempotency.BY_METHOD);
      if (!isMalformed(result) || attempt >= policy.maxAttempts()) {
        return answer(result, attempt);
      }
      Duration delay = policy.backoff(attempt, 0.5);
      http.reporter().warn("Bugzilla GET " + result.uri().getRawPath() + ": malformed JSON (HTTP "
          + result.statusCode() + "); retrying in " + seconds(delay) + " (attempt " + (attempt + 1)
          + " of " + policy.maxAttempts() + ")");
      try {
        http.sleeper().sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrainyardException(FailureKind.REMOTE, "Bugzilla GET " + result.uri().getRawPath()
            + " interrupted while waiting to retry", null);
      }
    }
  }

  private JsonNode send(String method, String path, JsonNode body, Idempotency idempotency) {
    return answer(exchange(method, path, body, idempotency));
  }

  private HttpResult exchange(String method, String pathAndQuery, JsonNode body, Idempotency idempotency) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
        .header("Accept", "application/json")
        .header("User-Agent", "trainyard");
    if (settings.hasKey()) {
      request.header("X-BUGZILLA-API-KEY", settings.apiKey());
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
      } catch (JsonProcessingException e) {
        throw new TrainyardException(FailureKind.INTERNAL, "cannot write a Bugzilla request body", null, e);
      }
    }
    try {
      return http.send(request.build(), idempotency);
    } catch (TrainyardException e) {
      throw redacted(e);
    }
  }

  private JsonNode answer(HttpResult result) {
    return answer(result, 1);
  }

  private JsonNode answer(HttpResult result, int attempts) {
    JsonNode json = parse(result);
    if (result.isSuccess() && json != null && !json.path("error").asBoolean(false)) {
      return json;
    }
    if (isMalformed(result)) {
      String what = "Bugzilla " + result.method() + " " + result.uri().getRawPath() + " answered malformed JSON (HTTP "
          + result.statusCode() + (attempts > 1 ? ", " + attempts + " attempts" : "") + ")";
      if (!result.method().equals("GET")) {
        // The server said yes before the body broke off: the write most likely happened.
        throw new OutcomeUnknownException(what + "; the server may have acted on it",
            "a proxy or Bugzilla itself cut the answer short; run again (a re-run finds what arrived)", null);
      }
      throw new TrainyardException(FailureKind.REMOTE, what,
          "a proxy or Bugzilla itself cut the answer short; check the server's status and run again");
    }
    throw failure(result, json);
  }

  /**
   * A success status whose body is not the JSON object it should be, and not an HTML page either
   * (that is a server that is not a Bugzilla REST API, a user's mistake {@link #failure} names).
   */
  private boolean isMalformed(HttpResult result) {
    if (!result.isSuccess() || result.body().length == 0 || parse(result) != null) {
      return false;
    }
    String start = result.bodyText().stripLeading();
    boolean html = start.startsWith("<") || result.header("Content-Type").map(t -> t.contains("html")).orElse(false);
    return !html;
  }

  private int errorCode(HttpResult result) {
    JsonNode json = parse(result);
    return json != null && json.path("error").asBoolean(false) ? json.path("code").asInt(0) : 0;
  }

  private JsonNode parse(HttpResult result) {
    if (result.body().length == 0) {
      return null;
    }
    try {
      JsonNode json = mapper.readTree(result.body());
      return json != null && json.isObject() ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  private TrainyardException failure(HttpResult result, JsonNode json) {
    String where = "Bugzilla " + result.method() + " " + result.uri().getRawPath();
    int status = result.statusCode();
    if (json == null) {
      if (result.isSuccess() || status == 404) {
        return TrainyardException.invalidInput(where + " answered HTTP " + status + " without Bugzilla's JSON"
            + " (is " + settings.baseUrl() + " a Bugzilla with its REST API?)",
            "pass the server's base URL with --bugzilla-url or deploy-bug.bugzilla-url, e.g. https://bugzilla.mozilla.org");
      }
      if (status == 401 || status == 403) {
        return authFailure(where + " failed: HTTP " + status);
      }
      return new TrainyardException(FailureKind.REMOTE, where + " failed: HTTP " + status, null);
    }
    int code = json.path("code").asInt(0);
    String message = redact(oneLine(json.path("message").asText("")));
    String detail = "HTTP " + status + (code != 0 ? ", Bugzilla error " + code + ": " + message : "");
    if (AUTH_CODES.contains(code) || (code == 0 && (status == 401 || status == 403))) {
      return authFailure(where + " failed: " + detail);
    }
    return switch (code) {
      case 106 -> TrainyardException.invalidInput(where + " failed: " + detail,
          "check --product / deploy-bug.product ('" + settings.product() + "'), and that the key's account may file bugs there");
      case 105 -> TrainyardException.invalidInput(where + " failed: " + detail,
          "check --component / deploy-bug.component ('" + settings.component() + "')");
      case 51, 104, 108, 135 -> TrainyardException.invalidInput(where + " failed: " + detail,
          "check deploy-bug.version ('" + settings.version() + "'), deploy-bug.type and deploy-bug.severity");
      case 504 -> TrainyardException.invalidInput(where + " failed: " + detail, "check the logins in deploy-bug.cc");
      case 32614 -> TrainyardException.invalidInput(where + " failed: " + detail,
          "pass the server's base URL with --bugzilla-url, without /rest");
      case 102, 109 -> new TrainyardException(FailureKind.REMOTE, where + " failed: " + detail,
          "the API key's account may not see or change this bug; ask a Bugzilla admin for access");
      default -> new TrainyardException(FailureKind.REMOTE, where + " failed: " + detail, null);
    };
  }

  private TrainyardException authFailure(String message) {
    return new TrainyardException(FailureKind.REMOTE,
        message + (settings.hasKey() ? " (the API key is invalid, revoked or not allowed here)" : " (no API key was given)"),
        "set BUGZILLA_API_KEY (or the action input bugzilla-api-key) to a key from "
            + settings.baseUrl() + "/userprefs.cgi?tab=apikey");
  }

  /** The key never appears in a message, whatever a server or a library puts there. */
  private TrainyardException redacted(TrainyardException e) {
    if (!settings.hasKey() || (!contains(e.getMessage()) && !contains(e.hint()))) {
      return e;
    }
    String hint = e.hint() == null ? null : redact(e.hint());
    return e instanceof OutcomeUnknownException ? new OutcomeUnknownException(redact(e.getMessage()), hint, null)
        : new TrainyardException(e.kind(), redact(e.getMessage()), hint, null);
  }

  private boolean contains(String text) {
    return text != null && text.contains(settings.apiKey());
  }

  private String redact(String text) {
    return settings.hasKey() ? text.replace(settings.apiKey(), "***") : text;
  }

  private static String seconds(Duration delay) {
    long millis = delay.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }
}
