package dev.trainyard.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.http.HttpResult;
import dev.trainyard.http.Idempotency;
import dev.trainyard.http.RetryingHttpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thin JSON client for GitHub REST endpoints that github-api lacks or hides, and for conditional
 * requests ({@code If-None-Match} / 304), which github-api does not expose. Every call goes through
 * the same {@link RetryingHttpClient} as {@link GitHubClients#gitHub()}.
 *
 * <p>Non-2xx answers are returned, not thrown, so callers can tell "unknown ref" from "unknown
 * repository"; {@link #failure(RestResponse)} turns one into the standard one-line error.
 */
public final class GitHubRest {
  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final int MAX_REDIRECTS = 3;

  private final GitHubEndpoint endpoint;
  private final RetryingHttpClient http;
  private final ObjectMapper mapper;

  public GitHubRest(GitHubEndpoint endpoint, RetryingHttpClient http, ObjectMapper mapper) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.http = Objects.requireNonNull(http, "http");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  public GitHubEndpoint endpoint() {
    return endpoint;
  }

  /** GET a path below the API root ({@code /repos/o/r}) or an absolute URL from a {@code Link} header. */
  public RestResponse get(String pathOrUrl) {
    return get(pathOrUrl, null);
  }

  /** Conditional GET: with a non-null {@code etag} an unchanged resource answers 304 with no body. */
  public RestResponse get(String pathOrUrl, String etag) {
    HttpRequest.Builder request = request(resolve(pathOrUrl)).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    return exchange(request.build(), Idempotency.BY_METHOD, 0);
  }

  /**
   * GET with a media type whose body is not JSON (e.g. {@code application/vnd.github.sha}, which
   * answers a commit lookup with just the 40 hex digits); the body is returned as a text node.
   * Error answers are still parsed as JSON for their message.
   */
  public RestResponse getText(String pathOrUrl, String accept) {
    HttpRequest request = request(resolve(pathOrUrl)).setHeader("Accept", accept).GET().build();
    HttpResult result = http.send(request);
    if (result.isSuccess()) {
      return new RestResponse(
          result.statusCode(),
          TextNode.valueOf(result.bodyText()),
          result.header("ETag").orElse(null),
          result.header("Link").map(GitHubRest::nextLink).orElse(null),
          result);
    }
    return respond(result);
  }

  /**
   * Every item of a paginated list, following {@code Link: rel="next"}. {@code arrayField} names
   * the array inside the page object ({@code check_runs}); null when the page itself is the array.
   * A non-2xx page fails with {@link #failure(RestResponse)}.
   */
  public List<JsonNode> getAllPages(String pathOrUrl, String arrayField) {
    List<JsonNode> items = new ArrayList<>();
    String next = pathOrUrl;
    while (next != null) {
      RestResponse page = get(next);
      if (!page.isSuccess()) {
        throw failure(page);
      }
      JsonNode array = arrayField == null ? page.json() : page.json().path(arrayField);
      array.forEach(items::add);
      next = page.nextPage();
    }
    return items;
  }

  /** POST a JSON body (null for none). Not retried once the server may have acted, unless told so. */
  public RestResponse post(String path, Object body, Idempotency idempotency) {
    return send("POST", path, body, idempotency);
  }

  public RestResponse send(String method, String path, Object body, Idempotency idempotency) {
    HttpRequest.Builder request = request(resolve(path));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
      } catch (JsonProcessingException e) {
        throw new TrainyardException(FailureKind.INTERNAL, "cannot serialise request body for " + path, null, e);
      }
    }
    return exchange(request.build(), idempotency, 0);
  }

  /**
   * The standard one-line error for a non-2xx answer: 401 says the token is missing or bad, 403
   * that it lacks permission, 404 that the resource is unknown or hidden from this token.
   */
  public TrainyardException failure(RestResponse response) {
    HttpResult raw = response.raw();
    String where = "GitHub API " + raw.method() + " " + raw.uri().getRawPath();
    String status = "HTTP " + response.statusCode() + response.message().map(m -> " " + oneLine(m)).orElse("");
    return switch (response.statusCode()) {
      case 401 -> new TrainyardException(
          FailureKind.REMOTE,
          where + " failed: " + status + " (the token is " + (endpoint.hasToken() ? "invalid or expired)" : "missing)"),
          "pass a valid token with --token or GITHUB_TOKEN");
      case 403 -> new TrainyardException(
          FailureKind.REMOTE,
          where + " failed: " + status + " (the token lacks permission)",
          "grant the token the permission this command needs (see the command's docs)");
      case 404 -> new TrainyardException(
          FailureKind.REMOTE,
          where + " failed: " + status + " (unknown, or not visible to this token)",
          null);
      default -> new TrainyardException(FailureKind.REMOTE, where + " failed: " + status, null);
    };
  }

  private RestResponse exchange(HttpRequest request, Idempotency idempotency, int redirects) {
    HttpResult result = http.send(request, idempotency);
    int status = result.statusCode();
    if (isRedirect(status) && redirects < MAX_REDIRECTS && result.header("Location").isPresent()) {
      // A renamed or transferred repository answers with a redirect; the token may only follow it
      // to the same host.
      URI target = request.uri().resolve(result.header("Location").get());
      String method = status == 303 ? "GET" : request.method();
      if (!method.equals("GET")) {
        return respond(result);
      }
      HttpRequest.Builder follow = sameOrigin(request.uri(), target) ? request(target) : anonymous(target);
      request.headers().firstValue("If-None-Match").ifPresent(etag -> follow.header("If-None-Match", etag));
      return exchange(follow.GET().build(), idempotency, redirects + 1);
    }
    return respond(result);
  }

  private RestResponse respond(HttpResult result) {
    JsonNode json = MissingNode.getInstance();
    int status = result.statusCode();
    if (result.body().length > 0 && status != 304) {
      try {
        json = mapper.readTree(result.body());
      } catch (java.io.IOException e) {
        if (status >= 200 && status < 300) {
          throw new TrainyardException(
              FailureKind.REMOTE,
              "GitHub API "
                  + result.method()
                  + " "
                  + result.uri().getRawPath()
                  + " returned malformed JSON (HTTP "
                  + status
                  + "): "
                  + oneLine(e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()),
              "a proxy or GitHub itself sent a broken body; run again, and check GITHUB_API_URL",
              e);
        }
        // error bodies are only used for their message; a broken one is not worth a second error
      }
      if (json == null) {
        json = MissingNode.getInstance();
      }
    }
    return new RestResponse(
        status,
        json,
        result.header("ETag").orElse(null),
        result.header("Link").map(GitHubRest::nextLink).orElse(null),
        result);
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = anonymous(uri);
    if (endpoint.hasToken()) {
      builder.header("Authorization", "Bearer " + endpoint.token());
    }
    return builder;
  }

  private static HttpRequest.Builder anonymous(URI uri) {
    return HttpRequest.newBuilder(uri)
        .setHeader("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "trainyard");
  }

  private URI resolve(String pathOrUrl) {
    if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
      URI uri = URI.create(pathOrUrl);
      if (!sameOrigin(endpoint.api("/"), uri)) {
        throw new TrainyardException(
            FailureKind.REMOTE,
            "GitHub API sent a link to another host (" + uri.getHost() + "); refusing to send the token there");
      }
      return uri;
    }
    return endpoint.api(pathOrUrl);
  }

  static String nextLink(String linkHeader) {
    Matcher matcher = LINK_NEXT.matcher(linkHeader);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
