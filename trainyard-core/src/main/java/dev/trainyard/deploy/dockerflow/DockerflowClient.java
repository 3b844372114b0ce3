package dev.trainyard.deploy.dockerflow;

import dev.trainyard.CredentialTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.http.BoundedBody;
import dev.trainyard.http.RetryAfter;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Reads Dockerflow endpoints ({@code /__version__}, {@code /__heartbeat__}) over java.net.http.
 *
 * <p>One call is one look: it never waits and never retries, because the poller around it is the
 * retry (every interval until the deadline, honouring {@code Retry-After}), and a 503 during a
 * rollout is information, not an error. What each look does:
 *
 * <ul>
 *   <li>whole-exchange timeout (connect, headers and body), HTTP/1.1, {@code User-Agent};
 *   <li>conditional requests: the ETag of the last version object is sent as {@code If-None-Match},
 *       and a 304 reuses that object;
 *   <li>redirects followed (at most 5) to http(s) URLs only; credentials ({@code authorization}, or
 *       user info in the URL) go to the configured URL's own origin and never to another host;
 *   <li>bodies over 1 MiB are refused without reading them;
 *   <li>every answer classified as OK, worth asking again, or final, with a one-line reason.
 * </ul>
 *
 * Nothing else is ever sent: no GitHub token, no cookies.
 */
public final class DockerflowClient {
  public static final int MAX_BODY_BYTES = 1 << 20;
  static final int MAX_REDIRECTS = 5;
  private static final String USER_AGENT = "trainyard verify-deploy";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Clock clock;
  private final Map<URI, Cached> cache = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  private record Cached(String etag, VersionDocument document) {}

