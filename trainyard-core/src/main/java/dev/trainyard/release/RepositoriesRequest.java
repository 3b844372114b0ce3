package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.SchemeName;
import dev.trainyard.version.VersionScheme;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * {@code cut --scheme date --repos a,b,c} (or {@code release.repos}): one date tag on the default
 * branch head of each repository, through the GitHub API.
 *
 * @param repositories the repositories, in the order they are tagged
 * @param date the push date the tags name
 * @param dryRun plan only
 * @param gitHub the server, its token (needed to write tags) and the default owner
 */
public record RepositoriesRequest(List<RepositorySlug> repositories, LocalDate date, boolean dryRun,
    GitHubEndpoint gitHub) {
  public RepositoriesRequest {
    repositories = List.copyOf(repositories);
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(gitHub, "gitHub");
  }

  /** True when the flags or the configuration name repositories to tag this way. */
  public static boolean requested(ReleaseConfig config, CutFlags flags) {
    return !flags.repos().isEmpty() || (config != null && !config.repos().isEmpty());
  }

  /**
   * {@code --repos} over {@code release.repos}; the date from {@code --date}, else the push day on or
   * after {@code today}. Throws only {@link TrainyardException}, naming the flag or key.
   */
  public static RepositoriesRequest resolve(ReleaseConfig config, CutFlags flags, GitHubEndpoint gitHub, LocalDate today) {
    ReleaseConfig c = config == null ? ReleaseConfig.DEFAULTS : config;
    boolean fromFlag = !flags.repos().isEmpty();
    String source = fromFlag ? "--repos" : "release.repos";
    List<String> names = fromFlag ? flags.repos() : c.repos();
    NextVersionRequest version = ReleaseSettings.resolve(c, flags.version());
    if (version.scheme().name() != SchemeName.DATE) {
      throw TrainyardException.invalidInput(source + " tags several repositories with one date tag; this is the "
          + version.scheme().name().id() + " scheme", "pass --scheme date (or set release.scheme: date)");
    }
    VersionScheme.Date scheme = (VersionScheme.Date) version.scheme();
    LocalDate date = version.date() != null ? version.date()
        : scheme.pushDay() == null ? today : today.with(TemporalAdjusters.nextOrSame(scheme.pushDay()));
    if (date.isBefore(today)) {
      throw TrainyardException.invalidInput("--date " + date + " is before today (" + today
          + "); a date tag names the day of the push", "pass today or a later date");
    }
    LinkedHashSet<RepositorySlug> repositories = new LinkedHashSet<>();
    for (String name : names) {
      String full = name.contains("/") ? name : gitHub.repository() == null ? null
          : gitHub.repository().owner() + "/" + name;
      if (full == null) {
        throw TrainyardException.invalidInput(source + ": '" + name + "' names no owner and github.repository is not set",
            "write owner/name, e.g. mozilla/addons-server");
      }
      repositories.add(RepositorySlug.parse(full, source));
    }
    if (!gitHub.hasToken() && !flags.dryRun()) {
      throw TrainyardException.invalidInput(source + " writes tags through the GitHub API, which needs a token",
          "set GITHUB_TOKEN (a token that may write the repositories' contents), or pass --dry-run for the plan");
    }
    return new RepositoriesRequest(new ArrayList<>(repositories), date, flags.dryRun(), gitHub);
  }
}
