package dev.trainyard.preflight;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
  /** A Tuesday, two weeks after the fixtures' history. */
  static final Instant NOW = Instant.parse("2026-01-20T10:00:00Z");
  static final String OWNER = "octo-org";
  static final String REPO = "octo-repo";
  static final String TOKEN = "ghs_preflightTestToken";

  @RegisterExtension
  static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  private GitFixture local;
  private Path bare;

  /** main: v1.1.0 on the first commit, one fix since; pushed to a bare remote. */
  @BeforeEach
  void history() throws Exception {
    local = GitFixture.init(dir.resolve("work"));
    local.commit("feat(auth): sign in", "auth/index.js", "1\n");
    local.tag("v1.1.0", "Train release 1");
    local.commit("fix(auth): keep the session", "auth/index.js", "2\n");
    bare = dir.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    local.git().remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
    push(local, "refs/heads/main:refs/heads/main");
    push(local, "refs/tags/*:refs/tags/*");
  }

  private static void push(GitFixture from, String spec) throws Exception {
    from.git().push().setRemote("origin").setRefSpecs(new RefSpec(spec)).setForce(true).call();
  }

  private PreflightReport preflight(String yaml, PreflightFlags flags, GitHubEndpoint endpoint) {
    TrainyardConfig config = new ConfigLoader().parse(yaml, ".trainyard.yml");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    PreflightRequest request = PreflightRequest.resolve(config.preflightOrDefaults(), config.releaseOrDefaults(),
        config.ownersOrDefaults(), config.verifyCiOrDefaults(), config.mergeBackOrDefaults(), flags, local.dir(),
        endpoint, clock);
    return new Preflight(Reporter.silent(), clock).run(request);
  }

  private PreflightReport preflight() {
    return preflight("", PreflightFlags.NONE, GitHubEndpoint.defaults());
  }

  private static CheckResult check(PreflightReport report, Check check) {
    return report.checks().stream().filter(c -> c.name().equals(check.id())).findFirst().orElseThrow();
  }

  private GitHubEndpoint gitHub() {
    return GitHubEndpoint.defaults().withApiUrl(github.baseUrl()).withToken(TOKEN)
        .withRepository(new RepositorySlug(OWNER, REPO));
  }

  @Test
  void aReadyRepositoryPassesAndSaysWhatWasNotAsked() {
    PreflightReport report = preflight();
    assertThat(report.ok()).isTrue();
    assertThat(report.nextTag()).isEqualTo("v1.2.0");
    assertThat(report.checks()).extracting(CheckResult::name).containsExactly("clean-tree", "release-branch",
        "up-to-date", "new-commits", "date-tag", "merged-back", "ci", "blockers", "release-date");
    assertThat(check(report, Check.CLEAN_TREE).status()).isEqualTo(CheckStatus.PASS);
    assertThat(check(report, Check.RELEASE_BRANCH).reason()).isEqualTo("main: a regular train is cut from main");
    assertThat(check(report, Check.UP_TO_DATE)).isEqualTo(new CheckResult("up-to-date", CheckStatus.PASS,
        "main and 1 tags equal origin's"));
    assertThat(check(report, Check.NEW_COMMITS).reason()).isEqualTo("1 commit since v1.1.0; the next release is v1.2.0");
    assertThat(check(report, Check.DATE_TAG).status()).isEqualTo(CheckStatus.SKIP);
    assertThat(check(report, Check.CI)).isEqualTo(new CheckResult("ci", CheckStatus.SKIP,
        "no GitHub token: set GITHUB_TOKEN (or --token) to check CI"));
    assertThat(check(report, Check.BLOCKERS).status()).isEqualTo(CheckStatus.SKIP);
    assertThat(check(report, Check.RELEASE_DATE).status()).isEqualTo(CheckStatus.SKIP);
    assertThat(report.owner()).isNull();
  }

  @Test
  void aDirtyTreeFails() {
    local.write("auth/index.js", "edited\n").write("notes.txt", "todo\n");
    CheckResult clean = check(preflight(), Check.CLEAN_TREE);
    assertThat(clean.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(clean.reason()).contains("uncommitted changes: auth/index.js, notes.txt");
  }

  @Test
  void aNewerTagOnTheRemoteFailsUntilFetched() throws Exception {
    // Someone else released from another clone.
    GitFixture other = GitFixture.open(cloneOf(bare, dir.resolve("other")));
    other.commit("fix: from another laptop", "other.txt", "x\n");
    other.tag("v1.2.0", "Train release 2");
    push(other, "refs/heads/main:refs/heads/main");
    push(other, "refs/tags/v1.2.0:refs/tags/v1.2.0");

    CheckResult upToDate = check(preflight(), Check.UP_TO_DATE);
    assertThat(upToDate.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(upToDate.reason()).contains("origin/main has commits not fetched here").contains("run 'git pull'")
        .contains("1 tag on origin missing here: v1.2.0 (run 'git fetch --tags')");

    local.git().fetch().setRemote("origin").setRefSpecs(new RefSpec("+refs/tags/*:refs/tags/*")).call();
    local.git().pull().setRemote("origin").setRemoteBranchName("main").call();
    assertThat(check(preflight(), Check.UP_TO_DATE).status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void aLocalTagThatDiffersFromTheRemoteOneFails() throws Exception {
    local.git().tagDelete().setTags("v1.1.0").call();
    local.tag("v1.1.0", "Train release 1, re-made on the wrong commit");
    CheckResult upToDate = check(preflight(), Check.UP_TO_DATE);
    assertThat(upToDate.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(upToDate.reason()).contains("local tag differs from origin's: v1.1.0 (here ");
  }

  @Test
  void aDivergedBranchFailsABehindOneFailsAnAheadOneWarns() throws Exception {
    RevCommit base = local.commit("fix: pushed", "a.txt", "1\n");
    push(local, "refs/heads/main:refs/heads/main");
    local.commit("fix: only here", "b.txt", "1\n");
    CheckResult ahead = check(preflight(), Check.UP_TO_DATE);
    assertThat(ahead.status()).isEqualTo(CheckStatus.WARN);
    assertThat(ahead.reason()).isEqualTo("main is 1 commit ahead of origin (not pushed, so CI has not seen it)");

    GitFixture other = GitFixture.open(cloneOf(bare, dir.resolve("other")));
    other.commit("fix: only there", "c.txt", "1\n");
    other.commit("fix: also only there", "d.txt", "1\n");
    push(other, "refs/heads/main:refs/heads/main");
    local.git().fetch().setRemote("origin").call();
    CheckResult diverged = check(preflight(), Check.UP_TO_DATE);
    assertThat(diverged.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(diverged.reason()).isEqualTo("main and origin/main have diverged (1 commits only here, 2 only there)");

    local.git().reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(base.name()).call();
    CheckResult behind = check(preflight(), Check.UP_TO_DATE);
    assertThat(behind.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(behind.reason()).isEqualTo("main is 2 commits behind origin: run 'git pull'");
  }

  @Test
  void withoutARemoteOrOfflineTheRemoteIsNotAsked() throws Exception {
    assertThat(check(preflight("", new PreflightFlags(null, null, null, null, null, false, true, false),
        GitHubEndpoint.defaults()), Check.UP_TO_DATE))
        .isEqualTo(new CheckResult("up-to-date", CheckStatus.SKIP, "offline: origin was not asked"));
    local.git().remoteRemove().setRemoteName("origin").call();
    assertThat(check(preflight(), Check.UP_TO_DATE).reason()).isEqualTo("no remote 'origin' to compare with");
  }

  @Test
  void anUnreachableRemoteFailsWithTheReason() throws Exception {
    local.git().remoteSetUrl().setRemoteName("origin").setRemoteUri(new URIish(dir.resolve("gone.git").toUri().toString())).call();
    CheckResult upToDate = check(preflight(), Check.UP_TO_DATE);
    assertThat(upToDate.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(upToDate.reason()).startsWith("cannot list the refs of origin (");
  }

  @Test
  void nothingCommittedSinceTheLastReleaseFailsUnlessAllowed() {
    local.tag("v1.2.0", "Train release 2");
    PreflightReport report = preflight();
    assertThat(report.ok()).isFalse();
    assertThat(check(report, Check.NEW_COMMITS)).isEqualTo(new CheckResult("new-commits", CheckStatus.FAIL,
        "nothing to release: HEAD is already released as v1.2.0; nothing committed since"));
    PreflightReport allowed = preflight("", new PreflightFlags(null, null, null, null, null, true, false, false),
        GitHubEndpoint.defaults());
    assertThat(check(allowed, Check.NEW_COMMITS).status()).isEqualTo(CheckStatus.WARN);
  }

  @Test
  void anUnmergedReleaseBranchFailsARegularRelease() throws Exception {
    local.checkout("v1.1.0");
    local.branch("train-1");
    local.commit("fix(auth): hotfix on the train", "auth/hotfix.js", "1\n");
    local.tag("v1.1.1", "Patch release 1.1.1");
    local.checkout("main");
    CheckResult merged = check(preflight(), Check.MERGED_BACK);
    assertThat(merged.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(merged.reason()).startsWith("2 release refs are not merged back into origin/main: ")
        .contains("train-1 (unmerged since 2026-01-05)").contains("v1.1.1 (unmerged since 2026-01-05)");

    local.merge("train-1", "Merge train-1 back into main");
    // What counts is what reached the server's main, not a local merge.
    assertThat(check(preflight(), Check.MERGED_BACK).status()).isEqualTo(CheckStatus.FAIL);
    push(local, "refs/heads/main:refs/heads/main");
    assertThat(check(preflight(), Check.MERGED_BACK).reason())
        .isEqualTo("3 release refs checked, all merged into origin/main");
  }

  @Test
  void onATrainBranchPreflightChecksAPatchAndTheTrainItselfOnlyWarns() throws Exception {
    local.checkout("v1.1.0");
    local.branch("train-1");
    local.commit("fix(auth): first patch", "auth/hotfix.js", "1\n");
    local.tag("v1.1.1", "Patch release 1.1.1");
    local.commit("fix(auth): second patch", "auth/hotfix.js", "2\n");
    PreflightReport report = preflight();
    assertThat(report.patch()).isTrue();
    assertThat(report.nextTag()).isEqualTo("v1.1.2");
    assertThat(check(report, Check.RELEASE_BRANCH).reason()).isEqualTo("train-1: a patch release of train 1");
    CheckResult merged = check(report, Check.MERGED_BACK);
    assertThat(merged.status()).isEqualTo(CheckStatus.WARN);
    assertThat(merged.reason()).startsWith("the line being patched is not merged back into origin/main yet: train-1 (unmerged since 2026-01-05), v1.1.1");
  }

  @Test
  void aRegularReleaseFromTheWrongBranchFails() throws Exception {
    local.branch("feature/login");
    PreflightReport report = preflight("", new PreflightFlags(null, false, null, null, null, false, false, false),
        GitHubEndpoint.defaults());
    assertThat(check(report, Check.RELEASE_BRANCH)).isEqualTo(new CheckResult("release-branch", CheckStatus.FAIL,
        "a regular train is cut from main, but feature/login is checked out"));
    assertThat(check(report, Check.NEW_COMMITS).reason()).startsWith("cannot tell the next release: a regular train is cut from main");
  }

  @Test
  void theDateSchemeWarnsThatTodaysTagExists() throws Exception {
    local.tag("2026.01.20", "Release 2026.01.20");
    local.commit("fix: cherry-picked", "fix.txt", "1\n");
    PreflightReport report = preflight("release: {scheme: date}\n", PreflightFlags.NONE, GitHubEndpoint.defaults());
    assertThat(check(report, Check.DATE_TAG)).isEqualTo(new CheckResult("date-tag", CheckStatus.WARN,
        "tag 2026.01.20 exists already; the next is 2026.01.20-1, a re-tag with the cherry-picks on top"));
    assertThat(report.nextTag()).isEqualTo("2026.01.20-1");
  }

  @Test
  void aHolidayFailsARegularReleaseAndTheWrongWeekdayWarns() {
    String calendar = "preflight:\n  release-days: [tuesday]\n  holidays: ['2026-01-20 Founders Day']\n";
    CheckResult holiday = check(preflight(calendar, PreflightFlags.NONE, GitHubEndpoint.defaults()), Check.RELEASE_DATE);
    assertThat(holiday).isEqualTo(new CheckResult("release-date", CheckStatus.FAIL,
        "Tuesday 2026-01-20 is a holiday (Founders Day); the next release day is Tuesday 2026-01-27"));
    CheckResult wednesday = check(preflight(calendar, new PreflightFlags(null, null, "2026-01-21", null, null, false,
        false, false), GitHubEndpoint.defaults()), Check.RELEASE_DATE);
    assertThat(wednesday.status()).isEqualTo(CheckStatus.WARN);
    assertThat(wednesday.reason()).isEqualTo("Wednesday 2026-01-21 is not a release day (Tuesday); the next release day"
        + " is Tuesday 2026-01-27");
    CheckResult fine = check(preflight(calendar, new PreflightFlags(null, null, "2026-01-27", null, null, false,
        false, false), GitHubEndpoint.defaults()), Check.RELEASE_DATE);
    assertThat(fine.status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void onlyAndSkipChooseTheChecksAndTheOwnerIsNamed() {
    String owners = "owners:\n  start: 2026-01-05\n  people: [{name: Ada, github: ada}, {name: Grace, github: grace}]\n";
    PreflightReport report = preflight(owners, new PreflightFlags(null, null, null, List.of("clean-tree,ci", "merged-back"),
        List.of("ci"), false, false, false), GitHubEndpoint.defaults());
    assertThat(report.checks()).extracting(CheckResult::name).containsExactly("clean-tree", "merged-back");
    // Weekly from Monday 2026-01-05: Ada, Grace, then Ada again from the 19th.
    assertThat(report.owner().name()).isEqualTo("Ada");
    assertThat(report.owner().from()).isEqualTo(java.time.LocalDate.parse("2026-01-19"));
  }

  // ---- GitHub: CI verdict and blockers ---------------------------------------------------------

  private String headSha() throws Exception {
    return local.repository().resolve("HEAD").name();
  }

  private static String checkRuns(String sha, String... nameAndConclusion) {
    StringBuilder runs = new StringBuilder();
    for (int i = 0; i < nameAndConclusion.length; i += 2) {
      long id = 4_100_000_000L + i;
      runs.append(i == 0 ? "" : ",").append("""
          {"id": %d, "name": "%s", "node_id": "CR_kwDOA%d", "head_sha": "%s", "external_id": "",
           "url": "https://api.github.com/repos/octo-org/octo-repo/check-runs/%d",
           "html_url": "https://github.com/octo-org/octo-repo/actions/runs/9001/job/%d",
           "details_url": "https://github.com/octo-org/octo-repo/actions/runs/9001/job/%d",
           "status": "completed", "conclusion": "%s",
           "started_at": "2026-01-19T09:00:00Z", "completed_at": "2026-01-19T09:04:10Z",
           "output": {"title": null, "summary": null, "text": null, "annotations_count": 0},
           "check_suite": {"id": 31000001}, "app": {"id": 15368, "slug": "github-actions", "name": "GitHub Actions"},
           "pull_requests": []}""".formatted(id, nameAndConclusion[i], id, sha, id, id, id, nameAndConclusion[i + 1]));
    }
    return "{\"total_count\": " + nameAndConclusion.length / 2 + ", \"check_runs\": [" + runs + "]}";
  }

  private void serveCi(String sha, String checkRunsJson) {
    String commit = "/repos/" + OWNER + "/" + REPO + "/commits/" + sha;
    github.stubFor(get(urlPathEqualTo(commit + "/check-runs")).willReturn(okJson(checkRunsJson)));
    github.stubFor(get(urlPathEqualTo(commit + "/status")).willReturn(okJson("""
        {"state": "pending", "statuses": [], "sha": "%s", "total_count": 0,
         "repository": {"id": 1296269, "full_name": "octo-org/octo-repo"}}""".formatted(sha))));
  }

  @Test
  void ciIsTheVerifyCiVerdictForHead() throws Exception {
    String sha = headSha();
    serveCi(sha, checkRuns(sha, "build", "success", "test (1)", "success", "lint", "skipped"));
    CheckResult green = check(preflight("", PreflightFlags.NONE, gitHub()), Check.CI);
    assertThat(green).isEqualTo(new CheckResult("ci", CheckStatus.PASS, "green for " + sha.substring(0, 7)
        + ": 3 counted checks passed"));

    serveCi(sha, checkRuns(sha, "build", "success", "test (1)", "failure"));
    CheckResult red = check(preflight("", PreflightFlags.NONE, gitHub()), Check.CI);
    assertThat(red.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(red.reason()).isEqualTo("failure for " + sha.substring(0, 7) + ": failed: test (1) (failure)");
  }

  @Test
  void ciForACommitGitHubDoesNotKnowFailsAndSaysSo() throws Exception {
    String sha = headSha();
    String commit = "/repos/" + OWNER + "/" + REPO + "/commits/" + sha;
    github.stubFor(get(urlPathEqualTo(commit + "/check-runs")).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\": \"No commit found for SHA: " + sha + "\", \"documentation_url\": \"https://docs.github.com/rest\", \"status\": \"422\"}")));
    github.stubFor(get(urlPathEqualTo("/repos/" + OWNER + "/" + REPO)).willReturn(okJson(
        "{\"id\": 1296269, \"name\": \"octo-repo\", \"full_name\": \"octo-org/octo-repo\", \"private\": false}")));
    CheckResult ci = check(preflight("", PreflightFlags.NONE, gitHub()), Check.CI);
    assertThat(ci.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(ci.reason()).startsWith("cannot read CI of " + sha.substring(0, 7) + " (is it pushed?): ref '" + sha + "'");
  }

  private static String issue(long number, String title, boolean pullRequest) {
    return """
        {"url": "https://api.github.com/repos/octo-org/octo-repo/issues/%d", "id": %d, "number": %d, "title": "%s",
         "state": "open", "user": {"login": "ada"}, "labels": [{"name": "release-blocker"}],
         "html_url": "https://github.com/octo-org/octo-repo/issues/%d", "comments": 2%s}"""
        .formatted(number, 2_000_000 + number, number, title, number,
            pullRequest ? ", \"pull_request\": {\"url\": \"https://api.github.com/repos/octo-org/octo-repo/pulls/" + number + "\"}" : "");
  }

  @Test
  void openIssuesWithABlockerLabelOrInTheMilestoneFail() {
    String issues = "/repos/" + OWNER + "/" + REPO + "/issues";
    github.stubFor(get(urlPathEqualTo(issues)).withQueryParam("labels", com.github.tomakehurst.wiremock.client.WireMock.equalTo("release-blocker"))
        .willReturn(okJson("[" + issue(41, "Login loops on Safari", false) + "," + issue(44, "Fix the loop", true) + "]")));
    github.stubFor(get(urlPathEqualTo("/repos/" + OWNER + "/" + REPO + "/milestones")).willReturn(okJson("""
        [{"number": 7, "title": "Train 2", "state": "open", "open_issues": 1, "closed_issues": 9},
         {"number": 6, "title": "Train 1", "state": "open", "open_issues": 0, "closed_issues": 12}]""")));
    github.stubFor(get(urlPathEqualTo(issues)).withQueryParam("milestone", com.github.tomakehurst.wiremock.client.WireMock.equalTo("7"))
        .willReturn(okJson("[" + issue(41, "Login loops on Safari", false) + "," + issue(50, "Settings page 500s", false) + "]")));
    String config = "preflight:\n  blocker-labels: [release-blocker]\n  blocker-milestone: 'Train {version}'\n"
        + "release: {train-major: 1}\n";
    CheckResult blockers = check(preflight(config.replace("Train {version}", "Train 2"), PreflightFlags.NONE, gitHub()),
        Check.BLOCKERS);
    assertThat(blockers).isEqualTo(new CheckResult("blockers", CheckStatus.FAIL, "3 open blockers (label release-blocker,"
        + " milestone Train 2): #41 Login loops on Safari, PR #44 Fix the loop, #50 Settings page 500s"));
    github.verify(getRequestedFor(urlPathEqualTo(issues))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + TOKEN)));
  }

  @Test
  void theMilestoneNamesTheNextVersionAndAMissingOneWarns() {
    github.stubFor(get(urlPathEqualTo("/repos/" + OWNER + "/" + REPO + "/milestones")).willReturn(okJson(
        "[{\"number\": 3, \"title\": \"1.2.0\", \"state\": \"open\"}]")));
    github.stubFor(get(urlPathEqualTo("/repos/" + OWNER + "/" + REPO + "/issues")).willReturn(okJson("[]")));
    CheckResult none = check(preflight("preflight: {blocker-milestone: '{version}'}\n", PreflightFlags.NONE, gitHub()),
        Check.BLOCKERS);
    assertThat(none).isEqualTo(new CheckResult("blockers", CheckStatus.PASS,
        "no open issues or pull requests with milestone 1.2.0"));
    CheckResult missing = check(preflight("preflight: {blocker-milestone: 'Train 99'}\n", PreflightFlags.NONE, gitHub()),
        Check.BLOCKERS);
    assertThat(missing.status()).isEqualTo(CheckStatus.WARN);
    assertThat(missing.reason()).startsWith("no open milestone is titled 'Train 99'");
  }

  private static Path cloneOf(Path bare, Path target) throws Exception {
    Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(target.toFile()).call().close();
    return target;
  }
}
