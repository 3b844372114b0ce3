package dev.trainyard.release;

/** Drafts a release on the hosting service. One real implementation: {@link GitHubReleaseDrafts}. */
public interface ReleaseDrafts {

  /**
   * Creates a draft release for {@code tag}, or returns the existing one for that tag unchanged.
   *
   * @return the release's web URL
   */
  String draft(String tag, String name, String body, boolean prerelease);
}
