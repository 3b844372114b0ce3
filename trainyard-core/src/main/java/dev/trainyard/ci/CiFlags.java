package dev.trainyard.ci;

import java.util.List;

/**
 * The {@code verify-ci} flags as given, null where not given. {@link CiRequest#resolve} puts them
 * over the {@code verify-ci:} configuration.
 *
 * @param ref {@code --ref}; default {@code GITHUB_SHA}
 * @param maxWait {@code --wait}, a duration as written
 * @param required {@code --require}; when given, replaces the configured list
 * @param ignored {@code --ignore}; added to the configured list
 * @param requiredChecks {@code --required}: {@code auto} reads the branch's required checks, {@code none} does not
 */
public record CiFlags(
    String ref,
    String maxWait,
    String interval,
    List<String> required,
    List<String> ignored,
    List<String> passingConclusions,
    String discoveryGrace,
    Integer rerunFailed,
    String requiredChecks) {

  public static final CiFlags NONE = new CiFlags(null, null, null, null, null, null, null, null, null);

  public CiFlags(String ref, String maxWait, String interval, List<String> required, List<String> ignored,
      List<String> passingConclusions, String discoveryGrace, Integer rerunFailed) {
    this(ref, maxWait, interval, required, ignored, passingConclusions, discoveryGrace, rerunFailed, null);
  }
}
