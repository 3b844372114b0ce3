package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.bugs.CutRequestText;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasePlannerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  static final RepositoryLinks LINKS = new RepositoryLinks("https://github.com", "mozilla/fxa");

  @TempDir Path tmp;

  static NextVersionRequest train() {
    return new NextVersionRequest(new VersionScheme.Train(1), false, null, "main", null, false);
  }

  @Test
  void monorepoPlanFiltersCommitsPerPackageAndTouchesNothing() throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      String head = fx.repository().resolve("HEAD").name();
      ReleasePlan plan;
      try (GitRepository repo = GitRepository.open(tmp)) {
        // The deployment request now comes from deploy-bug's template and model (dev.trainyard.bugs).
        plan = new ReleasePlanner(CLOCK, Reporter.silent()).plan(repo, train(), ReleaseTestRepos.monorepoConfig(), LINKS,
            CutRequestText.fromConfig(null, tmp, "mozilla/fxa", Reporter.silent()));
      }
      assertThat(plan.next().tag()).isEqualTo("v1.11.0");
      assertThat(plan.next().branch()).isEqualTo("train-11");
      assertThat(plan.commitMessage()).isEqualTo("Release 1.11.0");
      assertThat(plan.tagMessage()).isEqualTo("Train release 11");
      assertThat(plan.sections()).extracting(PackageSection::name).containsExactly("auth", "content", "profile");
      assertThat(plan.sections().get(0).commits()).extracting(c -> c.subject())
          .containsExactly("faster token check", "sign in with passkeys");
      assertThat(plan.sections().get(1).commits()).extracting(c -> c.subject())
          .containsExactly("Übersetzung für „Konto“ korrigiert");
      assertThat(plan.sections().get(2).commits()).isEmpty();
      assertThat(plan.sections().get(2).markdown()).contains("No changes.");
      assertThat(plan.files()).extracting(FileChange::path).containsExactly(
          "packages/auth/CHANGELOG.md", "packages/content/CHANGELOG.md", "packages/profile/CHANGELOG.md");
      String auth = plan.files().get(0).after();
      assertThat(auth.indexOf("## 1.11.0")).isGreaterThan(0).isLessThan(auth.indexOf("## 1.10.0"));
      assertThat(auth).contains("faster token check").doesNotContain("Übersetzung").doesNotContain("Merge pull request");
      assertThat(plan.files().get(1).after()).contains("Übersetzung für „Konto“ korrigiert");
      assertThat(plan.files().get(0).before()).isEqualTo(ReleaseTestRepos.AUTH_CHANGELOG);
      assertThat(plan.pushCommands()).containsExactly("git push --set-upstream origin train-11", "git push origin v1.11.0");
      assertThat(plan.compareUrl()).isEqualTo("https://github.com/mozilla/fxa/compare/main...train-11?expand=1");
      assertThat(plan.deploymentRequest())
          .contains("Component: Operations: Deployment Requests")
          .contains("Summary: Please deploy accounts train 11 (v1.11.0) to stage")
          .contains("https://github.com/mozilla/fxa/compare/v1.10.0...v1.11.0")
          .contains("- content: https://github.com/mozilla/fxa/blob/v1.11.0/packages/content/CHANGELOG.md (1 change)")
          .contains("- profile: https://github.com/mozilla/fxa/blob/v1.11.0/packages/profile/CHANGELOG.md (no changes)");
      // read-only: nothing moved
      assertThat(fx.repository().resolve("HEAD").name()).isEqualTo(head);
      assertThat(fx.repository().exactRef("refs/heads/train-11")).isNull();
      assertThat(Files.readString(tmp.resolve("packages/auth/CHANGELOG.md"))).isEqualTo(ReleaseTestRepos.AUTH_CHANGELOG);
      assertThat(fx.git().status().call().isClean()).isTrue();
    }
  }

  @Test
  void withoutConfigurationTheRootChangelogIsUpdatedOnlyWhenItExists() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("feat: a", "a", "1");
      fx.tag("1.0.0");
      fx.commit("fix: b", "a", "2");
      try (GitRepository repo = GitRepository.open(tmp)) {
        ReleasePlan plan = new ReleasePlanner(CLOCK, Reporter.silent()).plan(repo,
            new NextVersionRequest(new VersionScheme.Semver("", null, null), false, null, "main", null, false),
            ReleaseConfig.DEFAULTS, LINKS);
        assertThat(plan.next().tag()).isEqualTo("1.0.1");
        assertThat(plan.files()).isEmpty();
        assertThat(plan.commitMessage()).isNull();
        assertThat(plan.tagMessage()).isEqualTo("chore: tag 1.0.1");
        assertThat(plan.sections()).singleElement().satisfies(s -> assertThat(s.markdown()).contains("#### Bug Fixes"));
      }
      fx.commit("chore: add changelog", "CHANGELOG.md", "<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-01-01)\n");
      try (GitRepository repo = GitRepository.open(tmp)) {
        ReleasePlan plan = new ReleasePlanner(CLOCK, Reporter.silent()).plan(repo,
            new NextVersionRequest(new VersionScheme.Semver("", null, null), false, null, "main", null, false),
            ReleaseConfig.DEFAULTS, LINKS);
        assertThat(plan.files()).singleElement().satisfies(f -> {
          assertThat(f.path()).isEqualTo("CHANGELOG.md");
          assertThat(f.after()).startsWith("<a name=\"1.0.1\"></a>");
        });
        assertThat(plan.commitMessage()).isEqualTo("chore: tag 1.0.1");
        assertThat(plan.next().branch()).isEqualTo("release/1.0");
      }
    }
  }

  @Test
  void versionFilesAreBumpedPerPackageAndAMissingOneIsOneLine() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("chore: start", "packages/web/package.json", "{\n  \"name\": \"web\",\n  \"version\": \"1.4.0\"\n}\n",
          "packages/sync/Cargo.toml", "[package]\nname = \"sync\"\nversion = \"1.4.0\" # keep\n",
          "packages/web/CHANGELOG.md", "## 1.4.0\n\nNo changes.\n", "packages/sync/CHANGELOG.md", "## 1.4.0\n\nNo changes.\n");
      fx.tag("v1.4.0");
      fx.commit("fix(sync): x", "packages/sync/src.rs", "1");
      ReleaseConfig config = new ReleaseConfig(null, null, null, null, null, null, null, null, null, null, null,
          java.util.List.of(new ReleaseConfig.PackageConfig("packages/web", null, null, java.util.List.of("package.json")),
              new ReleaseConfig.PackageConfig("./packages/sync/", null, null, java.util.List.of("Cargo.toml"))));
      try (GitRepository repo = GitRepository.open(tmp)) {
        ReleasePlan plan = new ReleasePlanner(CLOCK, Reporter.silent()).plan(repo, train(), config, LINKS);
        assertThat(plan.files()).extracting(FileChange::path).containsExactly(
            "packages/web/CHANGELOG.md", "packages/web/package.json", "packages/sync/CHANGELOG.md", "packages/sync/Cargo.toml");
        assertThat(plan.files().get(1).after()).isEqualTo("{\n  \"name\": \"web\",\n  \"version\": \"1.5.0\"\n}\n");
        assertThat(plan.files().get(3).after()).isEqualTo("[package]\nname = \"sync\"\nversion = \"1.5.0\" # keep\n");
      }
      ReleaseConfig missing = new ReleaseConfig(null, null, null, null, null, null, null, null, null, null, null,
          java.util.List.of(new ReleaseConfig.PackageConfig("packages/web", null, null, java.util.List.of("Cargo.lock"))));
      try (GitRepository repo = GitRepository.open(tmp)) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new ReleasePlanner(CLOCK, Reporter.silent()).plan(repo, train(), missing, LINKS))
            .hasMessage("release.packages[web].version-files: packages/web/Cargo.lock does not exist");
      }
    }
  }
}
