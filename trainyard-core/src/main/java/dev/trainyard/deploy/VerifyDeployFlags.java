package dev.trainyard.deploy;

/**
 * The raw flag values of {@code verify-deploy} (null = not given).
 *
 * @param environment {@code --env}
 * @param version {@code --version}: the tag that should be live
 * @param commit {@code --commit}: the commit that should be live (default: the tag's, when the
 *     clone has the tag)
 * @param timeout {@code --timeout}, e.g. {@code 15m}; {@code 0} looks once
 * @param interval {@code --interval}, e.g. {@code 10s}
 * @param compare {@code --compare A,B}: compare two environments instead of waiting
 */
public record VerifyDeployFlags(String environment, String version, String commit, String timeout, String interval,
    String compare) {}
