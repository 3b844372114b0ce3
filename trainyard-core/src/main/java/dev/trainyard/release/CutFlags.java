package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import java.util.Objects;

/**
 * The {@code cut} flags as given. {@link CutRequest#resolve} puts them over the {@code release:}
 * configuration. A combination that can never work is refused here, before the repository is read.
 */
public record CutFlags(VersionFlags version, boolean dryRun, boolean push, boolean githubRelease, boolean openPr) {
  public CutFlags {
    Objects.requireNonNull(version, "version");
    if (openPr && !push && !dryRun) {
      throw TrainyardException.invalidInput(
          "--open-pr needs --push: GitHub can only open a pull request for a release branch it has",
          "add --push, or push the release branch first and then run 'trainyard cut --open-pr --push' again");
    }
    if (githubRelease && !push && !dryRun) {
      throw TrainyardException.invalidInput(
          "--github-release needs --push: a release for a tag GitHub does not have would make GitHub create that tag itself",
          "add --push, or push the branch and tag first and then run 'trainyard cut --github-release --push' again");
    }
  }

  public CutFlags(VersionFlags version, boolean dryRun, boolean push, boolean githubRelease) {
    this(version, dryRun, push, githubRelease, false);
  }
}
