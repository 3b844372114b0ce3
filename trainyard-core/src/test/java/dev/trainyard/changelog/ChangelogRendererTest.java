package dev.trainyard.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangelogRendererTest {
  private static final ChangelogRelease RELEASE =
      new ChangelogRelease("1.3.0", "v1.3.0", "1.2.0", "v1.2.0", LocalDate.parse("2026-03-10"));
  private static final ChangelogRelease FIRST =
      new ChangelogRelease("0.1.0", "v0.1.0", null, null, LocalDate.parse("2026-03-10"));

  private static String section(ChangelogFormat format, ChangelogRelease release) {
    return ChangelogRenderer.render(format, release, ChangelogGoldenTest.sampleCommits(), ChangelogGoldenTest.GHE);
  }

  // ------------------------------------------------------------ format names

  @Test
  void formatNamesAreLenient() {
    assertThat(ChangelogFormat.parse("FXA")).isEqualTo(ChangelogFormat.FXA);
    assertThat(ChangelogFormat.parse(" clog ")).isEqualTo(ChangelogFormat.CLOG);
    assertThat(ChangelogFormat.parse("keep-a-changelog")).isEqualTo(ChangelogFormat.KEEPACHANGELOG);
    assertThat(ChangelogFormat.parse("Keep_A_Changelog")).isEqualTo(ChangelogFormat.KEEPACHANGELOG);
  }

  @Test
  void unknownFormatListsTheValidOnes() {
    assertThatThrownBy(() -> ChangelogFormat.parse("markdown"))
        .isInstanceOf(TrainyardException.class)
        .hasMessage("unknown changelog format 'markdown' (valid: fxa, clog, keepachangelog)")
        .extracting(e -> ((TrainyardException) e).kind())
        .isEqualTo(FailureKind.INVALID_INPUT);
    assertThatThrownBy(() -> ChangelogFormat.parse(null)).hasMessageContaining("valid: fxa, clog, keepachangelog");
  }

  // ------------------------------------------------------------ fxa

  @Test
  void fxaSectionGoesAboveThePreviousVersionHeading() {
    String existing = "## 1.2.0\n\n### Bug fixes\n\n- old fix ([abc1234](u))\n\n## 1.1.0\n\nNo changes.\n";
    String section = "## 1.3.0\n\nNo changes.\n\n";
    String result = ChangelogRenderer.insert(ChangelogFormat.FXA, existing, section, RELEASE);
    assertThat(result).isEqualTo(section + existing);
  }

  @Test
  void fxaFindsThePreviousHeadingBelowOtherText() {
    String existing = "# Change history\n\nSome words.\n\n## 1.2.1\n\nNo changes.\n\n## 1.2.0\n\nNo changes.\n";
    String section = "## 1.3.0\n\nNo changes.\n\n";
    String result = ChangelogRenderer.insert(ChangelogFormat.FXA, existing, section, RELEASE);
    // the previous *release* of this train is 1.2.0, but a newer patch heading sits above it: the
    // previous version named by the release wins, as the real release script does
    assertThat(result).isEqualTo(
        "# Change history\n\nSome words.\n\n## 1.2.1\n\nNo changes.\n\n## 1.3.0\n\nNo changes.\n\n## 1.2.0\n\nNo changes.\n");
  }

  @Test
  void fxaWithoutThePreviousHeadingGoesAboveTheFirstVersion() {
    String existing = "# Changes\n\n## 0.9.0\n\nNo changes.\n";
    String result = ChangelogRenderer.insert(ChangelogFormat.FXA, existing, "## 1.3.0\n\nNo changes.\n\n", RELEASE);
    assertThat(result).isEqualTo("# Changes\n\n## 1.3.0\n\nNo changes.\n\n## 0.9.0\n\nNo changes.\n");
  }

  @Test
  void fxaNewFileAndTitleOnlyFile() {
    String section = section(ChangelogFormat.FXA, RELEASE);
    assertThat(ChangelogRenderer.insert(ChangelogFormat.FXA, null, section, RELEASE)).isEqualTo(section);
    assertThat(ChangelogRenderer.insert(ChangelogFormat.FXA, "# Changes", section, RELEASE))
        .isEqualTo("# Changes\n\n" + section);
  }

  @Test
  void headingsInsideCodeFencesAreNotSections() {
    String existing = "Intro\n\n```\n## 1.2.0\n```\n\n## 1.2.0\n\nNo changes.\n";
    String result = ChangelogRenderer.insert(ChangelogFormat.FXA, existing, "## 1.3.0\n\nNo changes.\n\n", RELEASE);
    assertThat(result).isEqualTo("Intro\n\n```\n## 1.2.0\n```\n\n## 1.3.0\n\nNo changes.\n\n## 1.2.0\n\nNo changes.\n");
  }

  @Test
  void aVersionHeadingInsideACodeFenceIsNotTheSection() {
    String existing = "```\n## 1.3.0\n```\n\n## 1.2.0\n\nNo changes.\n";
    assertThat(ChangelogRenderer.hasSection(ChangelogFormat.FXA, existing, "1.3.0")).isFalse();
    assertThat(ChangelogRenderer.insert(ChangelogFormat.FXA, existing, "## 1.3.0\n\nNo changes.\n\n", RELEASE))
        .isEqualTo("```\n## 1.3.0\n```\n\n## 1.3.0\n\nNo changes.\n\n## 1.2.0\n\nNo changes.\n");
  }

  @Test
  void insertIsIdempotentForEveryFormat() {
    for (ChangelogFormat format : ChangelogFormat.values()) {
      String section = section(format, RELEASE);
      String once = ChangelogRenderer.insert(format, null, section, RELEASE);
      String twice = ChangelogRenderer.insert(format, once, section, RELEASE);
      assertThat(twice).as(format.id()).isSameAs(once);
      assertThat(ChangelogRenderer.hasSection(format, once, "1.3.0")).as(format.id()).isTrue();
      assertThat(ChangelogRenderer.hasSection(format, once, "1.3")).as(format.id()).isFalse();
    }
  }

  @Test
  void crlfFilesStayCrlf() {
    String existing = "## 1.2.0\r\n\r\nNo changes.\r\n";
    String result = ChangelogRenderer.insert(ChangelogFormat.FXA, existing, "## 1.3.0\n\nNo changes.\n\n", RELEASE);
    assertThat(result).isEqualTo("## 1.3.0\r\n\r\nNo changes.\r\n\r\n## 1.2.0\r\n\r\nNo changes.\r\n");
  }

  @Test
  void fxaLeavesReleaseCommitsOut() {
    String section = section(ChangelogFormat.FXA, RELEASE);
    assertThat(section).doesNotContain("Release 1.2.0");
    assertThat(section(ChangelogFormat.CLOG, RELEASE)).doesNotContain("Release 1.2.0");
  }

  // ------------------------------------------------------------ clog

  @Test
  void clogSectionGoesAboveTheFirstAnchor() {
    String existing = "<a name=\"1.2.0\"></a>\n## 1.2.0 (2026-02-01)\n\n\n#### Chore\n\n*   tidy (abcdef12)\n\n\n\n";
    String section = section(ChangelogFormat.CLOG, RELEASE);
    assertThat(ChangelogRenderer.insert(ChangelogFormat.CLOG, existing, section, RELEASE))
        .isEqualTo(section + existing);
  }

  @Test
  void clogKeepsATitleAboveTheFirstSection() {
    String existing = "# Changelog\n\n";
    String section = section(ChangelogFormat.CLOG, FIRST);
    assertThat(ChangelogRenderer.insert(ChangelogFormat.CLOG, existing, section, FIRST))
        .isEqualTo("# Changelog\n\n" + section);
    assertThat(ChangelogRenderer.insert(ChangelogFormat.CLOG, "# Changelog\n\nnotes\n", section, FIRST))
        .isEqualTo("# Changelog\n\n" + section + "notes\n");
    assertThat(ChangelogRenderer.insert(ChangelogFormat.CLOG, "notes\n", section, FIRST)).isEqualTo(section + "notes\n");
  }

  @Test
  void clogBreakingChangeIsListedTwiceLikeClog() {
    String section = section(ChangelogFormat.CLOG, RELEASE);
    assertThat(section.split("new settings URL scheme", -1)).hasSize(3);
  }

  // ------------------------------------------------------------ keepachangelog

  private static final String KAC_EXISTING = """
      # Changelog

      All notable changes to this project will be documented in this file.

      ## [Unreleased]

      ### Added

      - work in progress

      ## [1.2.0] - 2026-02-01

      ### Fixed

      - old bug

      [unreleased]: https://github.example.com/accounts/trainyard-demo/compare/v1.2.0...HEAD
      [1.2.0]: https://github.example.com/accounts/trainyard-demo/compare/v1.1.0...v1.2.0
      """;

  @Test
  void keepAChangelogGoesAboveTheFirstVersionAndUpdatesLinks() {
    String section = "## [1.3.0] - 2026-03-10\n\nNo notable changes.\n\n";
    String result = ChangelogRenderer.insert(ChangelogFormat.KEEPACHANGELOG, KAC_EXISTING, section, RELEASE);
    assertThat(result).isEqualTo("""
        # Changelog

        All notable changes to this project will be documented in this file.

        ## [Unreleased]

        ### Added

        - work in progress

        ## [1.3.0] - 2026-03-10

        No notable changes.

        ## [1.2.0] - 2026-02-01

        ### Fixed

        - old bug

        [unreleased]: https://github.example.com/accounts/trainyard-demo/compare/v1.3.0...HEAD
        [1.3.0]: https://github.example.com/accounts/trainyard-demo/compare/v1.2.0...v1.3.0
        [1.2.0]: https://github.example.com/accounts/trainyard-demo/compare/v1.1.0...v1.2.0
        """);
    assertThat(ChangelogRenderer.insert(ChangelogFormat.KEEPACHANGELOG, result, section, RELEASE)).isSameAs(result);
  }

  @Test
  void keepAChangelogWithoutUnreleasedLinkAddsAboveThePreviousLink() {
    String existing = "## [1.2.0] - 2026-02-01\n\n- x\n\n[1.2.0]: https://h/o/r/compare/v1.1.0...v1.2.0\n";
    String result = ChangelogRenderer.insert(
        ChangelogFormat.KEEPACHANGELOG, existing, "## [1.3.0] - 2026-03-10\n\nNo notable changes.\n\n", RELEASE);
    assertThat(result).isEqualTo("## [1.3.0] - 2026-03-10\n\nNo notable changes.\n\n## [1.2.0] - 2026-02-01\n\n- x\n\n"
        + "[1.3.0]: https://h/o/r/compare/v1.2.0...v1.3.0\n[1.2.0]: https://h/o/r/compare/v1.1.0...v1.2.0\n");
  }

  @Test
  void keepAChangelogWithoutLinksStaysWithoutLinks() {
    String existing = "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-02-01\n\n- x\n";
    String result = ChangelogRenderer.insert(
        ChangelogFormat.KEEPACHANGELOG, existing, "## [1.3.0] - 2026-03-10\n\nNo notable changes.\n\n", RELEASE);
    assertThat(result).isEqualTo(
        "# Changelog\n\n## [Unreleased]\n\n## [1.3.0] - 2026-03-10\n\nNo notable changes.\n\n## [1.2.0] - 2026-02-01\n\n- x\n");
  }

  @Test
  void keepAChangelogFirstReleaseBelowUnreleasedAndAboveTheLinks() {
    String existing = "# Changelog\n\n## [Unreleased]\n\n[unreleased]: https://h/o/r/compare/v0.0.0...HEAD\n";
    String result = ChangelogRenderer.insert(
        ChangelogFormat.KEEPACHANGELOG, existing, "## [0.1.0] - 2026-03-10\n\nNo notable changes.\n\n", FIRST);
    assertThat(result).isEqualTo("# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-03-10\n\nNo notable changes.\n\n"
        + "[unreleased]: https://h/o/r/compare/v0.1.0...HEAD\n[0.1.0]: https://h/o/r/releases/tag/v0.1.0\n");
  }

  @Test
  void keepAChangelogNewFileGetsTheStandardHeaderAndLinks() {
    String section = "## [1.3.0] - 2026-03-10\n\nNo notable changes.\n\n";
    String created = ChangelogRenderer.insert(ChangelogFormat.KEEPACHANGELOG, null, section, RELEASE, ChangelogGoldenTest.GHE);
    assertThat(created)
        .startsWith("# Changelog\n\nAll notable changes")
        .contains("[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)")
        .contains("## [Unreleased]\n\n" + section)
        .endsWith("[unreleased]: https://github.example.com/accounts/trainyard-demo/compare/v1.3.0...HEAD\n"
            + "[1.3.0]: https://github.example.com/accounts/trainyard-demo/compare/v1.2.0...v1.3.0\n");
    assertThat(ChangelogRenderer.insert(ChangelogFormat.KEEPACHANGELOG, null, section, RELEASE)).doesNotContain("]: ");
  }

  @Test
  void keepAChangelogTypeMapping() {
    assertThat(kac("feat: a")).isEqualTo("Added");
    assertThat(kac("fix: a")).isEqualTo("Fixed");
    assertThat(kac("fix(security): a")).isEqualTo("Security");
    assertThat(kac("security: a")).isEqualTo("Security");
    assertThat(kac("perf: a")).isEqualTo("Changed");
    assertThat(kac("refactor: a")).isEqualTo("Changed");
    assertThat(kac("deprecate: a")).isEqualTo("Deprecated");
    assertThat(kac("Revert \"feat: a\"")).isEqualTo("Removed");
    assertThat(kac("chore: a")).isNull();
    assertThat(kac("docs: a")).isNull();
    assertThat(kac("chore!: drop node 16")).isEqualTo("Changed");
  }

  private static String kac(String message) {
    return ChangelogRenderer.keepAChangelogSection(ConventionalCommitParser.parse(message, "a".repeat(40), null, null));
  }

  @Test
  void noLinksWhenTheLinksObjectIsNull() {
    String section = ChangelogRenderer.render(ChangelogFormat.FXA, RELEASE, ChangelogGoldenTest.sampleCommits(), null);
    assertThat(section).doesNotContain("](").contains("(00c0ffe)");
  }

  @Test
  void renderAndInsertIntoARealLookingFxaFile() {
    List<ConventionalCommit> commits = ChangelogGoldenTest.sampleCommits().subList(0, 2);
    String section = ChangelogRenderer.render(ChangelogFormat.FXA, RELEASE, commits, ChangelogGoldenTest.GHE);
    String existing = "## 1.2.0\n\nNo changes.\n";
    String result = ChangelogRenderer.insert(ChangelogFormat.FXA, existing, section, RELEASE);
    assertThat(result).startsWith("## 1.3.0\n\n### New features\n\n- auth: add passkey login (#101) ([00c0ffe](")
        .contains("### Bug fixes\n\n- crash on empty password (#102) ([01c0ffe](")
        .endsWith("))\n\n## 1.2.0\n\nNo changes.\n");
  }
}
