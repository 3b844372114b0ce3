package dev.trainyard.config;

import dev.trainyard.assets.AssetsConfig;
import dev.trainyard.bugs.DeployBugConfig;
import dev.trainyard.ci.VerifyCiConfig;
import dev.trainyard.deploy.DeployConfig;
import dev.trainyard.deploy.DeployDefaults;
import dev.trainyard.github.GitHubConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.mergeback.MergeBackConfig;
import dev.trainyard.owner.OwnersConfig;
import dev.trainyard.preflight.PreflightConfig;
import dev.trainyard.rehearse.RehearsalSections;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.release.ReleaseSettings;
import dev.trainyard.release.VersionFlags;

/**
 * The whole {@code .trainyard.yml}. Each capability owns one section record in its own package;
 * an absent section means "use the defaults". YAML keys are kebab-case.
 *
 * @param github where the repository lives (github.com or GitHub Enterprise)
 * @param release how releases are cut: scheme, branches, changelogs, packages of a monorepo
 * @param verifyCi which checks make CI green for {@code verify-ci}
 * @param mergeBack the scheduled merge-back check
 * @param assets {@code upload-assets}: source folder, bucket, filters and header rules
 * @param owners the release-owner rotation: people, cadence, swaps
 * @param preflight release readiness: release days, holidays, blockers
 * @param deploy {@code deploy-order} and {@code verify-deploy}: services, environments, ordering rules
 * @param deployBug {@code deploy-bug}: tracker, product and component, template, QA labels, notes
 */
public record TrainyardConfig(
    GitHubConfig github, ReleaseConfig release, VerifyCiConfig verifyCi, MergeBackConfig mergeBack,
    AssetsConfig assets, OwnersConfig owners, PreflightConfig preflight, DeployConfig deploy,
    DeployBugConfig deployBug) {

  public static TrainyardConfig defaults() {
    return new TrainyardConfig(null, null, null, null, null, null, null, null, null);
  }

  /**
   * The effective configuration: every section present and every key that has a default set to it,
   * as {@code trainyard config} prints it. Keys decided at run time (the repository's name, today,
   * the main branch found in the clone) stay null; each section's {@code withDefaults} says which.
   *
   * @param gitHub the GitHub endpoint resolved from this file and the environment (for the github: keys)
   */
  public TrainyardConfig withDefaults(GitHubEndpoint gitHub) {
    return new TrainyardConfig(githubOrDefaults().withDefaults(gitHub), releaseOrDefaults().withDefaults(),
        verifyCiOrDefaults().withDefaults(), mergeBackOrDefaults().withDefaults(), assetsOrDefaults().withDefaults(),
        ownersOrDefaults().withDefaults(), preflightOrDefaults(), deployOrDefaults(), deployBugOrDefaults().withDefaults());
  }

  /** The section or its defaults; never null. */
  public GitHubConfig githubOrDefaults() {
    return github == null ? GitHubConfig.DEFAULTS : github;
  }

  /** The release section or its defaults; never null. */
  public ReleaseConfig releaseOrDefaults() {
    return release == null ? ReleaseConfig.DEFAULTS : release;
  }

  /** The verify-ci section or its defaults; never null. */
  public VerifyCiConfig verifyCiOrDefaults() {
    return verifyCi == null ? VerifyCiConfig.DEFAULTS : verifyCi;
  }

  /** The merge-back section or its defaults; never null. */
  public MergeBackConfig mergeBackOrDefaults() {
    return mergeBack == null ? MergeBackConfig.DEFAULTS : mergeBack;
  }

  /** The section or its defaults; never null. */
  public AssetsConfig assetsOrDefaults() {
    return assets == null ? AssetsConfig.DEFAULTS : assets;
  }

  /** The rotation, or {@link OwnersConfig#NONE} when none is configured; never null. */
  public OwnersConfig ownersOrDefaults() {
    return owners == null ? OwnersConfig.NONE : owners;
  }

  /** The preflight section or its defaults; never null. */
  public PreflightConfig preflightOrDefaults() {
    return preflight == null ? PreflightConfig.DEFAULTS : preflight;
  }

  /** The deploy section or its defaults; never null. */
  public DeployConfig deployOrDefaults() {
    return deploy == null ? DeployConfig.DEFAULTS : deploy;
  }

  /**
   * What the deploy plan takes from the release section: the packages (the services when
   * {@code deploy.services} is absent) and the rules that find the previous release.
   *
   * @param repositoryName the one service's name for a repository without packages and without
   *     {@code release.deploy-product}; null for "app"
   */
  public DeployDefaults deployDefaults(String repositoryName) {
    ReleaseConfig release = releaseOrDefaults();
    return new DeployDefaults(
        release.packages().stream().map(p -> new DeployDefaults.PackageService(p.name(), p.path())).toList(),
        ReleaseSettings.resolve(release, new VersionFlags(null, false, null, true)),
        release.deployProduct() != null ? release.deployProduct() : repositoryName);
  }

  /** The deploy-bug section or its defaults; never null. */
  public DeployBugConfig deployBugOrDefaults() {
    return deployBug == null ? DeployBugConfig.DEFAULTS : deployBug;
  }

  /** The sections {@code rehearse} reads, each or its defaults; the deploy product unset unless configured. */
  public RehearsalSections rehearsalSections() {
    return new RehearsalSections(githubOrDefaults(), releaseOrDefaults(), preflightOrDefaults(), ownersOrDefaults(),
        verifyCiOrDefaults(), mergeBackOrDefaults(), assetsOrDefaults(), deployOrDefaults(), deployDefaults(null),
        deployBugOrDefaults());
  }
}
