package dev.trainyard.release;

import dev.trainyard.version.NextVersion;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code cut} would do, computed without touching the repository. {@code --dry-run}
 * prints it; {@link ReleaseExecutor} applies it.
 *
 * @param next the version, tag and branch
 * @param baseCommit the commit HEAD was at when the plan was made (full hash)
 * @param sections one changelog section per package
 * @param files files to rewrite, with their content before and after
 * @param commitMessage the release commit's message, or null when no file changes (the tag goes on HEAD)
 * @param tagMessage the annotated tag's message
 * @param sign whether git config asks for signed commits/tags
 * @param remote the remote pushes go to
 * @param pushCommands the exact commands that publish the release (branch first, then the tag by name)
 * @param compareUrl merge-back PR link (train/semver) or {@code previous...new} compare link (date), or null
 * @param releaseNotes the text for a GitHub release (newest changelog section(s))
 * @param deploymentRequest the deployment request text for operations, or null for schemes without one
 * @param publicSteps for a security release pushed only to the private remote: the commands that
 *     later bring it to the public repository; empty otherwise
 */
public record ReleasePlan(
    NextVersion next,
    String baseCommit,
    List<PackageSection> sections,
    List<FileChange> files,
    String commitMessage,
    String tagMessage,
    boolean sign,
    String remote,
    List<String> pushCommands,
    String compareUrl,
    String releaseNotes,
    String deploymentRequest,
    List<String> publicSteps) {
  public ReleasePlan {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(baseCommit, "baseCommit");
    sections = List.copyOf(sections);
    files = List.copyOf(files);
    Objects.requireNonNull(tagMessage, "tagMessage");
    Objects.requireNonNull(remote, "remote");
    pushCommands = List.copyOf(pushCommands);
    publicSteps = publicSteps == null ? List.of() : List.copyOf(publicSteps);
    if (!files.isEmpty() && commitMessage == null) {
      throw new IllegalArgumentException("a plan that changes files needs a commit message");
    }
  }

  /** A plan of an ordinary release (no steps towards a public repository). */
  public ReleasePlan(NextVersion next, String baseCommit, List<PackageSection> sections, List<FileChange> files,
      String commitMessage, String tagMessage, boolean sign, String remote, List<String> pushCommands, String compareUrl,
      String releaseNotes, String deploymentRequest) {
    this(next, baseCommit, sections, files, commitMessage, tagMessage, sign, remote, pushCommands, compareUrl,
        releaseNotes, deploymentRequest, List.of());
  }

  /** The same plan with the steps that bring a security release to the public repository later. */
  public ReleasePlan withPublicSteps(List<String> steps) {
    return new ReleasePlan(next, baseCommit, sections, files, commitMessage, tagMessage, sign, remote, pushCommands,
        compareUrl, releaseNotes, deploymentRequest, steps);
  }

  /** The branch to push, or null when the release does not create or move a branch. */
  public String pushedBranch() {
    return next.branch() != null && (commitMessage != null || next.createsBranch()) ? next.branch() : null;
  }
}
