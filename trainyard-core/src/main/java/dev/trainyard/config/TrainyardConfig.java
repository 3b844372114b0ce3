package dev.trainyard.config;

/**
 * The whole {@code .trainyard.yml}. Each capability owns one section record in its own package;
 * an absent section means "use the defaults". YAML keys are kebab-case.
 *
 * @param github where the repository lives (github.com or GitHub Enterprise)
 */
public record TrainyardConfig(GitHubSection github) {

  public static TrainyardConfig defaults() {
    return new TrainyardConfig(null);
  }

  /** The section or its defaults; never null. */
  public GitHubSection githubOrDefaults() {
    return github == null ? GitHubSection.DEFAULTS : github;
  }
}
