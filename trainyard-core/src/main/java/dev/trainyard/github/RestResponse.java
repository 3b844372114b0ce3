package dev.trainyard.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.http.HttpResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One GitHub REST response.
 *
 * @param json the parsed body for a 2xx answer with a body; for an error answer whatever JSON
 *     GitHub sent (often {@code {"message": ...}}), or a missing node
 * @param etag the entity tag to send back as {@code If-None-Match}, or null
 * @param nextPage the absolute URL of the next page from the {@code Link} header, or null
 */
public record RestResponse(int statusCode, JsonNode json, String etag, String nextPage, HttpResult raw) {
  public RestResponse {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(raw, "raw");
  }

  public boolean isSuccess() {
    return statusCode >= 200 && statusCode < 300;
  }

  /** 304: the resource did not change since the given ETag; GitHub does not count it against the rate limit. */
  public boolean notModified() {
    return statusCode == 304;
  }

  /** GitHub's {@code message} field of an error body, if any. */
  public Optional<String> message() {
    JsonNode message = json.path("message");
    return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
  }

  public Optional<String> header(String name) {
    return raw.header(name);
  }
}
