package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ChangelogFormat;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clog format as a drop-in for clog-cli, on a history shaped like syncstorage-rs's: default
 * branch {@code master}, each release cut on {@code release/X.Y} with a {@code chore: tag X.Y.Z}
 * commit that is tagged there, the release pull request squash-merged back into master (so no tag is
 * on master), and a CHANGELOG.md written by clog with the squash commit of the previous release
 * listed under Chore. The expected sections are written here the way clog-cli writes them.
 */
class ClogDropInTest {
  static final String REPO = "https://github.com/example-services/syncstore";
  static final String CLOG_TOML = """
      [clog]
      repository = "https://github.com/example-services/syncstore"
      changelog = "CHANGELOG.md"
      from-latest-tag = true
      link-style = "github"

      [sections]
      Refactor = ["refactor"]
      Test = ["test"]
      Doc = ["docs"]
      Chore = ["chore"]
      Features = ["feat", "feature"]
      "Bug Fixes" = ["fix", "bug"]
      """;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  final Map<String, RevCommit> commits = new HashMap<>();

  /** The history; {@code withClogToml} commits a .clog.toml first (as syncstorage-rs has one). */
  GitFixture syncstore(boolean withClogToml) throws Exception {
    GitFixture fx = GitFixture.init(tmp.resolve("syncstore"));
    fx.at(Instant.parse("2026-06-01T10:00:00Z"));
    fx.commit("chore: initial import", "Cargo.toml", "[package]\nversion = \"0.1.0\"\n");
    fx.branch("master");
    fx.git().branchDelete().setBranchNames("main").setForce(true).call();
    if (withClogToml) {
      fx.commit("chore: clog configuration", ".clog.toml", CLOG_TOML);
    }
    commit(fx, "f1", "feat: add account webhook metrics (#2378)", "src/webhook.rs");
    commit(fx, "c1", "chore(deps): bump aiohttp in /tools/loadtest (#2364)", "tools/req.txt");
    release(fx, "0.1.0", "0.1");
    commit(fx, "s1", "chore: tag 0.1.0 (#2385)", "CHANGELOG.md");
    commit(fx, "x1", "fix: add settings for FxA acct event SET `aud` and `iss` (#2393)", "src/settings.rs");
    commit(fx, "p1", "perf: spanner mutation limit increase to 80000 max_total_records (#2327)", "src/spanner.rs");
    commit(fx, "c2", "chore: pre commit hooks  (#2360)", ".pre-commit.yaml");
    commit(fx, "d1", "chore(deps): bump pyjwt in /tools/loadtest (#2392)", "tools/req.txt");
    commit(fx, "d2", "chore(deps): bump idna from 3.13 to 3.15 (#2319)", "tools/req.txt");
    commit(fx, "i1", "ci: cache the cargo registry (#2400)", ".github/ci.yml");
    commit(fx, "r1", "refactor(db): use Spanner INSERT OR UPDATE DML (#2314)", "src/db.rs");
    commit(fx, "t1", "test: fix test metric filenames (#2291)", "tests/metrics.py");
    commit(fx, "o1", "docs: we run clog with --setversion (#2322)", "docs/release.md");
    commit(fx, "n1", "Update README.md", "README.md");
    release(fx, "0.2.0", "0.2");
    commit(fx, "s2", "chore: tag 0.2.0 (#2399)", "CHANGELOG.md");
    commit(fx, "f2", "feat: kill get_collection's redundant extract_resource call (#2389)", "src/handlers.rs");
    commit(fx, "x2", "fix: do not validate `exp` on FxA event tokens (#2402)\n\nCloses #2401", "src/auth.rs");
    return fx;
  }

  void commit(GitFixture fx, String key, String message, String path) {
    commits.put(key, fx.commit(message, path, key + "\n"));
  }

  /**
   * A release as syncstorage-rs cuts one: release/X.Y from master, the tag commit there, tagged; the
   * branch lives on in the remote only.
   */
  static void release(GitFixture fx, String version, String line) throws Exception {
    fx.branch("release/" + line);
    fx.commit("chore: tag " + version, "CHANGELOG.md", "<a name=\"" + version + "\"></a>\n");
    fx.tag(version, "chore: tag " + version);
    fx.checkout("master");
    fx.git().branchDelete().setBranchNames("release/" + line).setForce(true).call();
  }

  String link(String key) {
    String hash = commits.get(key).name();
    return "[" + hash.substring(0, 8) + "](" + REPO + "/commit/" + hash + ")";
  }

