package dev.trainyard.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.TrainyardException;
import dev.trainyard.ci.CiFlags;
import dev.trainyard.ci.CiRequest;
import dev.trainyard.ci.CiResult;
import dev.trainyard.ci.CiVerifier;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.MainBranch;
import dev.trainyard.git.RemoteRefs;
import dev.trainyard.git.RemoteUrls;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import dev.trainyard.http.Sleeper;
import dev.trainyard.mergeback.GitHubPullRequests;
import dev.trainyard.mergeback.MergeBackAnalyzer;
import dev.trainyard.mergeback.MergeBackReport;
import dev.trainyard.mergeback.RefKind;
import dev.trainyard.mergeback.RefResult;
import dev.trainyard.mergeback.RefStatus;
import dev.trainyard.owner.Duty;
import dev.trainyard.owner.OwnerRequest;
import dev.trainyard.owner.OwnerRotation;
import dev.trainyard.release.Releases;
import dev.trainyard.release.ReleaseSettings;
import dev.trainyard.release.VersionFlags;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.DateVersion;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.NothingToReleaseException;
import dev.trainyard.version.SchemeName;
import dev.trainyard.version.VersionScheme;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * Release readiness before tagging: each {@link Check} answers pass, warn, fail or skip with one
 * line of reason. Reads the repository and asks the remote and GitHub; changes nothing anywhere.
 * The checks reuse the capabilities they stand for: the next version from {@link Releases},
 * the merge-back verdict from {@link MergeBackAnalyzer}, the CI verdict from {@link CiVerifier}.
 */
public final class Preflight {
  private static final Pattern TRAIN_BRANCH = Pattern.compile("train-(\\d+)");
  private static final Pattern SEMVER_BRANCH = Pattern.compile("release/(\\d+)\\.(\\d+)");
  private static final int NAMES_SHOWN = 3;

  private final Reporter reporter;
  private final Clock clock;

  public Preflight(Reporter reporter, Clock clock) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The entry point of {@code trainyard preflight}. */
  public PreflightReport run(PreflightRequest request) {
    try (GitRepository repo = GitRepository.open(request.repository())) {
      return run(repo, request);
    }
  }

  /** Preflight on a repository the caller holds open (rehearse shares it with the cut plan). */
  public PreflightReport run(GitRepository repo, PreflightRequest request) {
    return new Run(repo, request).checks();
  }

  /** One preflight: what every check shares, computed once. */
  private final class Run {
    private final GitRepository repo;
    private final PreflightRequest request;
    private final String branch;
    private final ObjectId head;
    private final SchemeName scheme;
    private final boolean patch;
    private final NextVersionRequest versionRequest;
    private NextVersion next;
    private TrainyardException versionFailure;
    private final LocalDate releaseDate;
    private final GitHubEndpoint endpoint;
    private final RepositorySlug slug;
    private GitHubClients clients;

    Run(GitRepository repo, PreflightRequest request) {
      this.repo = repo;
      this.request = request;
      this.branch = repo.currentBranch().orElse(null);
      this.head = headOrNull(repo);
      this.scheme = ReleaseSettings.resolve(request.release(), new VersionFlags(request.schemeFlag(), false, null, false))
          .scheme().name();
      this.patch = scheme != SchemeName.DATE && (request.patch() != null ? request.patch()
          : branch != null && (TRAIN_BRANCH.matcher(branch).matches() || SEMVER_BRANCH.matcher(branch).matches()));
      this.versionRequest = ReleaseSettings.resolve(request.release(), new VersionFlags(request.schemeFlag(), patch,
          scheme == SchemeName.DATE && request.date() != null ? request.date().toString() : null, request.firstRelease()));
      try {
        next = new Releases(clock, reporter).nextVersion(repo, versionRequest);
      } catch (TrainyardException e) {
        versionFailure = e;
      }
      this.releaseDate = request.date() != null ? request.date()
          : next != null && scheme == SchemeName.DATE ? DateVersion.parse(next.version()).orElseThrow().date()
          : request.today();
      RepositorySlug known = request.github().repository();
      if (known == null) {
        String remoteUrl = repo.remoteUrl(remote()).orElse(null);
        known = RemoteUrls.repositoryOf(remoteUrl).map(text -> RepositorySlug.parse(text, "remote " + remote())).orElse(null);
      }
      this.slug = known;
      this.endpoint = known == null ? request.github() : request.github().withRepository(known);
    }

