package dev.trainyard.bugs;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.RemoteUrls;
import dev.trainyard.git.TagRef;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import dev.trainyard.http.Sleeper;
import dev.trainyard.owner.Duty;
import dev.trainyard.release.ReleasePlanner;
import dev.trainyard.release.ReleaseSettings;
import dev.trainyard.release.VersionFlags;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.DateVersion;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.SchemeName;
import dev.trainyard.version.TrainVersion;
import dev.trainyard.version.VersionScheme;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code deploy-bug}'s one entry point: describes a pushed release tag (changelogs, notes,
 * migrations, deploy order) through the request template and files or comments on its deployment
 * request, exactly once.
 */
public final class DeployBugs {
  private final Reporter reporter;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy policy;

  public DeployBugs(Reporter reporter, Clock clock, Sleeper sleeper, RetryPolicy policy) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Real HTTP, real waiting between retries, the default retry policy. */
  public static DeployBugs create(Reporter reporter, Clock clock) {
    return new DeployBugs(reporter, clock, Sleeper.SYSTEM, RetryPolicy.defaults());
  }

  /** Describes the release tag of {@code repo} and files or comments on its request. */
  public DeployBugResult run(GitRepository repo, DeployBugRequest request) {
    boolean credentials = request.tracker() == TrackerKind.BUGZILLA ? request.bugzilla().hasKey()
        : request.github().hasToken();
    String missing = request.tracker() == TrackerKind.BUGZILLA ? "BUGZILLA_API_KEY is not set" : "GITHUB_TOKEN is not set";
    if (!credentials && !request.dryRun()) {
      // Before anything is read or asked: a run that cannot post should fail at once.
      throw TrainyardException.invalidInput("deploy-bug: " + missing,
          request.tracker() == TrackerKind.BUGZILLA
              ? "set BUGZILLA_API_KEY (or the action input bugzilla-api-key), or pass --dry-run to see the text"
              : "pass a token with issues: write (the action's token input, or GITHUB_TOKEN), or --dry-run");
    }
    repo.requireFullHistory(false);
    NextVersionRequest versions = ReleaseSettings.resolve(request.release(), VersionFlags.NONE);
    TagRef tag = releaseTag(repo, request.tag(), versions);
    RepositoryLinks links = links(request, repo);
    ReleasePlanner.ExistingRelease release = new ReleasePlanner(clock, reporter)
        .existing(repo, tag, versions, request.release(), links);
    NextVersion next = describe(release, versions);
    String product = DeploymentRequests.product(request.release(), links, repo);
    RequestFacts facts = new RequestFacts(product, next, release.previous() == null ? null : release.previous().commit(),
        tag.commit(), release.sections(), links, request.env(), request.qa(), true);
    RequestTexts texts = texts(request, repo, facts);
    BugTracker tracker = tracker(request);
    if (!credentials) {
      return DeployBug.offline(texts, tracker, missing);
    }
    return new DeployBug(tracker, reporter, policy, sleeper).run(texts, request.closedBug(), request.dryRun());
  }

  private RequestTexts texts(DeployBugRequest request, GitRepository repo, RequestFacts facts) {
    PullRequestLookup pullRequests = null;
    if (request.github().hasToken() && facts.links().known()) {
      RepositorySlug slug = RepositorySlug.parse(facts.links().repository(), "the repository");
      pullRequests = new GitHubPullRequestLookup(gitHub(request.github()).rest(), slug);
    } else {
      reporter.debug("no GitHub token: pull requests are not searched for deploy notes");
    }
    RequestModelBuilder builder = new RequestModelBuilder(repo, request.text(), pullRequests, clock, reporter);
    DeployRequestModel model = builder.build(facts);
    RequestTemplate template = request.text().template();
    String description = template.render(model.asNewRequest(true));
    String comment = template.render(model.asNewRequest(false));
    boolean train = model.train() != null;
    RequestKey key = RequestKey.of(model.product(), facts.next(), request.env());
    String purpose = request.qa() ? "qa" : request.env().id();
    boolean expectsExisting = request.qa() || (train && (model.patch() || request.env() == TargetEnvironment.PRODUCTION));
    String filedNote = !expectsExisting ? null
        : "no deployment request for train " + model.train() + " was found, so one was filed for " + model.tag()
            + (request.qa() ? " (asking for QA)" : request.env() == TargetEnvironment.PRODUCTION ? " (production)" : "");
    return new RequestTexts(key, key.marker(model.tag(), purpose), model.summary(), description, comment,
        expectsExisting, filedNote);
  }

