package dev.trainyard.mergeback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verdict for one release branch or tag.
 *
 * @param ref full ref name, e.g. {@code refs/remotes/origin/train-12} or {@code refs/tags/v1.12.1}
 * @param tip the commit the ref points at (tags peeled)
 * @param how null unless {@code status} is merged
 * @param missing commits of the ref whose change is not on main, oldest first (empty when merged)
 * @param since when the oldest missing commit was committed, or the tag's date; null when merged
 * @param authors distinct authors ({@code Name <email>}) of the missing commits
 * @param evidence one human line saying why, e.g. which main commit carries a squash
 * @param stale not merged for longer than the configured threshold
 */
public record RefResult(
    String ref,
    RefKind kind,
    String tip,
    RefStatus status,
    MergeMethod how,
    List<String> missing,
    Instant since,
    List<String> authors,
    String evidence,
    boolean stale) {

  public RefResult {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tip, "tip");
    Objects.requireNonNull(status, "status");
    missing = List.copyOf(missing);
    authors = List.copyOf(authors);
    if ((status == RefStatus.MERGED) != (how != null)) {
      throw new IllegalArgumentException("how is given exactly when merged: " + ref);
    }
    if (status == RefStatus.MERGED && (!missing.isEmpty() || since != null || stale)) {
      throw new IllegalArgumentException("a merged ref has nothing missing: " + ref);
    }
  }

  /** The short name shown to people: {@code origin/train-12}, {@code v1.12.1}. */
  public String shortName() {
    for (String prefix : List.of("refs/heads/", "refs/remotes/", "refs/tags/")) {
      if (ref.startsWith(prefix)) {
        return ref.substring(prefix.length());
      }
    }
    return ref;
  }
}