  public DockerflowClient(HttpClient client, Duration requestTimeout, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A client with the project's HTTP settings (HTTP/1.1, no automatic redirects). */
  public static DockerflowClient create(Duration connectTimeout, Duration requestTimeout, Clock clock) {
    RetryPolicy defaults = RetryPolicy.defaults();
    RetryPolicy onePerLook = new RetryPolicy(1, defaults.baseDelay(), defaults.maxDelay(), defaults.maxTotalWait(),
        connectTimeout, requestTimeout);
    return new DockerflowClient(RetryingHttpClient.newHttpClient(onePerLook), requestTimeout, clock);
  }

  /** HTTP requests sent so far, redirects and 304 answers included. */
  public int requests() {
    return requests.get();
  }

  /** One look at a version endpoint. */
  public Reading version(URI url, String authorization) {
    Exchange exchange;
    try {
      exchange = exchange(url, authorization, true);
    } catch (Failure failure) {
      return failure.permanent ? Reading.permanent(failure.getMessage(), failure.requests)
          : Reading.transientFailure(failure.getMessage(), null, failure.requests);
    }
    int status = exchange.status();
    if (status == 304) {
      Cached cached = cache.get(exchange.url());
      if (cached != null) {
        return new Reading(Reading.Status.OK, cached.document(), "304 not modified", true, null, exchange.requests());
      }
      return Reading.transientFailure("HTTP 304 to a request we did not make conditional", null, exchange.requests());
    }
    if (status == 404) {
      return Reading.permanent("no Dockerflow endpoint at " + EndpointUrls.redact(exchange.url())
          + " (HTTP 404); check the service's version-url", exchange.requests());
    }
    if (status == 401 || status == 403) {
      return Reading.permanent("HTTP " + status + " from " + EndpointUrls.redact(exchange.url())
          + ": the endpoint wants credentials (see deploy.environments.*.authorization-env)", exchange.requests());
    }
    if (status == 429 || status >= 500) {
      return Reading.transientFailure("HTTP " + status + describeBody(exchange), retryAfter(exchange.headers()),
          exchange.requests());
    }
    if (status < 200 || status > 299) {
      return Reading.permanent("HTTP " + status + " from " + EndpointUrls.redact(exchange.url()) + describeBody(exchange),
          exchange.requests());
    }
    if (exchange.tooLarge()) {
      return Reading.permanent("the answer of " + EndpointUrls.redact(exchange.url()) + " is over "
          + MAX_BODY_BYTES / 1024 + " KiB and was refused; a version object is a few hundred bytes", exchange.requests());
    }
    JsonNode json;
    try {
      json = JSON.readTree(exchange.body());
    } catch (IOException e) {
      json = null;
    }
    if (json == null || json.isMissingNode()) {
      // A load balancer's error page during a rollout answers 200 with HTML: worth asking again.
      return Reading.transientFailure(looksLikeHtml(exchange) ? "answered an HTML page, not JSON (an error page?)"
          : "answered something that is not JSON (" + snippet(exchange.body()) + ")", null, exchange.requests());
    }
    var document = VersionDocument.from(json);
    if (document.isEmpty()) {
      return Reading.permanent("the JSON at " + EndpointUrls.redact(exchange.url())
          + " has neither 'version' nor 'commit'; is it a Dockerflow /__version__?", exchange.requests());
    }
    exchange.headers().firstValue("etag").ifPresentOrElse(
        etag -> cache.put(exchange.url(), new Cached(etag, document.get())),
        () -> cache.remove(exchange.url()));
    return new Reading(Reading.Status.OK, document.get(), null, false, null, exchange.requests());
  }

  /** One look at a heartbeat endpoint. */
  public HeartbeatReading heartbeat(URI url, String authorization) {
    Exchange exchange;
    try {
      exchange = exchange(url, authorization, false);
    } catch (Failure failure) {
      return new HeartbeatReading(HeartbeatState.ERROR, failure.getMessage(), null, failure.requests);
    }
    int status = exchange.status();
    JsonNode json = null;
    if (!exchange.tooLarge()) {
      try {
        json = JSON.readTree(exchange.body());
      } catch (IOException e) {
        json = null;
      }
    }
    if (status >= 200 && status <= 299) {
      boolean warning = json != null && "warning".equalsIgnoreCase(json.path("status").asText());
      return new HeartbeatReading(warning ? HeartbeatState.WARNING : HeartbeatState.OK,
          warning ? "checks warn: " + failingChecks(json) : null, null, exchange.requests());
    }
    if (status == 404) {
      return new HeartbeatReading(HeartbeatState.ABSENT, "no heartbeat endpoint at "
          + EndpointUrls.redact(exchange.url()) + " (HTTP 404)", null, exchange.requests());
    }
    if (status >= 500 || status == 429) {
      String checks = json == null ? "" : failingChecks(json);
      return new HeartbeatReading(HeartbeatState.FAILING, "HTTP " + status + (checks.isEmpty() ? "" : ", failing: " + checks),
          retryAfter(exchange.headers()), exchange.requests());
    }
    return new HeartbeatReading(HeartbeatState.ERROR, "HTTP " + status + " from " + EndpointUrls.redact(exchange.url()),
        null, exchange.requests());
  }

  /** The checks of a Dockerflow heartbeat body that are not "ok": {@code database: error}. */
  private static String failingChecks(JsonNode json) {
    List<String> failing = new ArrayList<>();
    JsonNode checks = json.path("checks");
    for (Iterator<Map.Entry<String, JsonNode>> it = checks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> check = it.next();
      String state = check.getValue().asText();
      if (!"ok".equalsIgnoreCase(state)) {
        failing.add(check.getKey() + ": " + state);
      }
    }
    return String.join(", ", failing);
  }

  private record Exchange(int status, HttpHeaders headers, byte[] body, boolean tooLarge, URI url, int requests) {}

  /** Why a look got no HTTP answer at all. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean permanent;
    final int requests;

    Failure(String message, boolean permanent, int requests) {
      super(message, null, false, false);
      this.permanent = permanent;
      this.requests = requests;
    }
  }

  /** GETs {@code url}, following redirects, with credentials for the configured origin only. */
  private Exchange exchange(URI configured, String authorization, boolean conditional) throws Failure {
    String credentials = authorization;
    if (configured.getRawUserInfo() != null) {
      credentials = credentials != null ? credentials : "Basic " + Base64.getEncoder()
          .encodeToString(decode(configured.getRawUserInfo()).getBytes(StandardCharsets.UTF_8));
    }
    URI origin = withoutUserInfo(configured);
    URI current = origin;
    int sent = 0;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder request;
      try {
        request = HttpRequest.newBuilder(current).GET().timeout(requestTimeout)
            .header("User-Agent", USER_AGENT).header("Accept", "application/json")
            .header("Cache-Control", "no-cache");
      } catch (IllegalArgumentException e) {
        throw new Failure("cannot request " + EndpointUrls.redact(current) + ": " + e.getMessage(), true, sent);
      }
      if (credentials != null && sameOrigin(current, origin)) {
        if (!CredentialTransport.allows(current.getScheme(), current.getHost())) {
          throw new Failure("not sending credentials to " + EndpointUrls.redact(current) + " in clear text: they go only"
              + " over HTTPS (plain HTTP only to this machine); use an https:// version-url", true, sent);
        }
        request.header("Authorization", credentials);
      }
      Cached cached = conditional ? cache.get(current) : null;
      if (cached != null) {
        request.header("If-None-Match", cached.etag());
      }
      requests.incrementAndGet();
      HttpResponse<BoundedBody> response = send(request.build(), ++sent);
      int status = response.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        String location = response.headers().firstValue("location").orElse(null);
        if (location == null) {
          throw new Failure("HTTP " + status + " from " + EndpointUrls.redact(current) + " without a Location", true, sent);
        }
        if (hop + 1 > MAX_REDIRECTS) {
          throw new Failure("more than " + MAX_REDIRECTS + " redirects from " + EndpointUrls.redact(origin), true, sent);
        }
        URI next;
        try {
          next = current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
          throw new Failure("HTTP " + status + " to an invalid Location '" + location + "'", true, sent);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          throw new Failure("redirected to a non-HTTP URL (" + scheme + ":), which is refused", true, sent);
        }
        current = withoutUserInfo(next);
        continue;
      }
      return new Exchange(status, response.headers(), response.body().bytes(), response.body().exceeded(), current, sent);
    }
  }

  private HttpResponse<BoundedBody> send(HttpRequest request, int sent) throws Failure {
    CompletableFuture<HttpResponse<BoundedBody>> future =
        client.sendAsync(request, BoundedBody.handler(MAX_BODY_BYTES));
    try {
      return future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Failure("no complete answer within " + seconds(requestTimeout), false, sent);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new Failure("interrupted", true, sent);
    } catch (ExecutionException e) {
      throw classify(e.getCause() == null ? e : e.getCause(), sent);
    }
  }

  private Failure classify(Throwable cause, int sent) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new Failure("TLS error: " + oneLine(t.getMessage())
            + " (an untrusted, expired or wrong-host certificate?)", true, sent);
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return new Failure("cannot resolve the host name (DNS)", false, sent);
      }
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new Failure("connect timed out", false, sent);
    }
    if (cause instanceof HttpTimeoutException) {
      return new Failure("no complete answer within " + seconds(requestTimeout), false, sent);
    }
    if (cause instanceof ConnectException) {
      return new Failure("connection refused", false, sent);
    }
    if (cause instanceof IOException) {
      String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : oneLine(cause.getMessage());
      return new Failure("connection failed: " + message, false, sent);
    }
    return new Failure("request failed: " + oneLine(String.valueOf(cause)), false, sent);
  }

  private Duration retryAfter(HttpHeaders headers) {
    return headers.firstValue("retry-after").flatMap(v -> RetryAfter.parse(v, clock)).orElse(null);
  }

  private static boolean looksLikeHtml(Exchange exchange) {
    String type = exchange.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    String start = new String(exchange.body(), 0, Math.min(exchange.body().length, 64), StandardCharsets.UTF_8)
        .stripLeading().toLowerCase(Locale.ROOT);
    return type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html");
  }

  private static String describeBody(Exchange exchange) {
    if (exchange.body().length == 0 || exchange.tooLarge()) {
      return "";
    }
    return looksLikeHtml(exchange) ? " (an HTML error page)" : "";
  }

  private static String snippet(byte[] body) {
    String text = oneLine(new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8));
    return text.isEmpty() ? "an empty body" : "'" + text + (body.length > 40 ? "...'" : "'");
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    return URI.create(EndpointUrls.redact(uri));
  }

  private static String decode(String rawUserInfo) {
    return java.net.URLDecoder.decode(rawUserInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
