package dev.trainyard.bugs;

import java.util.Objects;

/**
 * A request to file.
 *
 * @param key the stable key it must carry
 * @param summary the summary (title)
 * @param description the text, ending with its marker
 */
public record NewRequest(RequestKey key, String summary, String description) {
  public NewRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(description, "description");
  }
}
