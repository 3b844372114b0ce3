package dev.trainyard.preflight;

import dev.trainyard.TrainyardException;
import dev.trainyard.ci.VerifyCiConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.mergeback.MergeBackConfig;
import dev.trainyard.mergeback.MergeBackRequest;
import dev.trainyard.mergeback.MergeBackFlags;
import dev.trainyard.owner.OwnerRequest;
import dev.trainyard.owner.OwnersConfig;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.version.SchemeName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one preflight needs, flags resolved over configuration in this one place.
 *
 * @param repository the work tree (or a folder inside it)
 * @param schemeFlag {@code --scheme}, passed on to the release settings (null: the configuration's)
 * @param patch null: decided by the checked-out branch
 * @param date the release day to check; null: today, or for the date scheme the push day
 * @param today the day the check runs
 * @param now the instant the check runs (merge-back ages)
 * @param checks the checks to run, in {@link Check} order
 * @param github where GitHub is, with the token if one was given (the repository may be null: it is
 *     then read from the remote's URL)
 * @param verifyCi which checks make CI green ({@code verify-ci:} section); preflight looks once, never waits
 * @param mergeBack the merge-back analysis settings ({@code merge-back:} section)
 */
public record PreflightRequest(
    Path repository,
    ReleaseConfig release,
    String schemeFlag,
    Boolean patch,
    LocalDate date,
    LocalDate today,
    Instant now,
    Set<Check> checks,
    boolean allowEmpty,
    boolean offline,
    boolean firstRelease,
    PreflightConfig preflight,
    OwnersConfig owners,
    GitHubEndpoint github,
    VerifyCiConfig verifyCi,
    MergeBackRequest mergeBack) {

  public PreflightRequest {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(now, "now");
    checks = checks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checks));
    Objects.requireNonNull(preflight, "preflight");
    Objects.requireNonNull(owners, "owners");
    Objects.requireNonNull(github, "github");
    Objects.requireNonNull(verifyCi, "verifyCi");
    Objects.requireNonNull(mergeBack, "mergeBack");
  }

  /**
   * Flags over configuration over defaults. The sections come from {@code TrainyardConfig}
   * ({@code xxxOrDefaults()}); they are passed one by one so this package does not depend on the
   * configuration root, which depends on it.
   *
   * @param repository the repository folder the command runs in
   * @param github the GitHub endpoint (the CLI reads the runner's variables and the token)
   */
  public static PreflightRequest resolve(PreflightConfig preflight, ReleaseConfig release, OwnersConfig owners,
      VerifyCiConfig verifyCi, MergeBackConfig mergeBack, PreflightFlags flags, Path repository,
      GitHubEndpoint github, Clock clock) {
    LocalDate date = flags.date() == null || flags.date().isBlank() ? null : OwnerRequest.dateFlag(flags.date(), "--date", clock);
    if (flags.scheme() != null) {
      SchemeName.parse(flags.scheme(), "--scheme");
    }
    Instant now = clock.instant();
    return new PreflightRequest(repository, release, flags.scheme(), flags.patch(), date, LocalDate.now(clock), now,
        selected(preflight, flags), flags.allowEmpty(), flags.offline(), flags.firstRelease(), preflight,
        owners, github, verifyCi, MergeBackRequest.resolve(mergeBack, mergeBackFlags(mergeBack, release), repository, now));
  }

  /** Every check, less {@code preflight.skip}; {@code --only} and {@code --skip} choose from there. */
  static Set<Check> selected(PreflightConfig config, PreflightFlags flags) {
    Set<Check> checks = new LinkedHashSet<>();
    List<String> only = nonEmpty(flags.only());
    if (only.isEmpty()) {
      checks.addAll(List.of(Check.values()));
      for (String name : config.skip()) {
        checks.remove(Check.parse(name, "preflight.skip"));
      }
    } else {
      for (String name : only) {
        checks.add(Check.parse(name, "--only"));
      }
    }
    for (String name : nonEmpty(flags.skip())) {
      checks.remove(Check.parse(name, "--skip"));
    }
    if (checks.isEmpty()) {
      throw TrainyardException.invalidInput("no checks left to run after --only/--skip",
          "leave out --skip, or name at least one check with --only");
    }
    return checks;
  }

  private static List<String> nonEmpty(List<String> names) {
    List<String> out = new ArrayList<>();
    if (names != null) {
      for (String name : names) {
        for (String part : name.split(",")) {
          if (!part.isBlank()) {
            out.add(part.strip());
          }
        }
      }
    }
    return out;
  }

  /** The merge-back analysis as {@code trainyard merge-back} runs it, on the branch releases are cut from. */
  private static MergeBackFlags mergeBackFlags(MergeBackConfig config, ReleaseConfig release) {
    return new MergeBackFlags(config.main() == null ? release.mainBranch() : null, null, null, null, false, null, null,
        null, config.remote() == null ? release.remote() : null, null, false, false, null, false);
  }

  public boolean runs(Check check) {
    return checks.contains(check);
  }
}
