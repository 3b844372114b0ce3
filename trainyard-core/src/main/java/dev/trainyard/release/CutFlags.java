package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cut} flags as given. {@link CutRequest#resolve} puts them over the {@code release:}
 * configuration. A combination that can never work is refused here, before the repository is read.
 *
 * @param openPr {@code --open-pr}: open (or reuse) the merge-back pull request
 * @param privateRelease {@code --private}: a security release, pushed to {@code release.private-remote} only
 * @param repos {@code --repos}: tag these repositories through the GitHub API instead of this clone
 */
public record CutFlags(VersionFlags version, boolean dryRun, boolean push, boolean githubRelease, boolean openPr,
    boolean privateRelease, List<String> repos) {
  public CutFlags {
    Objects.requireNonNull(version, "version");
    repos = repos == null ? List.of() : repos.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
    if (!repos.isEmpty() && (privateRelease || githubRelease || openPr || version.patch())) {
      throw TrainyardException.invalidInput("--repos tags the default branches of several repositories through the"
          + " GitHub API; it does not combine with --private, --github-release, --open-pr or --patch",
          "leave those flags out");
    }
    if (privateRelease && (githubRelease || openPr)) {
      throw TrainyardException.invalidInput("--private and " + (githubRelease ? "--github-release" : "--open-pr")
              + " exclude each other: a security release is not announced on the public repository",
          "cut with --private, and draft the release or open the pull request after the fix is merged back and public");
    }
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

  public CutFlags(VersionFlags version, boolean dryRun, boolean push, boolean githubRelease, boolean openPr) {
    this(version, dryRun, push, githubRelease, openPr, false, List.of());
  }
}
