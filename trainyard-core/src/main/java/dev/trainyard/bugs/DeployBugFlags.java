package dev.trainyard.bugs;

import java.nio.file.Path;

/**
 * The raw {@code deploy-bug} flags, null when not given; {@link DeployBugRequest#resolve} combines
 * them with the configuration.
 *
 * @param tracker {@code --tracker}
 * @param version {@code --version}: the release tag
 * @param env {@code --env}
 * @param qa {@code --qa}
 * @param dryRun {@code --dry-run}
 * @param bugzillaUrl {@code --bugzilla-url}
 * @param product {@code --product}
 * @param component {@code --component}
 * @param template {@code --template}, resolved against the working directory
 * @param closedBug {@code --closed-bug}
 */
public record DeployBugFlags(String tracker, String version, String env, boolean qa, boolean dryRun,
    String bugzillaUrl, String product, String component, Path template, String closedBug) {
  public static final DeployBugFlags NONE = new DeployBugFlags(null, null, null, false, false, null, null, null, null, null);
}
