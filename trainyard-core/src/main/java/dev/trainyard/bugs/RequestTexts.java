package dev.trainyard.bugs;

import java.util.Objects;

/**
 * What {@link DeployBug} posts for one run, rendered before the tracker is asked because the
 * template must not depend on the tracker's answer beyond "new request or comment".
 *
 * @param key the request's stable key
 * @param marker the marker of this text
 * @param summary a new request's summary
 * @param description the text if a new request must be filed
 * @param comment the text if the request exists
 * @param expectsExisting true when the request normally exists already (patch, production, QA):
 *     filing one is then worth saying, and an offline dry run assumes a comment
 * @param filedNote what to say when a request had to be filed although one was expected
 */
public record RequestTexts(RequestKey key, String marker, String summary, String description, String comment,
    boolean expectsExisting, String filedNote) {
  public RequestTexts {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(comment, "comment");
  }
}
