package dev.trainyard.rehearse;

import dev.trainyard.assets.AssetsConfig;
import dev.trainyard.bugs.DeployBugConfig;
import dev.trainyard.ci.VerifyCiConfig;
import dev.trainyard.deploy.DeployConfig;
import dev.trainyard.deploy.DeployDefaults;
import dev.trainyard.github.GitHubConfig;
import dev.trainyard.mergeback.MergeBackConfig;
import dev.trainyard.owner.OwnersConfig;
import dev.trainyard.preflight.PreflightConfig;
import dev.trainyard.release.ReleaseConfig;
import java.util.Objects;

/**
 * The sections of {@code .trainyard.yml} every duty of the rehearsal reads, each never null. Not a
 * section of its own: {@code TrainyardConfig.rehearsalSections()} builds it from the whole file,
 * because no capability uses the configuration package (it depends on all of them).
 *
 * @param deployDefaults what the deploy plan takes from the release section
 *     ({@code TrainyardConfig.deployDefaults}); a null product is the repository's name
 * @param deployBug the deployment request's tracker and template, as {@code deploy-bug} files it
 */
public record RehearsalSections(
    GitHubConfig github,
    ReleaseConfig release,
    PreflightConfig preflight,
    OwnersConfig owners,
    VerifyCiConfig verifyCi,
    MergeBackConfig mergeBack,
    AssetsConfig assets,
    DeployConfig deploy,
    DeployDefaults deployDefaults,
    DeployBugConfig deployBug) {

  public RehearsalSections {
    Objects.requireNonNull(github, "github");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(preflight, "preflight");
    Objects.requireNonNull(owners, "owners");
    Objects.requireNonNull(verifyCi, "verifyCi");
    Objects.requireNonNull(mergeBack, "mergeBack");
    Objects.requireNonNull(assets, "assets");
    Objects.requireNonNull(deploy, "deploy");
    Objects.requireNonNull(deployDefaults, "deployDefaults");
    Objects.requireNonNull(deployBug, "deployBug");
  }
}
