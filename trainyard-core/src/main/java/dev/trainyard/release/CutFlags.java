package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cut} flags as given. {@link CutRequest#resolve} puts them over the {@code release:}
 * configuration. A combination that can never work is refused here, before the repository is read.
 */
public record CutFlags(VersionFlags version, boolean dryRun, boolean push, boolean githubRelease,
    boolean privateRelease, List<String> repos) {
  public CutFlags(VersionFlags version, boolean dryRun, boolean push, boolean githubRelease) {
    this(version, dryRun, push, githubRelease, false, List.of());
  }

  public CutFlags(VersionFlags version, boolean dryRun, boolean push, boolean githubRelease, boolean privateRelease) {
    this(version, dryRun, push, githubRelease, privateRelease, List.of());
  }

  public CutFlags {
    Objects.requireNonNull(version, "version");
    repos = repos == null ? List.of() : repos.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
    if (!repos.isEmpty() && (privateRelease || githubRelease || version.patch())) {
      throw TrainyardException.invalidInput("--repos tags the default branches of several repositories through the"
          + " GitHub API; it does not combine with --private, --github-release or --patch", "leave those flags out");
    }
    if (privateRelease && githubRelease) {
      throw TrainyardException.invalidInput(
          "--private and --github-release exclude each other: a security release is not announced on the public repository",
          "cut with --private, and draft the GitHub release after the fix is merged back and public");
    }
    if (githubRelease && !push && !dryRun) {
      throw TrainyardException.invalidInput(
          "--github-release needs --push: a release for a tag GitHub does not have would make GitHub create that tag itself",
          "add --push, or push the branch and tag first and then run 'trainyard cut --github-release --push' again");
    }
  }
}