    PreflightReport checks() {
      List<CheckResult> results = new ArrayList<>();
      for (Check check : Check.values()) {
        if (request.runs(check)) {
          results.add(run(check));
        }
      }
      Duty owner = request.owners().configured()
          ? OwnerRotation.lookup(new OwnerRequest(request.owners(), releaseDate)).owner() : null;
      boolean ok = results.stream().noneMatch(r -> r.status() == CheckStatus.FAIL);
      return new PreflightReport(ok, releaseDate, branch, head == null ? null : head.name(), scheme.id(), patch,
          next == null ? null : next.tag(), owner, results);
    }

    private CheckResult run(Check check) {
      try {
        return switch (check) {
          case CLEAN_TREE -> cleanTree();
          case RELEASE_BRANCH -> releaseBranch();
          case UP_TO_DATE -> upToDate();
          case NEW_COMMITS -> newCommits();
          case DATE_TAG -> dateTag();
          case MERGED_BACK -> mergedBack();
          case CI -> ci();
          case BLOCKERS -> blockers();
          case RELEASE_DATE -> releaseDate();
        };
      } catch (TrainyardException e) {
        // A check that cannot finish fails with its reason; the other checks still run.
        return CheckResult.of(check, CheckStatus.FAIL, e.getMessage());
      }
    }

    private CheckResult cleanTree() {
      try {
        repo.requireClean();
        return result(Check.CLEAN_TREE, CheckStatus.PASS, "no uncommitted or untracked files");
      } catch (TrainyardException e) {
        return result(Check.CLEAN_TREE, CheckStatus.FAIL, e.getMessage());
      }
    }

    /** The configured main branch, else the default branch as git users expect it ({@link MainBranch}). */
    private String mainBranch() {
      try {
        return MainBranch.find(repo.repository(), versionRequest.mainBranch(), versionRequest.remote(),
            "release.main-branch", "set release.main-branch").name();
      } catch (TrainyardException e) {
        return versionRequest.mainBranch() == null ? "main" : versionRequest.mainBranch();
      }
    }

    private CheckResult releaseBranch() {
      String main = mainBranch();
      if (branch == null) {
        String at = head == null ? "no commit" : head.abbreviate(7).name();
        return scheme == SchemeName.DATE
            ? result(Check.RELEASE_BRANCH, CheckStatus.WARN, "HEAD is detached at " + at
                + "; only a date re-tag is cut from a previous tag, a regular one from " + main)
            : result(Check.RELEASE_BRANCH, CheckStatus.FAIL, "HEAD is detached at " + at + "; check out " + main
                + (scheme == SchemeName.TRAIN ? " (or train-N for a patch)" : " (or release/X.Y for a patch)"));
      }
      return switch (scheme) {
        case TRAIN -> {
          var train = TRAIN_BRANCH.matcher(branch);
          if (patch) {
            yield train.matches()
                ? result(Check.RELEASE_BRANCH, CheckStatus.PASS, branch + ": a patch release of train " + train.group(1))
                : result(Check.RELEASE_BRANCH, CheckStatus.FAIL, "a patch release is cut on a train-N branch, but "
                    + branch + " is checked out");
          }
          yield branch.equals(main)
              ? result(Check.RELEASE_BRANCH, CheckStatus.PASS, main + ": a regular train is cut from " + main)
              : result(Check.RELEASE_BRANCH, CheckStatus.FAIL, "a regular train is cut from " + main + ", but "
                  + branch + " is checked out");
        }
        case SEMVER -> {
          var line = SEMVER_BRANCH.matcher(branch);
          if (line.matches() && patch) {
            yield result(Check.RELEASE_BRANCH, CheckStatus.PASS, branch + ": a patch release of " + line.group(1) + "."
                + line.group(2));
          }
          yield branch.equals(main) && !patch
              ? result(Check.RELEASE_BRANCH, CheckStatus.PASS, main + ": a release is cut from " + main)
              : result(Check.RELEASE_BRANCH, CheckStatus.FAIL, (patch ? "a patch release is cut on a release/X.Y branch"
                  : "a release is cut from " + main) + ", but " + branch + " is checked out");
        }
        case DATE -> branch.equals(main)
            ? result(Check.RELEASE_BRANCH, CheckStatus.PASS, main + ": date tags are cut from " + main)
            : result(Check.RELEASE_BRANCH, CheckStatus.WARN, "date tags are cut from " + main + " (or a re-tag from the"
                + " previous tag), but " + branch + " is checked out");
      };
    }

