package dev.trainyard.release;

import dev.trainyard.git.TagRef;

/** What {@link Releases#cut} did: found the release made already, planned it (dry run), or made it. */
public sealed interface CutOutcome {

  /**
   * HEAD is already released; nothing was changed.
   *
   * @param releaseUrl the GitHub release drafted for it on this run (a re-run after a failed draft), or null
   */
  record AlreadyReleased(TagRef tag, String releaseUrl, boolean dryRun) implements CutOutcome {}

  /** The dry run's plan; nothing was changed. */
  record Planned(ReleasePlan plan) implements CutOutcome {}

  /** The release was made (and pushed and drafted when asked). */
  record Released(ReleasePlan plan, ReleaseOutcome outcome) implements CutOutcome {}
}
