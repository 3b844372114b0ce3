package dev.trainyard.release;

import java.util.List;

/**
 * What {@code cut} did.
 *
 * @param tag the tag created (or found, when already released)
 * @param commit the commit the tag points at
 * @param branch the release branch, or null
 * @param alreadyReleased true when nothing was done because the release exists
 * @param pushedRefs full ref names that reached the remote, in push order
 * @param releaseUrl the GitHub release draft's URL, or null
 */
public record ReleaseOutcome(
    String tag, String commit, String branch, boolean alreadyReleased, List<String> pushedRefs, String releaseUrl) {
  public ReleaseOutcome {
    pushedRefs = List.copyOf(pushedRefs);
  }
}
