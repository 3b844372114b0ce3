package dev.trainyard.version;

import java.util.Objects;

/**
 * The release that would be cut now.
 *
 * @param version the version without prefix, e.g. {@code 1.212.0}, {@code 2026.11.26-1}, {@code 2.3.0}
 * @param tag the tag to create, e.g. {@code v1.212.0}
 * @param previousTag the release this one follows (changelog and compare start), or null for a first release
 * @param branch the branch the release commit goes on (train-N, release/X.Y, or the current branch);
 *     null for a date tag cut on a detached HEAD
 * @param scheme the scheme that decided
 * @param patch true for a patch (dot) release on an existing release branch, or a date re-tag
 * @param previousVersion the previous release's version without prefix, or null
 * @param createsBranch true when {@code branch} does not exist yet and is created from HEAD
 * @param startBranch the branch checked out when the version was computed, or null when detached
 * @param bump for semver, the part that was bumped (or null when a Release-As footer decided)
 * @param mainBranch the default branch regular releases are cut from, or null where the scheme does
 *     not look at it (date)
 * @param mainBranchReason why that branch is the default ({@code origin/HEAD points at master}), or null
 */
public record NextVersion(
    String version,
    String tag,
    String previousTag,
    String branch,
    SchemeName scheme,
    boolean patch,
    String previousVersion,
    boolean createsBranch,
    String startBranch,
    Bump bump,
    String mainBranch,
    String mainBranchReason) {
  public NextVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(scheme, "scheme");
  }

  /** Without the default branch (schemes that do not look at it). */
  public NextVersion(String version, String tag, String previousTag, String branch, SchemeName scheme, boolean patch,
      String previousVersion, boolean createsBranch, String startBranch, Bump bump) {
    this(version, tag, previousTag, branch, scheme, patch, previousVersion, createsBranch, startBranch, bump, null, null);
  }
}
