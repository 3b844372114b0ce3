package dev.trainyard.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Commits in, Markdown out. The expected files live in {@code src/test/resources/changelog/golden};
 * after a deliberate format change, regenerate them with {@code -Dgolden.update=true} and review the
 * diff like any other code change.
 */
class ChangelogGoldenTest {

  static final RepositoryLinks GHE = new RepositoryLinks("https://github.example.com/", "accounts/trainyard-demo");
  static final RepositoryLinks UNKNOWN = new RepositoryLinks("https://github.com", null);
  static final ChangelogRelease RELEASE =
      new ChangelogRelease("1.3.0", "v1.3.0", "1.2.0", "v1.2.0", LocalDate.parse("2026-03-10"));

  /** A release's worth of commits, newest first, covering every type and message shape we handle. */
  static List<ConventionalCommit> sampleCommits() {
    String[] messages = {
      "feat(auth): add passkey login (#101)\n\nCloses #90",
      "fix: crash on empty password (#102)",
      "feat(content)!: new settings URL scheme\n\nBREAKING CHANGE: /settings moved to /account/settings",
      "perf(db): batch token lookups",
      "refactor(auth): split session module",
      "Revert \"feat(profile): avatars\"\n\nThis reverts commit 3f2a.",
      "chore(deps): bump left-pad from 1.0.0 to 1.1.0 (#103)",
      "chore(deps): bump right-pad from 3.0.0 to 4.0.0 (#104)",
      "docs: explain the release duty",
      "Update README.md",
      "Release 1.2.0",
      "test(l10n): Übersetzungstests für 日本語",
      "fix(security): escape the redirect URL\n\nFixes #95, #96",
      "ci: cache the maven repository",
      "feat(auth): remember the last used method",
    };
    List<ConventionalCommit> commits = new ArrayList<>();
    Instant when = Instant.parse("2026-03-09T12:00:00Z");
    for (int i = 0; i < messages.length; i++) {
      commits.add(ConventionalCommitParser.parse(messages[i], fakeHash(i), "Dev " + i, when.minusSeconds(600L * i)));
    }
    return commits;
  }

  static String fakeHash(int i) {
    String seed = String.format("%02d", i) + "c0ffee" + "1234567890abcdef";
    StringBuilder hash = new StringBuilder();
    while (hash.length() < 40) {
      hash.append(seed);
    }
    return hash.substring(0, 40);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "fxa.md, fxa, ghe, all",
    "fxa-nolinks.md, fxa, none, all",
    "fxa-empty.md, fxa, ghe, none",
    "clog.md, clog, ghe, all",
    "clog-nolinks.md, clog, none, all",
    "clog-empty.md, clog, ghe, none",
    "keepachangelog.md, keepachangelog, ghe, all",
    "keepachangelog-nolinks.md, keepachangelog, none, all",
    "keepachangelog-empty.md, keepachangelog, ghe, none",
  })
  void rendersTheGoldenSection(String golden, String format, String links, String commits) throws IOException {
    String actual = ChangelogRenderer.render(
        ChangelogFormat.parse(format),
        RELEASE,
        commits.equals("all") ? sampleCommits() : List.of(),
        links.equals("ghe") ? GHE : UNKNOWN);
    assertMatchesGolden(golden, actual);
  }

  static void assertMatchesGolden(String golden, String actual) throws IOException {
    String resource = "/changelog/golden/" + golden;
    if (Boolean.getBoolean("golden.update")) {
      Path target = Path.of("src/test/resources" + resource);
      Files.createDirectories(target.getParent());
      Files.writeString(target, actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = ChangelogGoldenTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("golden file %s", resource).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
