package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.RemoteUrls;
import dev.trainyard.git.TagRef;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The release capability's entry points: {@code cut}, {@code next-version} and {@code changelog}.
 * Each takes an open repository and a resolved request and returns a result; the release workflow
 * (existing release, dirty tree, push target, GitHub release) is decided here, not by a command.
 */
public final class Releases {
  private final Clock clock;
  private final Reporter reporter;
  private final Map<String, String> env;

  public Releases(Clock clock, Reporter reporter) {
    this(clock, reporter, null);
  }

  /**
   * @param env the caller's environment: the signing programs (gpg, ssh-keygen) and SSH remotes run
   *     with it, as git would; null signs with JGit's own OpenPGP signer only
   */
  public Releases(Clock clock, Reporter reporter, Map<String, String> env) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.env = env == null ? null : Map.copyOf(env);
  }

  /**
   * Cuts the release: nothing when HEAD is released already (but the GitHub release a failed run
   * left out is drafted), the plan for a dry run (a dirty tree is only a warning), else the release.
   */
  public CutOutcome cut(GitRepository repo, CutRequest request) {
    repo.requireFullHistory(request.version().firstRelease());
    RepositoryLinks links = links(repo, request.gitHub(), request.remote());
    ReleasePlanner planner = new ReleasePlanner(clock, reporter);

    Optional<TagRef> existing = planner.existingRelease(repo, request.version());
    if (existing.isPresent()) {
      String releaseUrl = null;
      if (request.githubRelease() && !request.dryRun()) {
        // A re-run after a failed draft: the tag exists, only the draft is missing. Drafting is idempotent.
        releaseUrl = ReleaseExecutor.draftExisting(drafts(request.gitHub()), existing.get().name(),
            planner.releaseNotes(repo, existing.get(), request.version(), request.config(), links, request.clog()));
      }
      return new CutOutcome.AlreadyReleased(existing.get(), releaseUrl, request.dryRun());
    }
    if (request.dryRun()) {
      try {
        repo.requireClean();
      } catch (TrainyardException e) {
        reporter.warn(e.getMessage() + " (a real cut would refuse)");
      }
    } else {
      repo.requireClean();
    }
    ReleasePlan plan = planner.plan(repo, request.version(), request.config(), links, request.clog());
    if (request.dryRun()) {
      return new CutOutcome.Planned(plan);
    }
    PushTarget target = request.push() ? pushTarget(repo, request, links) : null;
    ReleaseDrafts drafts = request.githubRelease() ? drafts(request.gitHub()) : null;
    ReleaseOutcome outcome = new ReleaseExecutor(reporter, step -> {}, env).execute(repo, plan, target, drafts, planner.identity(repo));
    return new CutOutcome.Released(plan, outcome);
  }

  /** The version {@code cut} would make, read-only. */
  public NextVersion nextVersion(GitRepository repo, NextVersionRequest request) {
    repo.requireFullHistory(request.firstRelease());
    return new ReleasePlanner(clock, reporter).nextVersion(repo, request);
  }

  /** The changelog of a range, as {@code cut} would write it. */
  public ChangelogQuery.Result changelog(GitRepository repo, ChangelogRequest request, GitHubEndpoint gitHub) {
    repo.requireFullHistory(true);
    RepositoryLinks links = links(repo, gitHub, request.remote());
    return ChangelogQuery.between(repo, request, links, LocalDate.now(clock));
  }

  /**
   * Links into the repository on its GitHub server: the endpoint's repository ({@code
   * github.repository} or {@code GITHUB_REPOSITORY}), else the one the remote's URL names.
   */
  static RepositoryLinks links(GitRepository repo, GitHubEndpoint gitHub, String remote) {
    String repository = gitHub.repository() != null
        ? gitHub.repository().owner() + "/" + gitHub.repository().name()
        : repo.remoteUrl(remote).flatMap(RemoteUrls::repositoryOf).orElse(null);
    return new RepositoryLinks(gitHub.serverUrl(), repository);
  }

  /**
   * Where {@code --push} goes: the remote itself when it is HTTPS (with the token) or local; an SSH
   * remote is reached over HTTPS with the token instead, since JGit here speaks HTTPS.
   */
  private static PushTarget pushTarget(GitRepository repo, CutRequest request, RepositoryLinks links) {
    String remote = request.remote();
    String url = repo.remoteUrl(remote).orElseThrow(() -> TrainyardException.repositoryState(
        "--push: remote '" + remote + "' is not configured in " + repo.workTree(),
        "git remote add " + remote + " URL, or set release.remote"));
    String token = request.gitHub().token();
    boolean https = url.startsWith("https://") || url.startsWith("http://");
    boolean local = url.startsWith("file:") || url.startsWith("/") || url.startsWith(".");
    if (!https && !local) {
      if (token == null || !links.known()) {
        throw TrainyardException.invalidInput(
            "--push goes over HTTPS with GITHUB_TOKEN, but remote '" + remote + "' is " + url,
            "set GITHUB_TOKEN (and github.repository) to push over HTTPS, or push by hand with the printed commands");
      }
      return new PushTarget(links.serverUrl() + "/" + links.repository() + ".git", token);
    }
    return new PushTarget(remote, https ? token : null);
  }

  private ReleaseDrafts drafts(GitHubEndpoint gitHub) {
    return GitHubReleaseDrafts.of(GitHubClients.create(gitHub, RetryPolicy.defaults(), reporter), reporter);
  }
}
