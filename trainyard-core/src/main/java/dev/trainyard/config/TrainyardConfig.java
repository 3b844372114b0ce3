package dev.trainyard.config;

import dev.trainyard.assets.AssetsConfig;

/**
 * The whole {@code .trainyard.yml}. Each capability owns one section record in its own package;
 * an absent section means "use the defaults". YAML keys are kebab-case.
 *
 * @param github where the repository lives (github.com or GitHub Enterprise)
 * @param assets {@code upload-assets}: source folder, bucket, header rules
 */
public record TrainyardConfig(GitHubSection github, AssetsConfig assets) {

  public static TrainyardConfig defaults() {
    return new TrainyardConfig(null, null);
  }

  /** The section or its defaults; never null. */
  public AssetsConfig assetsOrDefaults() {
    return assets == null ? AssetsConfig.DEFAULTS : assets;
  }

  /** The section or its defaults; never null. */
  public GitHubSection githubOrDefaults() {
    return github == null ? GitHubSection.DEFAULTS : github;
  }
}
