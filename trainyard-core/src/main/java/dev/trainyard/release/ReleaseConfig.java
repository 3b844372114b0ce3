package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ChangelogFormat;
import dev.trainyard.version.Bump;
import dev.trainyard.version.SchemeName;
import java.time.DayOfWeek;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code release:} section of {@code .trainyard.yml}. Every key is optional; flags override it.
 *
 * @param scheme train, date or semver (default train)
 * @param mainBranch the branch regular releases are cut from (default main)
 * @param remote the remote pushes go to and push commands name (default origin)
 * @param trainMajor the fixed first number of train tags (default 1, for {@code v1.N.P})
 * @param tagPrefix semver tag prefix: empty (default) or {@code v}
 * @param pushDay date scheme: the weekday of pushes; the default date is the next one on or after today
 *     (default: today)
 * @param belowOneBreaking semver below 1.0: the bump a breaking change causes (default minor)
 * @param belowOneFeature semver below 1.0: the bump a feature causes (default patch)
 * @param tagPattern a Java regular expression whole tag names must match to count as releases
 * @param changelogFormat fxa, clog or keepachangelog (default: fxa for train, clog for semver,
 *     keepachangelog for date)
 * @param deployProduct the service name in the deployment request (default: the repository name)
 * @param packages the packages of a monorepo; absent = the repository root is the one package
 * @param changelogReleaseCommits whether release commits ({@code chore: tag 0.23.2 (#2399)}, the
 *     squash merge of a release pull request) are listed in the changelog: {@code include} (the
 *     default for clog, which lists them) or {@code exclude} (the default for fxa and keepachangelog)
 * @param privateRemote the remote of the private repository security releases go to
 *     ({@code cut --private}), e.g. {@code private} for a clone of fxa-private; unset: none
 * @param repos the repositories {@code cut --scheme date} tags through the GitHub API with one date
 *     tag ({@code owner/name}, or {@code name} in github.repository's owner); unset: this clone only
 */
public record ReleaseConfig(
    SchemeName scheme,
    String mainBranch,
    String remote,
    Integer trainMajor,
    String tagPrefix,
    String pushDay,
    Bump belowOneBreaking,
    Bump belowOneFeature,
    String tagPattern,
    ChangelogFormat changelogFormat,
    String deployProduct,
    List<PackageConfig> packages,
    ReleaseCommitsPolicy changelogReleaseCommits,
    String privateRemote,
    List<String> repos) {

  /** The push weekday, or null for "today". */
  public DayOfWeek pushWeekday() {
    return pushDay == null ? null : DayOfWeek.valueOf(pushDay.trim().toUpperCase(java.util.Locale.ROOT));
  }

  public static final ReleaseConfig DEFAULTS =
      new ReleaseConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /** Without the newer keys (they are not set). */
  public ReleaseConfig(SchemeName scheme, String mainBranch, String remote, Integer trainMajor, String tagPrefix,
      String pushDay, Bump belowOneBreaking, Bump belowOneFeature, String tagPattern, ChangelogFormat changelogFormat,
      String deployProduct, List<PackageConfig> packages) {
    this(scheme, mainBranch, remote, trainMajor, tagPrefix, pushDay, belowOneBreaking, belowOneFeature, tagPattern,
        changelogFormat, deployProduct, packages, null, null, null);
  }

  /** The same configuration with {@code remote} as the remote pushes go to. */
  public ReleaseConfig withRemote(String newRemote) {
    return new ReleaseConfig(scheme, mainBranch, newRemote, trainMajor, tagPrefix, pushDay, belowOneBreaking,
        belowOneFeature, tagPattern, changelogFormat, deployProduct, packages, changelogReleaseCommits, privateRemote,
        repos);
  }

  /**
   * This section with every unset key at the value cut uses (what {@code trainyard config} prints):
   * train scheme from main, remote origin, train major 1, no tag prefix, below 1.0 a breaking change
   * bumps the minor and a feature the patch, and the scheme's changelog format. Keys decided at run
   * time stay null: push-day (today), tag-pattern (every tag of the scheme), deploy-product (the
   * repository's name); no packages means the repository root is the one package.
   */
  public ReleaseConfig withDefaults() {
    SchemeName effectiveScheme = scheme != null ? scheme : SchemeName.TRAIN;
    return new ReleaseConfig(effectiveScheme, mainBranch != null ? mainBranch : "main", remote != null ? remote : "origin",
        trainMajor != null ? trainMajor : 1, tagPrefix != null ? tagPrefix : "", pushDay,
        belowOneBreaking != null ? belowOneBreaking : Bump.MINOR, belowOneFeature != null ? belowOneFeature : Bump.PATCH,
        tagPattern, changelogFormat != null ? changelogFormat : switch (effectiveScheme) {
          case TRAIN -> ChangelogFormat.FXA;
          case SEMVER -> ChangelogFormat.CLOG;
          case DATE -> ChangelogFormat.KEEPACHANGELOG;
        }, deployProduct, packages);
  }

  public ReleaseConfig {
    if (tagPrefix != null && !tagPrefix.isEmpty() && !tagPrefix.equals("v")) {
      throw TrainyardException.invalidInput("release.tag-prefix must be empty or 'v', got '" + tagPrefix + "'", null);
    }
    if (trainMajor != null && trainMajor < 0) {
      throw TrainyardException.invalidInput("release.train-major must be 0 or more, got " + trainMajor, null);
    }
    if (tagPattern != null) {
      try {
        Pattern.compile(tagPattern);
      } catch (PatternSyntaxException e) {
        throw TrainyardException.invalidInput(
            "release.tag-pattern is not a valid regular expression: " + e.getDescription(), null);
      }
    }
    if (pushDay != null) {
      try {
        DayOfWeek.valueOf(pushDay.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw TrainyardException.invalidInput(
            "release.push-day must be a weekday (monday ... sunday), got '" + pushDay + "'", null);
      }
    }
    if (privateRemote != null && privateRemote.isBlank()) {
      throw TrainyardException.invalidInput("release.private-remote must not be empty",
          "name the remote of the private repository (git remote -v), or leave the key out");
    }
    if (mainBranch != null && mainBranch.isBlank()) {
      throw TrainyardException.invalidInput("release.main-branch must not be empty", "leave it out for main");
    }
    packages = packages == null ? List.of() : List.copyOf(packages);
    repos = repos == null ? List.of() : List.copyOf(repos);
  }

  /**
   * One package of a monorepo.
   *
   * @param path folder relative to the repository root ({@code packages/fxa-auth-server}); its
   *     commits are the ones that touch it
   * @param name name used in texts (default: the folder's last segment)
   * @param changelog changelog file relative to the package folder (default CHANGELOG.md)
   * @param versionFiles files relative to the package folder whose version is bumped
   *     (package.json, package-lock.json, Cargo.toml, Cargo.lock, pom.xml, pyproject.toml, setup.py)
   */
  public record PackageConfig(String path, String name, String changelog, List<String> versionFiles) {
    public PackageConfig {
      if (path == null) {
        throw TrainyardException.invalidInput("path is required for every package (use '.' for the root)", null);
      }
      path = path.replace('\\', '/');
      while (path.startsWith("./")) {
        path = path.substring(2);
      }
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      if (path.equals(".")) {
        path = "";
      }
      if (path.startsWith("/") || path.contains("..")) {
        throw TrainyardException.invalidInput(
            "package path must be relative inside the repository, got '" + path + "'", null);
      }
      if (name == null || name.isBlank()) {
        name = path.isEmpty() ? "root" : path.substring(path.lastIndexOf('/') + 1);
      }
      changelog = changelog == null || changelog.isBlank() ? "CHANGELOG.md" : changelog;
      versionFiles = versionFiles == null ? List.of() : List.copyOf(versionFiles);
      requireInside(changelog, "changelog");
      versionFiles.forEach(file -> requireInside(file, "version-files"));
    }

    private static void requireInside(String file, String key) {
      if (file.startsWith("/") || file.contains("\\") || List.of(file.split("/")).contains("..")) {
        throw TrainyardException.invalidInput(
            key + " must be a path inside the package folder, got '" + file + "'", null);
      }
    }

    /** {@code file} (relative to the package) as a path relative to the repository root. */
    public String resolve(String file) {
      return path.isEmpty() ? file : path + "/" + file;
    }
  }
}
