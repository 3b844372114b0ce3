package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.HostBoundCredentials;
import dev.trainyard.git.RemoteUrls;
import dev.trainyard.git.TagRef;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.WorkflowToken;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionCalculator;
import org.eclipse.jgit.transport.URIish;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
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

  public Releases(Clock clock, Reporter reporter) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /**
   * Cuts the release: nothing when HEAD is released already (but the GitHub release a failed run
   * left out is drafted), the plan for a dry run (a dirty tree is only a warning), else the release.
   */
  public CutOutcome cut(GitRepository repo, CutRequest request) {
    return cut(repo, request, Cancellation.none());
  }

  /**
   * As {@link #cut(GitRepository, CutRequest)}, stopping at the next safe point when
   * {@code cancellation} is raised: what was done is rolled back (and verified), or the error names
   * the commands that undo it; {@link Cancellation#undoCommands()} says so at any moment.
   */
  public CutOutcome cut(GitRepository repo, CutRequest request, Cancellation cancellation) {
    repo.requireFullHistory(request.version().firstRelease());
    RepositoryLinks links = links(repo, request.gitHub(), request.remote());
    ReleasePlanner planner = new ReleasePlanner(clock, reporter);

    Optional<TagRef> existing = planner.existingRelease(repo, request.version());
    if (existing.isPresent()) {
      TagRef tag = existing.get();
      String releaseUrl = null;
      MergeBackPullRequest pullRequest = null;
      if (!request.dryRun() && (request.githubRelease() || request.openPr())) {
        // A re-run after a failed draft or pull request: the tag exists, only they are missing. Both are idempotent.
        String notes = planner.releaseNotes(repo, tag, request.version(), request.config(), links);
        if (request.githubRelease()) {
          releaseUrl = ReleaseExecutor.draftExisting(drafts(request.gitHub()), tag.name(), notes);
        }
        if (request.openPr()) {
          String branch = VersionCalculator.releaseBranch(request.version().scheme(), tag.name())
              .orElseThrow(() -> TrainyardException.invalidInput(
                  "--open-pr: " + tag.name() + " names no release branch to merge back", null));
          pullRequest = pullRequests(request.gitHub()).openOrReuse(branch, request.config().mainBranch(), tag.name(),
              notes).orElse(null);
        }
      }
      return new CutOutcome.AlreadyReleased(tag, releaseUrl, request.dryRun(), pullRequest);
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
    ReleasePlan plan = planner.plan(repo, request.version(), request.config(), links, request.requestWriter());
    warnIfNothingWillChain(request, plan);
    if (request.dryRun()) {
      return new CutOutcome.Planned(plan);
    }
    PushTarget target = request.push() ? pushTarget(repo, request, links, reporter) : null;
    ReleaseDrafts drafts = request.githubRelease() ? drafts(request.gitHub()) : null;
    ReleaseOutcome outcome = new ReleaseExecutor(reporter, step -> {}, cancellation)
        .execute(repo, plan, target, drafts, planner.identity(repo));
    MergeBackPullRequest pullRequest = request.openPr() ? openPullRequest(request, plan, outcome) : null;
    return new CutOutcome.Released(plan, outcome, pullRequest);
  }

  /**
   * The merge-back pull request of a release just made. The release is published by now; a failure
   * here leaves it as it is and says how to open the pull request alone.
   */
  private MergeBackPullRequest openPullRequest(CutRequest request, ReleasePlan plan, ReleaseOutcome outcome) {
    try {
      return pullRequests(request.gitHub()).openOrReuse(plan.next().branch(), request.config().mainBranch(),
          outcome.tag(), plan.releaseNotes()).orElse(null);
    } catch (TrainyardException e) {
      throw new TrainyardException(e.kind(), "release " + outcome.tag() + " was cut"
          + (outcome.pushedRefs().isEmpty() ? "" : " and pushed") + ", but opening the merge-back pull request failed: "
          + e.getMessage(), "run 'trainyard cut --push --open-pr' again (it opens the missing pull request and changes"
          + " nothing else)" + (e.hint() == null ? "" : "; " + e.hint()), e);
    }
  }

  /**
   * A push with the workflow's own token starts no workflow: the tag's release workflow and the
   * release branch's CI would silently never run. Said before anything is pushed.
   */
  private void warnIfNothingWillChain(CutRequest request, ReleasePlan plan) {
    if (!request.push() || !request.workflowToken()) {
      return;
    }
    reporter.warn((request.dryRun() ? "--push would push " : "--push pushes ") + plan.next().tag()
        + " with the workflow's own GITHUB_TOKEN: GitHub starts no workflow for it, so 'on: push: tags' workflows"
        + " (and CI on the release branch) will not run for this release"
        + (request.openPr() ? ", and the merge-back pull request gets no checks" : "") + "; " + WorkflowToken.fix());
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
    return ChangelogQuery.between(repo, request.from(), request.to(), request.format(), request.paths(), links,
        LocalDate.now(clock));
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
   * Where {@code --push} goes, and with which credentials:
   * <ul>
   *   <li>a remote on this machine ({@code file://} or a path): with the system git, so that its
   *       hooks run; without git installed, refused before anything is written;
   *   <li>an {@code https://} remote on the configured GitHub server: with the token;
   *   <li>any other host, or plain {@code http://} (except to a loopback address): without the
   *       token, with a warning; the token never travels in clear text or to another host;
   *   <li>an SSH remote: the same repository over HTTPS on the GitHub server, with the token.
   * </ul>
   */
  static PushTarget pushTarget(GitRepository repo, CutRequest request, RepositoryLinks links, Reporter reporter) {
    String remote = request.remote();
    String url = repo.remoteUrl(remote).orElseThrow(() -> TrainyardException.repositoryState(
        "--push: remote '" + remote + "' is not configured in " + repo.workTree(),
        "git remote add " + remote + " URL, or set release.remote"));
    String token = request.gitHub().token();
    String gitHubHost = URI.create(request.gitHub().serverUrl()).getHost();
    String gitHubScheme = URI.create(request.gitHub().serverUrl()).getScheme();
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (URISyntaxException e) {
      throw TrainyardException.invalidInput("--push: remote '" + remote + "' has a URL git cannot read: " + shown(url),
          "fix it with 'git remote set-url " + remote + " URL'");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean local = "file".equals(scheme) || (scheme == null && uri.getHost() == null);
    if (local) {
      SystemGitPush.requireGit(repo.workTree(), remote);
      return PushTarget.anonymous(remote, true);
    }
    if ("https".equals(scheme) || "http".equals(scheme)) {
      boolean allowed = token != null && HostBoundCredentials.allowed(gitHubHost, scheme, uri.getHost());
      if (token != null && !allowed) {
        reporter.warn("--push: remote '" + remote + "' is " + shown(url) + "; GITHUB_TOKEN goes only to "
            + request.gitHub().serverUrl() + " over HTTPS, so this push carries no credentials");
      }
      return allowed ? new PushTarget(remote, token, uri.getHost(), false) : PushTarget.anonymous(remote, false);
    }
    if (token == null || !links.known()) {
      throw TrainyardException.invalidInput(
          "--push goes over HTTPS with GITHUB_TOKEN, but remote '" + remote + "' is " + shown(url),
          "set GITHUB_TOKEN (and github.repository) to push over HTTPS, or push by hand with the printed commands");
    }
    // SSH remotes are common on laptops; JGit here speaks HTTPS, so the same repository is reached that way.
    String https = links.serverUrl() + "/" + links.repository() + ".git";
    boolean allowed = HostBoundCredentials.allowed(gitHubHost, gitHubScheme, gitHubHost);
    if (!allowed) {
      throw TrainyardException.invalidInput(
          "--push: remote '" + remote + "' is SSH and the GitHub server " + request.gitHub().serverUrl()
              + " is plain HTTP; trainyard sends GITHUB_TOKEN only over HTTPS",
          "use an https:// server URL (GITHUB_SERVER_URL, github.server-url), or push by hand with the printed commands");
    }
    return new PushTarget(https, token, gitHubHost, false);
  }

  /** A remote URL as it may be shown: without user information (which may hold a password). */
  static String shown(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }

  private MergeBackPullRequests pullRequests(GitHubEndpoint gitHub) {
    return GitHubMergeBackPullRequests.of(GitHubClients.create(gitHub, RetryPolicy.defaults(), reporter), reporter);
  }

  private ReleaseDrafts drafts(GitHubEndpoint gitHub) {
    return GitHubReleaseDrafts.of(GitHubClients.create(gitHub, RetryPolicy.defaults(), reporter), reporter);
  }
}