  String section020() {
    return "<a name=\"0.2.0\"></a>\n"
        + "## 0.2.0 (2026-06-01)\n\n"
        + "\n#### Bug Fixes\n\n"
        + "*   add settings for FxA acct event SET `aud` and `iss` (#2393) (" + link("x1") + ")\n"
        + "\n#### Performance\n\n"
        + "*   spanner mutation limit increase to 80000 max_total_records (#2327) (" + link("p1") + ")\n"
        + "\n#### Refactor\n\n"
        + "* **db:**  use Spanner INSERT OR UPDATE DML (#2314) (" + link("r1") + ")\n"
        + "\n#### Chore\n\n"
        + "*   pre commit hooks  (#2360) (" + link("c2") + ")\n"
        + "*   tag 0.1.0 (#2385) (" + link("s1") + ")\n"
        + "* **deps:**\n"
        + "  *  bump idna from 3.13 to 3.15 (#2319) (" + link("d2") + ")\n"
        + "  *  bump pyjwt in /tools/loadtest (#2392) (" + link("d1") + ")\n"
        + "\n#### Doc\n\n"
        + "*   we run clog with --setversion (#2322) (" + link("o1") + ")\n"
        + "\n#### Test\n\n"
        + "*   fix test metric filenames (#2291) (" + link("t1") + ")\n"
        + "\n\n\n";
  }

  ChangelogQuery.Result changelog(GitFixture fx, ChangelogFlags flags) {
    try (GitRepository repo = GitRepository.open(fx.dir())) {
      ChangelogRequest request = ChangelogRequest.resolve(ReleaseConfig.DEFAULTS, flags, GitHubConfig.DEFAULTS, fx.dir());
      return new Releases(CLOCK, Reporter.silent()).changelog(repo, request, GitHubEndpoint.defaults());
    }
  }

  static ChangelogFlags clog(String from, String to) {
    return new ChangelogFlags(from, to, "clog", List.of());
  }

  @Test
  void withClogTomlAReleaseSectionIsWhatClogWroteIncludingThePreviousReleasesSquashCommit() throws Exception {
    try (GitFixture fx = syncstore(true)) {
      ChangelogQuery.Result result = changelog(fx, clog("0.1.0", "0.2.0"));
      assertThat(result.markdown()).isEqualTo(section020());
      assertThat(result.entries()).extracting(c -> c.hash()).contains(commits.get("s1").name());
      assertThat(result.markdown()).doesNotContain("cache the cargo registry", "Update README.md");
    }
  }

  @Test
  void withoutClogTomlTheRemotesRepositoryGivesTheSameSection() throws Exception {
    try (GitFixture fx = syncstore(false)) {
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", "git@github.com:example-services/syncstore.git");
      config.save();
      assertThat(changelog(fx, clog("0.1.0", "0.2.0")).markdown()).isEqualTo(section020());
    }
  }

  @Test
  void withoutClogTomlOrRemoteTheEntriesCarryBareHashes() throws Exception {
    try (GitFixture fx = syncstore(false)) {
      String markdown = changelog(fx, clog("0.1.0", "0.2.0")).markdown();
      String hash = commits.get("s1").name().substring(0, 8);
      assertThat(markdown).contains("*   tag 0.1.0 (#2385) (" + hash + ")\n").doesNotContain("](");
    }
  }

  @Test
  void releaseCommitsCanBeLeftOut() throws Exception {
    try (GitFixture fx = syncstore(true)) {
      ChangelogFlags exclude = new ChangelogFlags("0.1.0", "0.2.0", "clog", List.of(), null, null, false, "exclude");
      ChangelogQuery.Result result = changelog(fx, exclude);
      assertThat(result.markdown()).doesNotContain("tag 0.1.0").contains("pre commit hooks  (#2360)");
    }
  }

  @Test
  void fromLatestTagInClogTomlStartsAtTheNewestTagOffMaster() throws Exception {
    try (GitFixture fx = syncstore(true)) {
      ChangelogQuery.Result result = changelog(fx, new ChangelogFlags(null, "HEAD", "clog", List.of()));
      assertThat(result.from()).isEqualTo("0.2.0");
      assertThat(result.markdown())
          .contains("*   tag 0.2.0 (#2399) (" + link("s2") + ")\n")
          .contains("*   kill get_collection's redundant extract_resource call (#2389) (" + link("f2") + ")\n")
          .contains("*   do not validate `exp` on FxA event tokens (#2402) (" + link("x2") + ", closes [#2401]("
              + REPO + "/issues/2401))\n")
          .doesNotContain("pre commit hooks");
    }
  }