    private CheckResult upToDate() {
      String remote = remote();
      if (repo.remoteUrl(remote).isEmpty()) {
        return result(Check.UP_TO_DATE, CheckStatus.SKIP, "no remote '" + remote + "' to compare with");
      }
      if (request.offline()) {
        return result(Check.UP_TO_DATE, CheckStatus.SKIP, "offline: " + remote + " was not asked");
      }
      RemoteRefs refs = RemoteRefs.list(repo, remote, endpoint.token(), URI.create(endpoint.serverUrl()).getHost());
      List<String> failures = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      if (branch != null && head != null) {
        compareBranch(refs, remote, failures, warnings);
      }
      compareTags(refs, remote, failures, warnings);
      if (!failures.isEmpty()) {
        return result(Check.UP_TO_DATE, CheckStatus.FAIL, String.join("; ", failures));
      }
      if (!warnings.isEmpty()) {
        return result(Check.UP_TO_DATE, CheckStatus.WARN, String.join("; ", warnings));
      }
      return result(Check.UP_TO_DATE, CheckStatus.PASS, (branch == null ? "" : branch + " and ") + refs.tags().size()
          + " tags equal " + remote + "'s");
    }

    private void compareBranch(RemoteRefs refs, String remote, List<String> failures, List<String> warnings) {
      ObjectId theirs = refs.branches().get(branch);
      if (theirs == null) {
        warnings.add(remote + " has no branch " + branch + " (not pushed yet)");
        return;
      }
      if (theirs.equals(head)) {
        return;
      }
      if (!hasObject(theirs)) {
        failures.add(remote + "/" + branch + " has commits not fetched here (it is at " + theirs.abbreviate(7).name()
            + "): run 'git pull'");
      } else if (repo.isAncestor(theirs, head)) {
        int ahead = repo.countCommits(theirs, head);
        warnings.add(branch + " is " + ahead + " commit" + (ahead == 1 ? "" : "s") + " ahead of " + remote
            + " (not pushed, so CI has not seen " + (ahead == 1 ? "it" : "them") + ")");
      } else if (repo.isAncestor(head, theirs)) {
        int behind = repo.countCommits(head, theirs);
        failures.add(branch + " is " + behind + " commit" + (behind == 1 ? "" : "s") + " behind " + remote
            + ": run 'git pull'");
      } else {
        failures.add(branch + " and " + remote + "/" + branch + " have diverged (" + repo.countCommits(theirs, head)
            + " commits only here, " + repo.countCommits(head, theirs) + " only there)");
      }
    }

    private void compareTags(RemoteRefs refs, String remote, List<String> failures, List<String> warnings) {
      Map<String, ObjectId> local = new LinkedHashMap<>();
      try {
        for (Ref ref : repo.repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
          if (ref.getObjectId() != null) {
            local.put(ref.getName().substring(Constants.R_TAGS.length()), ref.getObjectId());
          }
        }
      } catch (IOException e) {
        throw TrainyardException.repositoryState("cannot list the local tags: " + e.getMessage(), null);
      }
      List<String> missing = new ArrayList<>();
      List<String> differing = new ArrayList<>();
      for (Map.Entry<String, ObjectId> tag : refs.tags().entrySet()) {
        ObjectId ours = local.get(tag.getKey());
        if (ours == null) {
          missing.add(tag.getKey());
        } else if (!ours.equals(tag.getValue())) {
          differing.add(tag.getKey() + " (here " + ours.abbreviate(7).name() + ", on " + remote + " "
              + tag.getValue().abbreviate(7).name() + ")");
        }
      }
      List<String> onlyHere = local.keySet().stream().filter(name -> !refs.tags().containsKey(name)).sorted().toList();
      if (!missing.isEmpty()) {
        failures.add(missing.size() + " tag" + (missing.size() == 1 ? "" : "s") + " on " + remote + " missing here: "
            + names(sortedByRecency(missing)) + " (run 'git fetch --tags')");
      }
      if (!differing.isEmpty()) {
        failures.add("local tag" + (differing.size() == 1 ? " differs" : "s differ") + " from " + remote + "'s: "
            + names(differing) + " (delete the local tag and run 'git fetch --tags')");
      }
      if (!onlyHere.isEmpty()) {
        warnings.add(onlyHere.size() + " tag" + (onlyHere.size() == 1 ? "" : "s") + " only here, not on " + remote + ": "
            + names(onlyHere));
      }
    }

