package dev.trainyard.release;

import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;

/** Histories shared by the release tests. */
final class ReleaseTestRepos {
  private ReleaseTestRepos() {}

  static final String AUTH_CHANGELOG = "# Change history\n\n## 1.10.0\n\n### Bug fixes\n\n- auth: old fix (abc1234)\n";
  static final String CONTENT_CHANGELOG = "# Change history\n\n## 1.10.0\n\nNo changes.\n";

  static ReleaseConfig monorepoConfig() {
    return new ReleaseConfig(null, null, null, null, null, null, null, null, null, null, "accounts",
        List.of(new ReleaseConfig.PackageConfig("packages/auth", null, null, null),
            new ReleaseConfig.PackageConfig("packages/content", null, null, null),
            new ReleaseConfig.PackageConfig("packages/profile", null, null, null)));
  }

  /** A train monorepo at v1.10.0 with work in two of three packages since. */
  static GitFixture trainMonorepo(Path dir) {
    GitFixture fx = GitFixture.init(dir);
    fx.commit("chore: initial", "packages/auth/CHANGELOG.md", AUTH_CHANGELOG,
        "packages/content/CHANGELOG.md", CONTENT_CHANGELOG, "packages/profile/CHANGELOG.md", CONTENT_CHANGELOG,
        "packages/auth/index.js", "1", "packages/content/index.js", "1", "packages/profile/index.js", "1");
    fx.tag("v1.10.0");
    fx.tag("v1.10.0-private");
    fx.commit("feat(auth): sign in with passkeys (#101)", "packages/auth/index.js", "2");
    fx.commit("fix(content): Übersetzung für „Konto“ korrigiert", "packages/content/index.js", "2");
    fx.branch("feature-x");
    fx.commit("perf(auth): faster token check", "packages/auth/token.js", "1");
    fx.checkout("main");
    fx.merge("feature-x", "Merge pull request #102 from feature-x");
    fx.lightweightTag("v1.10.0-feature");
    fx.commit("docs: readme", "README.md", "hello");
    return fx;
  }
}
