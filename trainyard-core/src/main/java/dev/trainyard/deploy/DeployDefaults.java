package dev.trainyard.deploy;

import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.util.List;
import java.util.Objects;

/**
 * What the release already knows and the deploy plan falls back on: the monorepo's packages (the
 * services when {@code deploy.services} is absent) and the rules that pick the previous release
 * (the same as {@code next-version}'s). Built from the {@code release:} section by
 * {@code TrainyardConfig.deployDefaults()}, so this package does not depend on the release one.
 *
 * @param packages the release packages, in configuration order; empty = the repository is one package
 * @param releaseRules scheme, tag filter and main branch of the release; the default is the train
 *     scheme {@code v1.N.P}
 * @param product the name of the one service of a repository without packages (release.deploy-product),
 *     or null for the repository folder's name
 */
public record DeployDefaults(List<PackageService> packages, NextVersionRequest releaseRules, String product) {
  public DeployDefaults {
    packages = packages == null ? List.of() : List.copyOf(packages);
    releaseRules = releaseRules != null ? releaseRules
        : new NextVersionRequest(new VersionScheme.Train(1), false, null, "main", null, true);
  }

  public static DeployDefaults none() {
    return new DeployDefaults(List.of(), null, null);
  }

  /**
   * A release package.
   *
   * @param name its name in texts (the folder's last segment unless configured)
   * @param path its folder relative to the repository root, {@code ""} for the root
   */
  public record PackageService(String name, String path) {
    public PackageService {
      Objects.requireNonNull(name, "name");
      path = path == null ? "" : path;
    }
  }
}