    private CheckResult newCommits() {
      if (versionFailure instanceof NothingToReleaseException nothing) {
        return result(Check.NEW_COMMITS, request.allowEmpty() ? CheckStatus.WARN : CheckStatus.FAIL,
            "nothing to release: " + nothing.getMessage() + (request.allowEmpty() ? " (--allow-empty)" : ""));
      }
      if (versionFailure != null) {
        return result(Check.NEW_COMMITS, CheckStatus.FAIL, "cannot tell the next release: " + versionFailure.getMessage());
      }
      ObjectId previous = next.previousTag() == null ? null : repo.tag(next.previousTag()).orElseThrow().commit();
      int count = repo.countCommits(previous, head);
      return result(Check.NEW_COMMITS, CheckStatus.PASS, count + " commit" + (count == 1 ? "" : "s") + " since "
          + (next.previousTag() == null ? "the start (first release)" : next.previousTag()) + "; the next release is "
          + next.tag());
    }

    private CheckResult dateTag() {
      if (scheme != SchemeName.DATE) {
        return result(Check.DATE_TAG, CheckStatus.SKIP, "only for the date scheme (this is " + scheme.id() + ")");
      }
      if (versionFailure instanceof NothingToReleaseException) {
        return result(Check.DATE_TAG, CheckStatus.SKIP, "nothing to release");
      }
      if (versionFailure != null) {
        return result(Check.DATE_TAG, CheckStatus.FAIL, versionFailure.getMessage());
      }
      if (next.patch()) {
        return result(Check.DATE_TAG, CheckStatus.WARN, "tag " + next.previousTag() + " exists already; the next is "
            + next.tag() + ", a re-tag with the cherry-picks on top");
      }
      return result(Check.DATE_TAG, CheckStatus.PASS, next.tag() + " does not exist yet");
    }

    private CheckResult mergedBack() {
      MergeBackAnalyzer analyzer = new MergeBackAnalyzer(reporter,
          github() == null ? null : new GitHubPullRequests(github().rest(), slug));
      MergeBackReport report = analyzer.analyze(repo, request.mergeBack());
      List<String> blocking = new ArrayList<>();
      List<String> thisLine = new ArrayList<>();
      for (RefResult ref : report.notMerged()) {
        String text = ref.shortName() + " (" + ref.status().label() + (ref.since() == null ? ""
            : " since " + LocalDate.ofInstant(ref.since(), ZoneOffset.UTC)) + ")";
        if (patch && head != null && partOfThisLine(ref)) {
          thisLine.add(text);
        } else {
          blocking.add(text);
        }
      }
      String main = report.mainRef().replaceFirst("^refs/(heads|remotes)/", "");
      if (!blocking.isEmpty()) {
        return result(Check.MERGED_BACK, CheckStatus.FAIL, blocking.size() + " release ref" + (blocking.size() == 1 ? " is" : "s are")
            + " not merged back into " + main + ": " + names(blocking) + "; merge " + (blocking.size() == 1 ? "it" : "them")
            + " first ('trainyard merge-back' has the details)");
      }
      if (!thisLine.isEmpty()) {
        return result(Check.MERGED_BACK, CheckStatus.WARN, "the line being patched is not merged back into " + main
            + " yet: " + names(thisLine) + "; one merge-back after this patch covers it");
      }
      return result(Check.MERGED_BACK, CheckStatus.PASS, report.refs().size() + " release ref" + (report.refs().size() == 1 ? "" : "s")
          + " checked, all merged into " + main + (report.skipped() > 0 ? " (" + report.skipped() + " older ones not checked)" : ""));
    }

    private boolean hasObject(ObjectId id) {
      try {
        return repo.repository().getObjectDatabase().has(id);
      } catch (IOException e) {
        throw TrainyardException.repositoryState("cannot read the object database: " + e.getMessage(), null);
      }
    }

    /** On a patch, the branch being patched and its earlier tags are expected to be ahead of main. */
    private boolean partOfThisLine(RefResult ref) {
      ObjectId tip = ObjectId.fromString(ref.tip());
      if (ref.kind() == RefKind.TAG) {
        return repo.isAncestor(tip, head);
      }
      String name = ref.shortName();
      return name.equals(branch) || name.endsWith("/" + branch);
    }

