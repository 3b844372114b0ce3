package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ChangelogFormat;
import dev.trainyard.changelog.ChangelogRelease;
import dev.trainyard.changelog.ChangelogRenderer;
import dev.trainyard.changelog.ClogSettings;
import dev.trainyard.changelog.CommitCollector;
import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.TagRef;
import dev.trainyard.version.ReleaseCommits;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** The changelog of an arbitrary range, for the read-only {@code changelog} command. */
public final class ChangelogQuery {
  private ChangelogQuery() {}

  /**
   * The result.
   *
   * @param from the start revision (exclusive): as given, or the latest tag with {@code --from-latest-tag}
   * @param to the end revision as given (inclusive)
   * @param entries the commits, newest first (release commits left out unless the policy includes them)
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
    return between(repo, new ChangelogRequest(from, to, format, paths, null), links, today);
  }

  /** The changelog {@code request} asks for. */
  public static Result between(GitRepository repo, ChangelogRequest request, RepositoryLinks links, LocalDate today) {
    String from = request.from();
    String to = request.to();
    ObjectId toId = repo.resolveCommit(to, "--to");
    if (from == null && request.clog().fromLatestTag()) {
      from = latestTag(repo);
    }
    ObjectId fromId = from == null ? null : repo.resolveCommit(from, "--from");
    // With release commits listed, the range's own release commit ("chore: tag 0.23.3" at the tag)
    // still is not: it was made after the changelog it would appear in, as clog ran before it.
    String end = toId.name();
    List<ConventionalCommit> entries = CommitCollector.collect(repo.repository(), fromId, toId, request.paths()).stream()
        .filter(c -> !ReleaseCommits.isReleaseCommit(c)
            || (request.releaseCommits() == ReleaseCommitsPolicy.INCLUDE && !c.hash().equals(end)))
        .toList();
    String version = to.matches("v?\\d+\\..*") ? to.replaceFirst("^v", "") : to;
    String previousVersion = from == null ? null : from.matches("v?\\d+\\..*") ? from.replaceFirst("^v", "") : from;
    LocalDate date = repo.tagDate(to).orElse(today);
    ChangelogRelease release = new ChangelogRelease(version, to, previousVersion, from, date);
    ClogSettings clog = request.clog();
    return new Result(from, to, entries, ChangelogRenderer.render(request.format(), release, entries, links, clog));
  }

  /**
   * clog's {@code from-latest-tag}: the tag on the most recently committed tagged commit, reachable
   * from HEAD or not ({@code git rev-list --tags --max-count=1}), so a release tag left off the
   * default branch by a squash-merged release PR still starts the range.
   */
  static String latestTag(GitRepository repo) {
    return repo.tags().stream()
        .max(Comparator.comparing((TagRef t) -> repo.parseCommit(t.commit()).getCommitTime())
            .thenComparing(TagRef::name))
        .map(TagRef::name)
        .orElseThrow(() -> TrainyardException.repositoryState(
            "--from-latest-tag: the repository has no tags", "fetch them ('git fetch --tags'), or pass --from"));
  }
}