  @Test
  void theFilesSectionsDecideWhatIsListedAndItsLinkStyleAndRepositoryWinOverTheRemote() throws Exception {
    try (GitFixture fx = syncstore(false)) {
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", "https://github.com/someone/fork.git");
      config.save();
      Files.writeString(fx.dir().resolve(".clog.toml"), """
          [clog]
          repository = "https://gitlab.example.com/services/syncstore/"
          link-style = "gitlab"
          """);
      fx.commit("chore: clog for gitlab", ".clog.toml", Files.readString(fx.dir().resolve(".clog.toml")));
      String markdown = changelog(fx, clog("0.1.0", "0.2.0")).markdown();
      String hash = commits.get("x1").name();
      // Without [sections], clog lists only its own: features, bug fixes, performance.
      assertThat(markdown).contains("(#2393) ([" + hash.substring(0, 8) + "](https://gitlab.example.com/services/syncstore/commit/"
          + hash + "))").contains("#### Performance").doesNotContain("#### Chore", "#### Refactor", "#### Doc");
    }
  }

  @Test
  void githubRepositoryInTrainyardYmlOverridesTheClogTomlRepository() throws Exception {
    try (GitFixture fx = syncstore(true); GitRepository repo = GitRepository.open(fx.dir())) {
      ChangelogRequest request = ChangelogRequest.resolve(ReleaseConfig.DEFAULTS, clog("0.1.0", "0.2.0"),
          new GitHubConfig(null, null, "other/place"), fx.dir());
      GitHubEndpoint endpoint = GitHubEndpoint.defaults().withRepository(
          dev.trainyard.github.RepositorySlug.parse("other/place", "github.repository"));
      String markdown = new Releases(CLOCK, Reporter.silent()).changelog(repo, request, endpoint).markdown();
      assertThat(markdown).contains("https://github.com/other/place/commit/").doesNotContain(REPO);
    }
  }

  @Test
  void cutFromMasterWritesTheNextSectionAboveThePreviousOneTheWayClogDoes() throws Exception {
    try (GitFixture fx = syncstore(true)) {
      Files.writeString(fx.dir().resolve("CHANGELOG.md"), section020());
      fx.commit("docs: changelog of 0.2.0 on master", "CHANGELOG.md", section020());
      try (GitRepository repo = GitRepository.open(fx.dir())) {
        ReleaseConfig semver = new ReleaseConfig(dev.trainyard.version.SchemeName.SEMVER, null, null, null, null, null,
            null, null, null, null, null, null);
        CutRequest request = CutRequest.resolve(semver, new CutFlags(VersionFlags.NONE, true, false, false),
            GitHubEndpoint.defaults(), GitHubConfig.DEFAULTS, fx.dir());
        CutOutcome outcome = new Releases(CLOCK, Reporter.silent()).cut(repo, request);
        assertThat(outcome).isInstanceOfSatisfying(CutOutcome.Planned.class, planned -> {
          ReleasePlan plan = planned.plan();
          assertThat(plan.next().tag()).isEqualTo("0.2.1");
          assertThat(plan.next().mainBranch()).isEqualTo("master");
          assertThat(plan.commitMessage()).isEqualTo("chore: tag 0.2.1");
          FileChange changelog = plan.files().stream().filter(f -> f.path().equals("CHANGELOG.md")).findFirst().orElseThrow();
          assertThat(changelog.after()).startsWith("<a name=\"0.2.1\"></a>\n## 0.2.1 (2026-06-30)\n\n\n#### Features\n\n"
              + "*   kill get_collection's redundant extract_resource call (#2389) (" + link("f2") + ")\n")
              .contains("#### Chore\n\n*   tag 0.2.0 (#2399) (" + link("s2") + ")\n")
              .endsWith("\n\n\n" + section020());
        });
      }
    }
  }

  @Test
  void aMalformedClogTomlIsAnInputErrorNamingTheFile() throws Exception {
    try (GitFixture fx = syncstore(false)) {
      Files.writeString(fx.dir().resolve(".clog.toml"), "[clog\nrepository = 1\n");
      assertThatThrownBy(() -> changelog(fx, clog("0.1.0", "0.2.0")))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
            assertThat(e.getMessage()).startsWith(".clog.toml:");
          });
      Files.writeString(fx.dir().resolve(".clog.toml"), "[clog]\nlink-style = \"bitbucket\"\n");
      assertThatThrownBy(() -> changelog(fx, clog("0.1.0", "0.2.0")))
          .hasMessage(".clog.toml: link-style: unknown link style 'bitbucket' (valid: github, gitlab, stash, cgit, gitweb)");
    }
  }

  @Test
  void theChangelogOfOtherFormatsDoesNotReadClogToml() throws Exception {
    try (GitFixture fx = syncstore(false)) {
      Files.writeString(fx.dir().resolve(".clog.toml"), "not toml at all [");
      ChangelogQuery.Result result = changelog(fx, new ChangelogFlags("0.1.0", "0.2.0", "keepachangelog", List.of()));
      assertThat(result.markdown()).startsWith("## [0.2.0]");
      assertThat(ChangelogFormat.parse("clog")).isEqualTo(ChangelogFormat.CLOG);
    }
  }
}