    private CheckResult ci() {
      Optional<CheckResult> cannot = githubUnavailable(Check.CI, "CI");
      if (cannot.isPresent()) {
        return cannot.get();
      }
      if (head == null) {
        return result(Check.CI, CheckStatus.FAIL, "the repository has no commits");
      }
      CiResult ci;
      try {
        // HEAD's verdict right now: no waiting and no re-runs, whatever verify-ci is configured to do.
        CiRequest ciRequest = CiRequest.resolve(request.verifyCi(), new CiFlags(head.name(), "0s", null, null, null,
            null, null, 0), slug, Map.of());
        ci = new CiVerifier(github().rest(), reporter, Sleeper.SYSTEM, clock).verify(ciRequest);
      } catch (TrainyardException e) {
        return result(Check.CI, CheckStatus.FAIL, "cannot read CI of " + head.abbreviate(7).name() + " (is it pushed?): "
            + e.getMessage());
      }
      String counted = ci.counted().size() + " counted check" + (ci.counted().size() == 1 ? "" : "s");
      if (ci.success()) {
        return result(Check.CI, CheckStatus.PASS, "green for " + ci.shortSha() + ": " + counted + " passed");
      }
      return result(Check.CI, CheckStatus.FAIL, ci.state().wireName() + " for " + ci.shortSha() + ": "
          + (ci.reasons().isEmpty() ? counted : String.join("; ", ci.reasons())));
    }

    private CheckResult blockers() {
      List<String> labels = request.preflight().blockerLabels();
      String milestone = withNextRelease(request.preflight().blockerMilestone());
      String bugzilla = withNextRelease(request.preflight().blockerBugzilla());
      boolean onGitHub = !labels.isEmpty() || milestone != null;
      if (!onGitHub && bugzilla == null) {
        return result(Check.BLOCKERS, CheckStatus.SKIP, "no blocker labels, milestone or Bugzilla search configured "
            + "(preflight.blocker-labels, preflight.blocker-milestone, preflight.blocker-bugzilla)");
      }
      if (request.offline()) {
        return result(Check.BLOCKERS, CheckStatus.SKIP, "offline: open blockers not asked");
      }
      Map<String, String> open = new LinkedHashMap<>();
      List<String> asked = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      Optional<CheckResult> cannot = onGitHub ? githubUnavailable(Check.BLOCKERS, "open blockers") : Optional.empty();
      if (cannot.isPresent() && bugzilla == null) {
        return cannot.get();
      }
      if (cannot.isPresent()) {
        warnings.add("GitHub issues not asked (" + cannot.get().reason() + ")");
      } else if (onGitHub) {
        gitHubBlockers(labels, milestone, open, asked, warnings);
      }
      if (bugzilla != null) {
        asked.add("the Bugzilla search");
        List<BugzillaBlockers.Bug> bugs = BugzillaBlockers.search(RetryingHttpClient.create("Bugzilla",
            RetryPolicy.defaults(), reporter), request.bugzilla().baseUrl(), bugzilla, request.bugzilla().apiKey());
        bugs.forEach(bug -> open.putIfAbsent("bug " + bug.id(), bug.label()));
        if (bugs.size() >= BugzillaBlockers.LIMIT) {
          warnings.add("the Bugzilla search stops at " + BugzillaBlockers.LIMIT + " bugs");
        }
      }
      if (!open.isEmpty()) {
        return result(Check.BLOCKERS, CheckStatus.FAIL, open.size() + " open blocker" + (open.size() == 1 ? "" : "s") + " ("
            + String.join(", ", asked) + "): " + names(new ArrayList<>(open.values())));
      }
      String none = (bugzilla == null ? "no open issues or pull requests with " : "no open issues, pull requests or bugs with ")
          + String.join(" or ", asked);
      if (!warnings.isEmpty()) {
        return result(Check.BLOCKERS, CheckStatus.WARN, String.join("; ", warnings) + "; " + none);
      }
      return result(Check.BLOCKERS, CheckStatus.PASS, none);
    }

    /** Open GitHub issues and pull requests with a blocker label or in the blocker milestone. */
    private void gitHubBlockers(List<String> labels, String milestone, Map<String, String> open, List<String> asked,
        List<String> warnings) {
      GitHubRest rest = github().rest();
      for (String label : labels) {
        asked.add("label " + label);
        collect(rest.getAllPages(slug.apiPath() + "/issues?state=open&per_page=100&labels=" + encode(label), null), open);
      }
      if (milestone != null) {
        asked.add("milestone " + milestone);
        Long number = null;
        for (JsonNode candidate : rest.getAllPages(slug.apiPath() + "/milestones?state=open&per_page=100", null)) {
          if (candidate.path("title").asText().equalsIgnoreCase(milestone)) {
            number = candidate.path("number").asLong();
          }
        }
        if (number == null) {
          warnings.add("no open milestone is titled '" + milestone + "'");
        } else {
          collect(rest.getAllPages(slug.apiPath() + "/issues?state=open&per_page=100&milestone=" + number, null), open);
        }
      }
    }

