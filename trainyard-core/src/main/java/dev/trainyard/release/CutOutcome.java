package dev.trainyard.release;

import dev.trainyard.git.TagRef;

/** What {@link Releases#cut} did: found the release made already, planned it (dry run), or made it. */
public sealed interface CutOutcome {

  /**
   * HEAD is already released; nothing was changed in the repository.
   *
   * @param releaseUrl the GitHub release drafted for it on this run (a re-run after a failed draft), or null
   * @param pullRequest the merge-back pull request opened or found on this run ({@code --open-pr}), or null
   */
  record AlreadyReleased(TagRef tag, String releaseUrl, boolean dryRun, MergeBackPullRequest pullRequest)
      implements CutOutcome {
    public AlreadyReleased(TagRef tag, String releaseUrl, boolean dryRun) {
      this(tag, releaseUrl, dryRun, null);
    }
  }

  /** The dry run's plan; nothing was changed. */
  record Planned(ReleasePlan plan) implements CutOutcome {}

  /**
   * The release was made (and pushed and drafted when asked).
   *
   * @param pullRequest the merge-back pull request ({@code --open-pr}), or null
   */
  record Released(ReleasePlan plan, ReleaseOutcome outcome, MergeBackPullRequest pullRequest) implements CutOutcome {
    public Released(ReleasePlan plan, ReleaseOutcome outcome) {
      this(plan, outcome, null);
    }
  }
}
