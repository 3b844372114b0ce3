package dev.trainyard.github;

import dev.trainyard.http.HttpResult;
import dev.trainyard.http.RetryingHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Sends github-api's requests through {@link RetryingHttpClient}, so code using
 * {@link org.kohsuke.github.GitHub} gets the same timeouts, retries and rate-limit handling as
 * {@link GitHubRest}. A call that runs out of retries surfaces as the client's one-line
 * {@link dev.trainyard.TrainyardException}; every other answer (including 4xx) goes back to
 * github-api, which maps it to its own exceptions (e.g. {@code GHFileNotFoundException}).
 */
final class RetryingGitHubConnector implements GitHubConnector {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final RetryingHttpClient http;

  RetryingGitHubConnector(RetryingHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    URI uri;
    try {
      uri = request.url().toURI();
    } catch (URISyntaxException e) {
      throw new IOException("invalid GitHub API URL: " + request.url(), e);
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
      if (header.getKey() == null || RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        if (value != null) {
          builder.header(header.getKey(), value);
        }
      }
    }
    if (request.contentType() != null && request.header("Content-Type") == null) {
      builder.header("Content-Type", request.contentType());
    }
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    if (request.hasBody()) {
      try (InputStream in = request.body()) {
        body = HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes());
      }
    }
    builder.method(request.method(), body);
    return new BufferedResponse(request, http.send(builder.build()));
  }

  private static final class BufferedResponse extends GitHubConnectorResponse.ByteArrayResponse {
    private final byte[] body;

    BufferedResponse(GitHubConnectorRequest request, HttpResult result) {
      super(request, result.statusCode(), result.headers().map());
      this.body = result.body();
    }

    @Override
    protected InputStream rawBodyStream() {
      return new ByteArrayInputStream(body);
    }
  }
}
