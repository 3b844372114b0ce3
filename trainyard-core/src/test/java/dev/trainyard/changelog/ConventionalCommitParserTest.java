package dev.trainyard.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConventionalCommitParserTest {
  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
  private static final Instant WHEN = Instant.parse("2026-03-01T12:00:00Z");

  private static ConventionalCommit parse(String message) {
    return ConventionalCommitParser.parse(message, HASH, "Ada", WHEN);
  }

  @Test
  void readsTypeScopeAndSubject() {
    ConventionalCommit c = parse("feat(auth): add TOTP recovery codes");
    assertThat(c.type()).isEqualTo("feat");
    assertThat(c.scope()).isEqualTo("auth");
    assertThat(c.subject()).isEqualTo("add TOTP recovery codes");
    assertThat(c.breaking()).isFalse();
    assertThat(c.pr()).isNull();
    assertThat(c.hash()).isEqualTo(HASH);
    assertThat(c.shortHash()).isEqualTo("0123456");
    assertThat(c.author()).isEqualTo("Ada");
    assertThat(c.date()).isEqualTo(WHEN);
  }

  @Test
  void typeIsLowerCasedAndScopeIsOptional() {
    ConventionalCommit c = parse("Fix: handle empty body");
    assertThat(c.type()).isEqualTo("fix");
    assertThat(c.scope()).isNull();
    assertThat(c.subject()).isEqualTo("handle empty body");
  }

  @Test
  void bangMarksBreaking() {
    assertThat(parse("feat!: drop node 16").breaking()).isTrue();
    ConventionalCommit scoped = parse("refactor(db)!: rename columns");
    assertThat(scoped.breaking()).isTrue();
    assertThat(scoped.scope()).isEqualTo("db");
    assertThat(scoped.breakingNote()).isNull();
  }

  @Test
  void breakingChangeFooterWithSpaceOrHyphen() {
    ConventionalCommit spaced =
        parse("feat(api): new paging\n\nLonger text.\n\nBREAKING CHANGE: the `page` parameter is gone\nuse `cursor`\nRefs: #12");
    assertThat(spaced.breaking()).isTrue();
    assertThat(spaced.breakingNote()).isEqualTo("the `page` parameter is gone\nuse `cursor`");

    ConventionalCommit hyphen = parse("fix: x\n\nBREAKING-CHANGE: config key renamed");
    assertThat(hyphen.breaking()).isTrue();
    assertThat(hyphen.breakingNote()).isEqualTo("config key renamed");
  }

  @Test
  void lowerCaseBreakingChangeIsNotAFooter() {
    assertThat(parse("fix: x\n\nbreaking change: none").breaking()).isFalse();
  }

  @Test
  void releaseAsFooter() {
    assertThat(parse("chore: release\n\nRelease-As: 2.0.0").releaseAs()).isEqualTo("2.0.0");
    assertThat(parse("chore: release\n\nrelease-as: v3.1.0-rc.1").releaseAs()).isEqualTo("3.1.0-rc.1");
    assertThat(parse("chore: release\n\nRelease-As: soon").releaseAs()).isNull();
  }

  @Test
  void trailingPullRequestNumberOfSquashMerges() {
    ConventionalCommit c = parse("fix(tokenserver): use ms for generation (#2366)\n\n* wip\n* review");
    assertThat(c.pr()).isEqualTo(2366);
    assertThat(c.subject()).isEqualTo("use ms for generation");
    assertThat(c.body()).isEqualTo("* wip\n* review");
  }

  @Test
  void onlyTheLastParenthesisedNumberIsThePullRequest() {
    ConventionalCommit c = parse("fix: revert \"feat: x (#10)\" (#11)");
    assertThat(c.pr()).isEqualTo(11);
    assertThat(c.subject()).isEqualTo("revert \"feat: x (#10)\"");
  }

  @Test
  void githubMergeCommitUsesThePullRequestTitle() {
    ConventionalCommit c =
        parse("Merge pull request #123 from alice/feature-x\n\nfeat(content): new settings page\n\nCloses #99");
    assertThat(c.pr()).isEqualTo(123);
    assertThat(c.type()).isEqualTo("feat");
    assertThat(c.scope()).isEqualTo("content");
    assertThat(c.subject()).isEqualTo("new settings page");
    assertThat(c.closes()).containsExactly(99);
  }

  @Test
  void githubMergeCommitWithoutBodyKeepsItsHeader() {
    ConventionalCommit c = parse("Merge pull request #7 from alice/x");
    assertThat(c.pr()).isEqualTo(7);
    assertThat(c.type()).isEqualTo(ConventionalCommitParser.OTHER);
    assertThat(c.subject()).isEqualTo("Merge pull request #7 from alice/x");
  }

  @Test
  void closingKeywords() {
    ConventionalCommit c = parse("fix: a\n\nFixes #1\nCloses #2, #3\nresolves: #4\nSee #5");
    assertThat(c.closes()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void nonConventionalMessageBecomesOther() {
    ConventionalCommit c = parse("Update README.md");
    assertThat(c.type()).isEqualTo("other");
    assertThat(c.scope()).isNull();
    assertThat(c.subject()).isEqualTo("Update README.md");
  }

  @Test
  void aUrlIsNotAType() {
    assertThat(parse("https://example.com is down").type()).isEqualTo("other");
  }

  @Test
  void nonAscii() {
    ConventionalCommit c = parse("feat(l10n): übersetzung für 日本語 ✓ (#42)");
    assertThat(c.type()).isEqualTo("feat");
    assertThat(c.scope()).isEqualTo("l10n");
    assertThat(c.subject()).isEqualTo("übersetzung für 日本語 ✓");
    assertThat(c.pr()).isEqualTo(42);
    assertThat(parse("修复: 登录").type()).isEqualTo("other");
  }

  @Test
  void crlfLineEndings() {
    ConventionalCommit c = parse("fix(db): close pool (#8)\r\n\r\nDetails\r\n\r\nBREAKING CHANGE: pool size\r\nFixes #9\r\n");
    assertThat(c.subject()).isEqualTo("close pool");
    assertThat(c.pr()).isEqualTo(8);
    assertThat(c.breaking()).isTrue();
    assertThat(c.breakingNote()).isEqualTo("pool size");
    assertThat(c.closes()).containsExactly(9);
    assertThat(c.body()).doesNotContain("\r");
  }

  @Test
  void revertCommitOfAConventionalCommit() {
    ConventionalCommit c = parse("Revert \"feat(auth): add passkeys\"\n\nThis reverts commit abc.");
    assertThat(c.type()).isEqualTo("revert");
    assertThat(c.scope()).isEqualTo("auth");
    assertThat(c.subject()).isEqualTo("add passkeys");
  }

  @Test
  void revertCommitOfAPlainCommitAndSquashedRevert() {
    assertThat(parse("Revert \"Update deps\"").subject()).isEqualTo("Update deps");
    ConventionalCommit squashed = parse("Revert \"fix: flaky test (#5)\" (#6)");
    assertThat(squashed.type()).isEqualTo("revert");
    assertThat(squashed.pr()).isEqualTo(6);
  }

  @Test
  void conventionalRevertType() {
    ConventionalCommit c = parse("revert: let us never speak of it\n\nRefs: 676104e");
    assertThat(c.type()).isEqualTo("revert");
    assertThat(c.subject()).isEqualTo("let us never speak of it");
  }

  @Test
  void emptyMessage() {
    ConventionalCommit c = parse("");
    assertThat(c.type()).isEqualTo("other");
    assertThat(c.subject()).isEmpty();
    assertThat(parse(null).subject()).isEmpty();
  }

  @Test
  void emptyScopeIsNoScope() {
    assertThat(parse("chore(): tidy").scope()).isNull();
  }
}
