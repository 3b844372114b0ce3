package dev.trainyard.preflight;

import java.util.List;

/**
 * The raw flag values of {@code trainyard preflight}, as the command received them; null or empty
 * means "not given".
 *
 * @param scheme {@code --scheme}
 * @param patch {@code --patch}: a patch (dot) release; null: decided by the branch (train-N,
 *     release/X.Y mean a patch)
 * @param date {@code --date YYYY-MM-DD}: the release day to check (default: today, or the date
 *     scheme's push day)
 * @param only {@code --only}: run just these checks
 * @param skip {@code --skip}: leave these checks out
 * @param allowEmpty {@code --allow-empty}: nothing new since the last release is a warning, not a failure
 * @param offline {@code --offline}: no network at all (remote refs, CI, blockers are skipped)
 * @param firstRelease {@code --first-release}: a repository without any release tag yet
 */
public record PreflightFlags(
    String scheme,
    Boolean patch,
    String date,
    List<String> only,
    List<String> skip,
    boolean allowEmpty,
    boolean offline,
    boolean firstRelease) {

  public static final PreflightFlags NONE = new PreflightFlags(null, null, null, null, null, false, false, false);
}
