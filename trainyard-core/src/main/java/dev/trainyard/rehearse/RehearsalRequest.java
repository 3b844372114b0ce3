package dev.trainyard.rehearse;

import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.owner.OwnerRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One rehearsal, flags resolved over configuration.
 *
 * @param repository the repository to rehearse in; unused for the example
 * @param config the sections every duty reads; null for the example, which brings its own file
 * @param date the release day, or null for today (the example's day with {@code example})
 * @param github where GitHub is, with the token if one was given; unused for the example
 * @param env the runner's variables (bucket credentials are looked for there)
 */
public record RehearsalRequest(
    Path repository,
    RehearsalSections config,
    boolean example,
    LocalDate date,
    boolean offline,
    GitHubEndpoint github,
    Map<String, String> env) {

  public RehearsalRequest {
    Objects.requireNonNull(repository, "repository");
    if (config == null && !example) {
      throw new IllegalArgumentException("a rehearsal of a repository needs its configuration");
    }
    Objects.requireNonNull(github, "github");
    env = Map.copyOf(env);
  }

  public static RehearsalRequest resolve(RehearsalSections config, RehearsalFlags flags, Path repository,
      GitHubEndpoint github, Map<String, String> env, Clock clock) {
    LocalDate date = flags.date() == null || flags.date().isBlank() ? null : OwnerRequest.dateFlag(flags.date(), "--date", clock);
    return new RehearsalRequest(repository, config, flags.example(), date, flags.offline() || flags.example(), github, env);
  }
}
