package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.GitTransport;
import dev.trainyard.git.HostBoundCredentials;
import dev.trainyard.git.RemoteRefs;
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
import java.util.List;
import java.util.Locale;
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
    return cut(repo, request, Cancellation.none());
  }

  /**
   * As {@link #cut(GitRepository, CutRequest)}, stopping at the next safe point when
   * {@code cancellation} is raised: what was done is rolled back (and verified), or the error names
   * the commands that undo it; {@link Cancellation#undoCommands()} says so at any moment.
   */
  public CutOutcome cut(GitRepository repo, CutRequest request, Cancellation cancellation) {
    repo.requireFullHistory(request.version().firstRelease());
    RepositoryLinks links = request.privateRelease()
        // A security release links into the private repository, never the public one.
        ? new RepositoryLinks(request.gitHub().serverUrl(),
            repo.remoteUrl(request.remote()).flatMap(RemoteUrls::repositoryOf).orElse(null))
        : links(repo, request.gitHub(), request.remote());
    ReleasePlanner planner = new ReleasePlanner(clock, reporter);

    Optional<TagRef> existing = planner.existingRelease(repo, request.version());
    if (existing.isPresent()) {
      TagRef tag = existing.get();
      String releaseUrl = null;
      MergeBackPullRequest pullRequest = null;
      if (!request.dryRun() && (request.githubRelease() || request.openPr())) {
        // A re-run after a failed draft or pull request: the tag exists, only they are missing. Both are idempotent.
        String notes = planner.releaseNotes(repo, tag, request.version(), request.config(), links, request.clog());
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
    ReleasePlan plan = planner.plan(repo, request.version(), request.config(), links, request.clog(),
        request.requestWriter());
    if (request.privateRelease()) {
      plan = plan.withPublicSteps(publicSteps(repo, request, plan));
    }
    warnIfNothingWillChain(request, plan);
    compareWithRemote(repo, request, plan);
    if (request.dryRun()) {
      return new CutOutcome.Planned(plan);
    }
    PushTarget target = request.push() ? pushTarget(repo, request, links, reporter) : null;
    ReleaseDrafts drafts = request.githubRelease() ? drafts(request.gitHub()) : null;
    ReleaseOutcome outcome = new ReleaseExecutor(reporter, step -> {}, cancellation, env)
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

  /**
   * Before tagging, a read-only look at the remote: refuses when the release's branch is behind the
   * remote's, when the remote already has the tag, or when it has tags this clone lacks (a dry run
   * warns instead). A clone without the remote is not compared; a remote that cannot be reached
   * stops a {@code --push} and is a warning otherwise. The token goes along only to the GitHub
   * server over HTTPS ({@link HostBoundCredentials}); an SSH remote is reached as a push would be.
   */
  private void compareWithRemote(GitRepository repo, CutRequest request, ReleasePlan plan) {
    String remote = request.remote();
    if (repo.remoteUrl(remote).isEmpty()) {
      reporter.debug("no remote '" + remote + "': the release is not compared with one");
      return;
    }
    RemoteRefs refs;
    try (GitTransport transport = GitTransport.of(request.gitHub().token(),
        URI.create(request.gitHub().serverUrl()).getHost(), env)) {
      refs = RemoteRefs.list(repo, remote, transport);
    } catch (TrainyardException e) {
      if (request.push() && !request.dryRun()) {
        throw e;
      }
      reporter.warn(e.getMessage() + "; the release was not compared with " + remote);
      return;
    }
    List<String> problems = refs.problems(repo, remote, plan.next().startBranch(),
        org.eclipse.jgit.lib.ObjectId.fromString(plan.baseCommit()), plan.next().tag());
    if (problems.isEmpty()) {
      reporter.debug("up to date with " + remote);
      return;
    }
    if (request.dryRun()) {
      problems.forEach(problem -> reporter.warn(problem + " (a real cut would refuse)"));
      return;
    }
    throw TrainyardException.repositoryState("not up to date with " + remote + ": " + String.join("; ", problems),
        "bring the clone up to date with the commands above, then run again");
  }

  /**
   * How a security release reaches the public repository once the fix may be revealed, as the
   * accounts team does it: the release branch pushed as a new public {@code -uplift} branch, a pull
   * request into the public release branch, the tag pushed by name, and the fork-sync check.
   */
  private static List<String> publicSteps(GitRepository repo, CutRequest request, ReleasePlan plan) {
    String pub = request.publicRemote();
    String priv = request.remote();
    String branch = plan.pushedBranch();
    List<String> steps = new java.util.ArrayList<>();
    if (branch != null) {
      steps.add("git push " + pub + " " + branch + ":" + branch + "-uplift");
      String repository = repo.remoteUrl(pub).flatMap(RemoteUrls::repositoryOf).orElse(null);
      steps.add("open a pull request " + branch + "-uplift -> " + branch + " in the public repository"
          + (repository == null ? "" : ": " + request.gitHub().serverUrl() + "/" + repository + "/compare/" + branch
              + "..." + branch + "-uplift?expand=1"));
    }
    steps.add("git push " + pub + " " + plan.next().tag() + (branch == null ? "" : "   # once the pull request is merged"));
    steps.add("trainyard merge-back --fork-sync " + priv + "   # the private main must stay in sync with the public one");
    return steps;
  }

  /**
   * {@code cut --scheme date --repos ...}: one date tag on each repository's default branch head,
   * through the GitHub API (no clone), all planned before any is made.
   */
  public RepositoryTagging.Result tagRepositories(RepositoriesRequest request) {
    var rest = GitHubClients.create(request.gitHub(), RetryPolicy.defaults(), reporter).rest();
    return new RepositoryTagging(rest, reporter).tag(request.repositories(), request.date(), request.dryRun());
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
   * Where {@code --push} goes, and with which credentials:
   * <ul>
   *   <li>a remote on this machine ({@code file://} or a path): with the system git, so that its
   *       hooks run; without git installed, refused before anything is written;
   *   <li>an {@code https://} remote on the configured GitHub server: with the token;
   *   <li>any other host, or plain {@code http://} (except to a loopback address): without the
   *       token, with a warning; the token never travels in clear text or to another host;
   *   <li>an SSH remote without a token (a laptop): over SSH with the user's SSH config, keys,
   *       known_hosts and agent, as {@code git push} would;
   *   <li>an SSH remote with a token (Actions): the same repository over HTTPS on the GitHub
   *       server, with the token.
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
    if (token == null && GitTransport.isSsh(url)) {
      // On a laptop: over SSH with the user's SSH config, keys and agent, as 'git push' would.
      return PushTarget.anonymous(remote, false);
    }
    if (token == null || !links.known()) {
      throw TrainyardException.invalidInput(
          "--push goes over SSH, or over HTTPS with GITHUB_TOKEN, but remote '" + remote + "' is " + shown(url),
          "use an ssh:// or https:// remote, set GITHUB_TOKEN (and github.repository) to push over HTTPS,"
              + " or push by hand with the printed commands");
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
