package dev.trainyard.config;

import dev.trainyard.mergeback.MergeBackConfig;

/**
 * The whole {@code .trainyard.yml}. Each capability owns one section record in its own package;
 * an absent section means "use the defaults". YAML keys are kebab-case.
 *
 * @param github where the repository lives (github.com or GitHub Enterprise)
 * @param mergeBack the scheduled merge-back check
 */
public record TrainyardConfig(GitHubSection github, MergeBackConfig mergeBack) {

  public static TrainyardConfig defaults() {
    return new TrainyardConfig(null, null);
  }

  /** The section or its defaults; never null. */
  public GitHubSection githubOrDefaults() {
    return github == null ? GitHubSection.DEFAULTS : github;
  }

  /** The merge-back section or its defaults; never null. */
  public MergeBackConfig mergeBackOrDefaults() {
    return mergeBack == null ? MergeBackConfig.DEFAULTS : mergeBack;
  }
}
