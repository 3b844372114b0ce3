package dev.trainyard.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ReleasePlanner;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semver bump decided from real commit messages, read by the real parser and collector. */
class SemverFromCommitsTest {
  @TempDir Path tmp;

  NextVersion next(String prefix) {
    try (GitRepository repo = GitRepository.open(tmp)) {
      return new ReleasePlanner(VersionCalculatorTest.SATURDAY, Reporter.silent()).nextVersion(repo,
          new NextVersionRequest(new VersionScheme.Semver(prefix, null, null), false, null, "main", null, false));
    }
  }

  GitFixture at(String version) {
    GitFixture fx = GitFixture.init(tmp);
    fx.commit("chore: start", "src/lib.rs", "0");
    fx.tag(version);
    return fx;
  }

  @Test
  void bangMarksABreakingChange() {
    try (GitFixture fx = at("1.4.2")) {
      fx.commit("fix: small", "src/lib.rs", "1");
      fx.commit("feat(api)!: remove the v1 endpoints", "src/lib.rs", "2");
      assertThat(next("").version()).isEqualTo("2.0.0");
    }
  }

  @Test
  void aBreakingChangeFooterMarksABreakingChange() {
    try (GitFixture fx = at("1.4.2")) {
      fx.commit("fix(db): new schema\n\nBREAKING CHANGE: run the migration first", "src/lib.rs", "1");
      assertThat(next("").version()).isEqualTo("2.0.0");
    }
  }

  @Test
  void belowOneABreakingChangeIsAMinorAndAFeatureAPatch() {
    try (GitFixture fx = at("0.13.1")) {
      fx.commit("feat!: new storage format", "src/lib.rs", "1");
      assertThat(next("").version()).isEqualTo("0.14.0");
    }
    try (GitFixture fx = GitFixture.init(tmp.resolve("b"))) {
      fx.commit("chore: start", "a", "0");
      fx.tag("0.13.1");
      fx.commit("feat: a feature", "a", "1");
      try (GitRepository repo = GitRepository.open(tmp.resolve("b"))) {
        assertThat(new ReleasePlanner(VersionCalculatorTest.SATURDAY, Reporter.silent()).nextVersion(repo,
            new NextVersionRequest(new VersionScheme.Semver("", null, null), false, null, "main", null, false))
            .version()).isEqualTo("0.13.2");
      }
    }
  }

  @Test
  void featIsMinorAndEverythingElsePatch() {
    try (GitFixture fx = at("v2.3.4")) {
      fx.commit("docs: typo", "README.md", "x");
      assertThat(next("v").tag()).isEqualTo("v2.3.5");
      fx.commit("feat(ui): dark mode", "src/ui.rs", "1");
      NextVersion next = next("v");
      assertThat(next.tag()).isEqualTo("v2.4.0");
      assertThat(next.bump()).isEqualTo(Bump.MINOR);
      assertThat(next.branch()).isEqualTo("release/2.4");
    }
  }

  @Test
  void aReleaseAsFooterWins() {
    try (GitFixture fx = at("1.4.2")) {
      fx.commit("chore: prepare the big one\n\nRelease-As: 3.0.0", "src/lib.rs", "1");
      fx.commit("fix: after", "src/lib.rs", "2");
      NextVersion next = next("");
      assertThat(next.version()).isEqualTo("3.0.0");
      assertThat(next.bump()).isNull();
    }
  }
}
