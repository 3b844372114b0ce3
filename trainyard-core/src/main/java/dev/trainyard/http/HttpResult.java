package dev.trainyard.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A response read completely within the request timeout.
 *
 * @param attempts how many attempts it took, 1 when the first one succeeded
 */
public record HttpResult(String method, URI uri, int statusCode, HttpHeaders headers, byte[] body, int attempts) {
  public HttpResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    body = body == null ? new byte[0] : body;
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public boolean isSuccess() {
    return statusCode >= 200 && statusCode < 300;
  }
}