  private BugTracker tracker(DeployBugRequest request) {
    if (request.tracker() == TrackerKind.GITHUB) {
      return new GitHubIssueTracker(gitHub(request.github()).rest(),
          new GitHubIssueSettings(request.issues(), request.labels()), reporter);
    }
    // The release owner on duty is copied on a new request, as they would be when filing it by hand.
    BugzillaSettings bugzilla = request.text().onDuty(clock).map(Duty::bugzilla)
        .map(login -> request.bugzilla().withCc(login)).orElse(request.bugzilla());
    return new BugzillaTracker(bugzilla, RetryingHttpClient.create("Bugzilla", policy, reporter, sleeper, clock));
  }

  private GitHubClients gitHub(GitHubEndpoint endpoint) {
    return new GitHubClients(endpoint, RetryingHttpClient.create("GitHub API", policy, reporter, sleeper, clock));
  }

  private static RepositoryLinks links(DeployBugRequest request, GitRepository repo) {
    GitHubEndpoint endpoint = request.github();
    String remote = request.release().remote() == null ? "origin" : request.release().remote();
    String repository = endpoint.repository() != null ? endpoint.repository().toString()
        : repo.remoteUrl(remote).flatMap(RemoteUrls::repositoryOf).orElse(null);
    return new RepositoryLinks(endpoint.serverUrl(), repository);
  }

  /** The named tag, or the release tag on HEAD; either must be a release of the configured scheme. */
  private static TagRef releaseTag(GitRepository repo, String name, NextVersionRequest versions) {
    if (name == null) {
      List<TagRef> onHead = repo.tags().stream().filter(t -> t.commit().equals(repo.headId()))
          .filter(t -> isRelease(t.name(), versions)).toList();
      if (onHead.size() != 1) {
        throw TrainyardException.invalidInput(onHead.isEmpty()
            ? "deploy-bug: HEAD carries no release tag, so --version is needed"
            : "deploy-bug: HEAD carries several release tags (" + String.join(", ", onHead.stream().map(TagRef::name)
                .toList()) + "), so --version is needed", "pass --version TAG, e.g. --version v1.212.0");
      }
      return onHead.get(0);
    }
    Optional<TagRef> tag = repo.tag(name);
    if (tag.isEmpty()) {
      throw TrainyardException.invalidInput("--version " + name + ": no such tag in " + repo.workTree(),
          "pass a pushed release tag; in a fresh clone fetch the tags first (actions/checkout with fetch-depth: 0)");
    }
    if (!isRelease(name, versions)) {
      throw TrainyardException.invalidInput("--version " + name + " is not a release tag of the "
          + versions.scheme().name().id() + " scheme", "pass a release tag, or set release.scheme");
    }
    return tag.get();
  }

  private static boolean isRelease(String tag, NextVersionRequest versions) {
    if (versions.tagFilter() != null && !versions.tagFilter().matcher(tag).matches()) {
      return false;
    }
    VersionScheme scheme = versions.scheme();
    if (scheme instanceof VersionScheme.Train train) {
      return TrainVersion.parseTag(tag).filter(v -> v.major() == train.major()).isPresent();
    }
    if (scheme instanceof VersionScheme.Date) {
      return DateVersion.parse(tag).isPresent();
    }
    return ((VersionScheme.Semver) scheme).parseTag(tag).isPresent();
  }

  private static NextVersion describe(ReleasePlanner.ExistingRelease release, NextVersionRequest versions) {
    SchemeName scheme = versions.scheme().name();
    String tag = release.tag().name();
    boolean patch = false;
    String branch = null;
    if (scheme == SchemeName.TRAIN) {
      TrainVersion version = TrainVersion.parseTag(tag).orElseThrow();
      patch = version.patch() > 0;
      branch = "train-" + version.train();
    } else if (scheme == SchemeName.DATE) {
      patch = DateVersion.parse(tag).map(v -> v.retag() > 0).orElse(false);
    }
    return new NextVersion(release.version(), tag, release.previous() == null ? null : release.previous().name(),
        branch, scheme, patch, release.previousVersion(), false, null, null);
  }
}