    /** {@code text} with {@code {version}} and {@code {tag}} standing for the next release's; null stays null. */
    private String withNextRelease(String text) {
      if (text == null) {
        return null;
      }
      return text.replace("{version}", next == null ? "{version}" : next.version())
          .replace("{tag}", next == null ? "{tag}" : next.tag());
    }

    private void collect(List<JsonNode> issues, Map<String, String> open) {
      for (JsonNode issue : issues) {
        long number = issue.path("number").asLong();
        String kind = issue.has("pull_request") ? "PR #" : "#";
        open.putIfAbsent("#" + number, kind + number + " " + issue.path("title").asText());
      }
    }

    private CheckResult releaseDate() {
      DayOfWeek pushDay = versionRequest.scheme() instanceof VersionScheme.Date date ? date.pushDay() : null;
      ReleaseCalendar calendar = ReleaseCalendar.load(request.preflight(), repo.workTree(), pushDay, releaseDate);
      if (!calendar.configured()) {
        return result(Check.RELEASE_DATE, CheckStatus.SKIP, "no release calendar configured (preflight.release-days, "
            + "preflight.holidays, preflight.holiday-calendar)");
      }
      String day = ReleaseCalendar.weekday(releaseDate) + " " + releaseDate;
      String nextDay = calendar.nextReleaseDay(releaseDate).map(d -> "; the next release day is "
          + ReleaseCalendar.weekday(d) + " " + d).orElse("");
      Optional<String> holiday = calendar.holiday(releaseDate);
      if (holiday.isPresent()) {
        return result(Check.RELEASE_DATE, patch ? CheckStatus.WARN : CheckStatus.FAIL, day + " is a holiday ("
            + holiday.get() + ")" + (patch ? ": a patch may still be needed, but who watches the deploy?" : nextDay));
      }
      if (!calendar.onReleaseWeekday(releaseDate)) {
        return result(Check.RELEASE_DATE, patch ? CheckStatus.PASS : CheckStatus.WARN, day + " is not a release day ("
            + calendar.releaseDaysText() + ")" + (patch ? "; patch releases go out any day" : nextDay));
      }
      return result(Check.RELEASE_DATE, CheckStatus.PASS, day + " is a release day and not a holiday");
    }

    /** Why GitHub cannot be asked, or empty when it can. */
    private Optional<CheckResult> githubUnavailable(Check check, String what) {
      if (request.offline()) {
        return Optional.of(result(check, CheckStatus.SKIP, "offline: " + what + " not asked"));
      }
      if (!endpoint.hasToken()) {
        return Optional.of(result(check, CheckStatus.SKIP, "no GitHub token: set GITHUB_TOKEN (or --token) to check " + what));
      }
      if (slug == null) {
        return Optional.of(result(check, CheckStatus.SKIP, "no GitHub repository known: set github.repository, or a "
            + remote() + " remote on GitHub"));
      }
      return Optional.empty();
    }

    private GitHubClients github() {
      if (clients == null && !request.offline() && endpoint.hasToken() && slug != null) {
        clients = GitHubClients.create(endpoint, RetryPolicy.defaults(), reporter);
      }
      return clients;
    }

    private String remote() {
      return request.release().remote() == null ? "origin" : request.release().remote();
    }
  }

  private static CheckResult result(Check check, CheckStatus status, String reason) {
    return CheckResult.of(check, status, reason);
  }

  private static ObjectId headOrNull(GitRepository repo) {
    try {
      return repo.headId();
    } catch (TrainyardException e) {
      return null;
    }
  }

  /** Newest first for release-shaped names, so the list shows what matters. */
  private static List<String> sortedByRecency(List<String> names) {
    List<String> sorted = new ArrayList<>(names);
    sorted.sort((a, b) -> b.compareTo(a));
    return sorted;
  }

  /** Up to three names, then how many more. */
  static String names(List<String> names) {
    if (names.size() <= NAMES_SHOWN) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN) + " more";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
