package dev.trainyard.assets;

import java.util.Objects;

/** What a sync does, or would do, to one key, and why. */
public record PlannedChange(String key, Action action, LocalAsset local, RemoteObject remote, String reason) {
  public enum Action {
    /** Send the body: new object, or content changed. */
    UPLOAD,
    /** Same content, different headers: rewrite metadata in place, no body sent. */
    UPDATE_HEADERS,
    UNCHANGED,
    /** Remote object with no local file, removed only with {@code --delete}. */
    DELETE
  }

  public PlannedChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    if (action != Action.DELETE) {
      Objects.requireNonNull(local, "local");
    }
  }

  /** Body bytes this change sends. */
  public long bodyBytes() {
    return action == Action.UPLOAD ? local.size() : 0;
  }
}
