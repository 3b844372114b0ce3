package dev.trainyard.deploy;

import dev.trainyard.TrainyardException;

/**
 * The {@code verify-deploy} flags as given, null where not given. {@link VerifyDeployRequest#resolve}
 * and {@link CompareRequest#resolve} put them over the {@code deploy:} configuration.
 *
 * @param environment {@code --env}
 * @param version {@code --version}: the tag that should be live; default the pushed tag
 *     ({@code GITHUB_REF_NAME} when {@code GITHUB_REF_TYPE} is {@code tag})
 * @param commit {@code --commit}: the commit that should be live; default the tag's, when the clone has it
 * @param timeout {@code --timeout}, e.g. {@code 15m}; {@code 0} looks once
 * @param interval {@code --interval}, e.g. {@code 10s}
 * @param changedSince {@code --changed-since REF}: as {@code deploy-order}
 * @param all {@code --all}: as {@code deploy-order}
 * @param compare {@code --compare A,B}: compare two environments instead of waiting
 */
public record VerifyDeployFlags(String environment, String version, String commit, String timeout, String interval,
    String changedSince, boolean all, String compare) {

  public static final VerifyDeployFlags NONE = new VerifyDeployFlags(null, null, null, null, null, null, false, null);

  public VerifyDeployFlags {
    if (all && given(changedSince)) {
      throw TrainyardException.invalidInput("--all and --changed-since exclude each other",
          "pass --all for every service, or --changed-since REF for the services changed since REF");
    }
    if (given(compare)) {
      String other = given(environment) ? "--env" : given(version) ? "--version" : given(commit) ? "--commit"
          : given(timeout) ? "--timeout" : given(interval) ? "--interval" : given(changedSince) ? "--changed-since"
          : all ? "--all" : null;
      if (other != null) {
        throw TrainyardException.invalidInput("--compare reads every service once and does not take " + other,
            "run --compare A,B on its own, or leave --compare out to wait for a version in one environment");
      }
    }
  }

  /** The same flags for comparing environments. */
  public static VerifyDeployFlags comparing(String environments) {
    return new VerifyDeployFlags(null, null, null, null, null, null, false, environments);
  }

  private static boolean given(String value) {
    return value != null && !value.isBlank();
  }
}
