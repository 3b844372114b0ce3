package dev.trainyard.release;

import dev.trainyard.changelog.ChangelogFormat;
import dev.trainyard.changelog.ChangelogRelease;
import dev.trainyard.changelog.ChangelogRenderer;
import dev.trainyard.changelog.CommitCollector;
import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.version.ReleaseCommits;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** The changelog of an arbitrary range, for the read-only {@code changelog} command. */
public final class ChangelogQuery {
  private ChangelogQuery() {}

  /**
   * The result.
   *
   * @param from the start revision as given (exclusive)
   * @param to the end revision as given (inclusive)
   * @param entries the commits, newest first, release commits left out
   * @param markdown the rendered section
   */
  public record Result(String from, String to, List<ConventionalCommit> entries, String markdown) {
    public Result {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The changelog of {@code from..to}. The section is dated like the release it describes: the
   * tag's day when {@code to} names a tag, else {@code today} (a release not tagged yet).
   */
  public static Result between(GitRepository repo, String from, String to, ChangelogFormat format, List<String> paths,
      RepositoryLinks links, LocalDate today) {
    ObjectId fromId = from == null ? null : repo.resolveCommit(from, "--from");
    ObjectId toId = repo.resolveCommit(to, "--to");
    List<ConventionalCommit> entries = CommitCollector.collect(repo.repository(), fromId, toId, paths).stream()
        .filter(c -> !ReleaseCommits.isReleaseCommit(c)).toList();
    String version = to.matches("v?\\d+\\..*") ? to.replaceFirst("^v", "") : to;
    String previousVersion = from == null ? null : from.matches("v?\\d+\\..*") ? from.replaceFirst("^v", "") : from;
    LocalDate date = repo.tagDate(to).orElse(today);
    ChangelogRelease release = new ChangelogRelease(version, to, previousVersion, from, date);
    return new Result(from, to, entries, ChangelogRenderer.render(format, release, entries, links));
  }
}
