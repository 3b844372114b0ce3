package dev.trainyard.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionCalculatorTest {
  /** A Saturday. */
  static final Clock SATURDAY = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  final List<String> warnings = new ArrayList<>();
  final Reporter reporter = new Reporter() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
      warnings.add(message);
    }
  };
  final VersionCalculator calculator = new VersionCalculator(SATURDAY, reporter);

  static final ConventionalHistory NO_HISTORY = (from, to) -> List.of();

  NextVersion next(NextVersionRequest request) {
    return next(request, NO_HISTORY);
  }

  NextVersion next(NextVersionRequest request, ConventionalHistory history) {
    try (GitRepository repo = GitRepository.open(tmp)) {
      return calculator.next(repo, request, history);
    }
  }

  static NextVersionRequest train(boolean patch) {
    return new NextVersionRequest(new VersionScheme.Train(1), patch, null, "main", null, false);
  }

  /** A train repository where every kind of confusing tag exists. */
  GitFixture mixedTrainRepository() {
    GitFixture fx = GitFixture.init(tmp);
    fx.commit("chore: initial", "README.md", "hi");
    fx.tag("v0.99.4");                                   // an older scheme
    fx.commit("feat(auth): login", "packages/auth/a.js", "1");
    fx.tag("v1.10.0");
    fx.branch("train-10");
    fx.commit("Release 1.10.0", "packages/auth/CHANGELOG.md", "x");
    fx.tag("v1.10.1");
    fx.tag("v1.10.1-private");
    fx.checkout("main");
    fx.merge("train-10", "Merge train-10 into main");
    fx.commit("feat(content): new page", "packages/content/b.js", "1");
    fx.lightweightTag("v1.11.0");                        // lightweight train tag
    fx.commit("fix(content): typo", "packages/content/b.js", "2");
    fx.tag("v1.99.0-feature");                           // feature tag: hyphenated, ignored
    fx.lightweightTag("2026.01.07");                     // a date tag from another tool
    fx.commit("fix: more", "packages/content/b.js", "3");
    return fx;
  }

  @Test
  void regularTrainIsHighestTrainPlusOneIgnoringHyphenatedAndOtherSchemes() {
    try (GitFixture fx = mixedTrainRepository()) {
      NextVersion next = next(train(false));
      assertThat(next.version()).isEqualTo("1.12.0");
      assertThat(next.tag()).isEqualTo("v1.12.0");
      assertThat(next.branch()).isEqualTo("train-12");
      assertThat(next.previousTag()).isEqualTo("v1.11.0");
      assertThat(next.createsBranch()).isTrue();
      assertThat(next.patch()).isFalse();
    }
  }

  @Test
  void regularTrainCountsTagsThatAreNotOnTheCurrentBranch() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("v1.20.0");
      fx.branch("train-21");
      fx.commit("Release 1.21.0", "a", "2");
      fx.tag("v1.21.0");                                  // never merged back
      fx.checkout("main");
      fx.commit("feat: b", "b", "1");
      NextVersion next = next(train(false));
      assertThat(next.version()).isEqualTo("1.22.0");
      assertThat(next.previousTag()).isEqualTo("v1.20.0");
      assertThat(warnings).singleElement().asString().contains("v1.21.0 is not in the history of HEAD");
    }
  }

  @Test
  void patchOnTrainBranchWhileMainHasNewerTrains() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.branch("train-100");
      fx.commit("Release 1.100.0", "a", "2");
      fx.tag("v1.100.0");
      fx.commit("fix: hot", "a", "3");
      fx.tag("v1.100.1");
      fx.checkout("main");
      fx.merge("train-100", "Merge train-100");
      fx.commit("feat: next", "b", "1");
      fx.branch("train-101");
      fx.commit("Release 1.101.0", "b", "2");
      fx.tag("v1.101.0");
      fx.checkout("main");
      fx.commit("feat: after", "c", "1");
      fx.tag("v1.102.0");
      fx.checkout("train-100");
      fx.commit("fix(auth): cherry-picked", "a", "4");
      NextVersion next = next(train(true));
      assertThat(next.version()).isEqualTo("1.100.2");
      assertThat(next.previousTag()).isEqualTo("v1.100.1");
      assertThat(next.branch()).isEqualTo("train-100");
      assertThat(next.patch()).isTrue();
      assertThat(next.createsBranch()).isFalse();
    }
  }

  @Test
  void patchIsRefusedOnMainAndRegularIsRefusedOnATrainBranch() {
    try (GitFixture fx = mixedTrainRepository()) {
      assertThatThrownBy(() -> next(train(true)))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
            assertThat(e.getMessage()).isEqualTo("--patch runs on a train-N branch, but main is checked out");
          });
      fx.checkout("train-10");
      assertThatThrownBy(() -> next(train(false)))
          .hasMessage("a regular train is cut from main, but train-10 is checked out")
          .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.hint()).contains("--patch"));
    }
  }

  @Test
  void emptyRangeIsRefusedAndMergeCommitsAloneDoNotCount() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("v1.5.0");
      assertThatThrownBy(() -> next(train(false))).hasMessage("HEAD is already released as v1.5.0; nothing committed since");
      fx.branch("train-5");
      fx.commit("Release 1.5.1", "a", "2");
      fx.tag("v1.5.1");
      fx.checkout("main");
      fx.merge("train-5", "Merge train-5 into main");
      assertThatThrownBy(() -> next(train(false))).hasMessageStartingWith("nothing committed since v1.5.1");
      fx.commit("fix: real work", "b", "1");
      assertThat(next(train(false)).version()).isEqualTo("1.6.0");
    }
  }

  @Test
  void tagPatternNarrowsWhichTagsCountAndABadPatternIsOneLine() {
    try (GitFixture fx = mixedTrainRepository()) {
      fx.lightweightTag("v1.5000.0");                    // a typo tag someone pushed by mistake
      fx.commit("fix: after the typo", "packages/content/b.js", "4");
      assertThat(next(train(false)).version()).isEqualTo("1.5001.0");
      NextVersionRequest threeDigits = new NextVersionRequest(new VersionScheme.Train(1), false, null, "main",
          NextVersionRequest.compileTagPattern("v1\\.\\d{1,3}\\.\\d+", "release.tag-pattern"), false);
      assertThat(next(threeDigits).version()).isEqualTo("1.12.0");
      assertThatThrownBy(() -> NextVersionRequest.compileTagPattern("v1.(", "release.tag-pattern"))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
            assertThat(e.getMessage()).startsWith("release.tag-pattern: invalid regular expression 'v1.(': ")
                .doesNotContain("\n");
          });
    }
  }

  @Test
  void unknownSchemeIsOneLine() {
    assertThatThrownBy(() -> SchemeName.parse("calver", "--scheme"))
        .hasMessage("--scheme: unknown scheme 'calver' (expected train, date or semver)");
  }

  @Test
  void aRepositoryWithoutTrainTagsNeedsFirstRelease() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("2026.01.01");
      assertThatThrownBy(() -> next(train(false))).hasMessageStartingWith("no release tag of the form v1.N.P");
      NextVersion first = next(new NextVersionRequest(new VersionScheme.Train(1), false, null, "main", null, true));
      assertThat(first.tag()).isEqualTo("v1.1.0");
      assertThat(first.previousTag()).isNull();
    }
  }

  @Test
  void alreadyReleasedIsFoundOnTheTagAndOnTheCommitCutFromHead() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("v1.1.0");
      fx.commit("feat: b", "b", "1");
      fx.branch("train-2");
      fx.commit("Release 1.2.0", "b", "2");
      fx.tag("v1.2.0");
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThat(calculator.existingRelease(repo, train(false))).get().extracting(t -> t.name()).isEqualTo("v1.2.0");
      }
      fx.checkout("main");
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThat(calculator.existingRelease(repo, train(false))).get().extracting(t -> t.name()).isEqualTo("v1.2.0");
      }
    }
  }

  /** A tag named {@code name} on an object that is not a commit: the commit's tree, or a blob. */
  static void tagNonCommit(GitFixture fx, String name, boolean blob, boolean annotated) {
    try {
      var repository = fx.repository();
      org.eclipse.jgit.lib.ObjectId target;
      try (var inserter = repository.newObjectInserter()) {
        target = blob ? inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, "not a release\n".getBytes())
            : repository.resolve("HEAD^{tree}");
        if (annotated) {
          var tag = new org.eclipse.jgit.lib.TagBuilder();
          tag.setObjectId(target, blob ? org.eclipse.jgit.lib.Constants.OBJ_BLOB : org.eclipse.jgit.lib.Constants.OBJ_TREE);
          tag.setTag(name);
          tag.setTagger(fx.ident());
          tag.setMessage("odd tag\n");
          target = inserter.insert(tag);
        }
        inserter.flush();
      }
      var update = repository.updateRef("refs/tags/" + name);
      update.setNewObjectId(target);
      assertThat(update.forceUpdate()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.NEW);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyExistingTagNameIsTakenWhateverItPointsAt() {
    try (GitFixture fx = mixedTrainRepository()) {
      fx.commit("fix: after the train", "packages/auth/b.js", "2");
      tagNonCommit(fx, "v1.12.0", false, false);
      assertThatThrownBy(() -> next(train(false)))
          .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE))
          .hasMessage("tag v1.12.0 already exists and points at a tree, not a commit; the release cannot take its name");

      try {
        var delete = fx.repository().updateRef("refs/tags/v1.12.0");
        delete.setForceUpdate(true);
        assertThat(delete.delete()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.FORCED);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      tagNonCommit(fx, "v1.12.0", true, true);
      assertThatThrownBy(() -> next(train(false)))
          .hasMessageStartingWith("tag v1.12.0 already exists and points at a tag of a blob, not a commit");
    }
  }

  @Test
  void aDateTagOnABlobTakesTheDate() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("2026.11.19");
      fx.commit("fix: b", "b", "1");
      tagNonCommit(fx, "2026.11.26", true, false);
      assertThatThrownBy(() -> next(date(null)))
          .hasMessageStartingWith("tag 2026.11.26 already exists and points at a blob, not a commit");
    }
  }

  // --- date scheme ---

  static NextVersionRequest date(LocalDate date) {
    return new NextVersionRequest(new VersionScheme.Date(DayOfWeek.THURSDAY), false, date, "main", null, false);
  }

  @Test
  void dateDefaultsToTheNextPushDayAndRefusesPastDates() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("2026.11.19");
      fx.tag("v1.4.0");
      fx.commit("fix: b", "b", "1");
      NextVersion next = next(date(null));
      assertThat(next.tag()).isEqualTo("2026.11.26");
      assertThat(next.previousTag()).isEqualTo("2026.11.19");
      assertThat(next.patch()).isFalse();
      assertThat(next(date(LocalDate.of(2026, 11, 21))).tag()).isEqualTo("2026.11.21");
      assertThatThrownBy(() -> next(date(LocalDate.of(2026, 11, 20))))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
            assertThat(e.getMessage()).isEqualTo(
                "--date 2026-11-20 is before today (2026-11-21); a date tag names the day of the push");
          });
    }
  }

  @Test
  void sameDayReTagsAreCutFromThePreviousTagOnADetachedHead() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("a", "a", "1");
      fx.tag("2026.11.19");
      RevCommit tagged = fx.commit("feat: b", "b", "1");
      fx.tag("2026.11.26");
      fx.commit("feat: not ready", "c", "1");             // on master, not for this push
      fx.checkout(tagged.name());
      fx.commit("fix: cherry-picked", "b", "2");
      NextVersion retag = next(date(null));
      assertThat(retag.tag()).isEqualTo("2026.11.26-1");
      assertThat(retag.previousTag()).isEqualTo("2026.11.26");
      assertThat(retag.branch()).isNull();
      assertThat(retag.patch()).isTrue();
      fx.lightweightTag("2026.11.26-1");
      fx.commit("fix: second pick", "b", "3");
      assertThat(next(date(null)).tag()).isEqualTo("2026.11.26-2");
      fx.checkout("main");
      assertThatThrownBy(() -> next(date(null)))
          .hasMessage("tag 2026.11.26-1 already exists and HEAD does not contain it; a re-tag is cut from the previous tag");
    }
  }

  // --- semver scheme ---

  static NextVersionRequest semver(String prefix) {
    return new NextVersionRequest(new VersionScheme.Semver(prefix, null, null), false, null, "main", null, false);
  }

  static ConventionalCommit commit(String type, boolean breaking, String releaseAs) {
    return new ConventionalCommit(type, null, "x", "", breaking, null, null, releaseAs,
        "0123456789abcdef0123456789abcdef01234567", "A", Instant.EPOCH, List.of());
  }

  static ConventionalHistory history(ConventionalCommit... commits) {
    return (from, to) -> List.of(commits);
  }

  GitFixture squashMergedSemverRepository(String prefix) {
    GitFixture fx = GitFixture.init(tmp);
    fx.commit("feat: start", "src/a.rs", "1");
    fx.tag(prefix + "0.9.0");
    fx.commit("feat: more", "src/a.rs", "2");
    fx.branch("release/1.0");
    fx.commit("chore: tag 1.0.0", "CHANGELOG.md", "x");
    fx.tag(prefix + "1.0.0");
    fx.tag(prefix + "1.0.0-rc1");
    fx.checkout("main");
    fx.commit("chore: tag 1.0.0 (#40)", "CHANGELOG.md", "x");     // the squash-merged release PR
    fx.commit("fix: after", "src/a.rs", "3");
    fx.git().branchDelete().setBranchNames("release/1.0").setForce(true);
    try {
      fx.git().branchDelete().setBranchNames("release/1.0").setForce(true).call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return fx;
  }

  @Test
  void semverFindsTheSquashMergedTagThatIsNotAnAncestor() {
    try (GitFixture fx = squashMergedSemverRepository("")) {
      NextVersion next = next(semver(""), history(commit("fix", false, null)));
      assertThat(next.version()).isEqualTo("1.0.1");
      assertThat(next.tag()).isEqualTo("1.0.1");
      assertThat(next.previousTag()).isEqualTo("1.0.0");
      assertThat(next.branch()).isEqualTo("release/1.0");
      assertThat(next.bump()).isEqualTo(Bump.PATCH);
      assertThat(next(semver(""), history(commit("feat", false, null))).version()).isEqualTo("1.1.0");
      assertThat(next(semver(""), history(commit("fix", true, null))).version()).isEqualTo("2.0.0");
      assertThat(next(semver(""), history(commit("fix", false, "3.0.0"))).version()).isEqualTo("3.0.0");
    }
  }

  @Test
  void semverIgnoresDateTagsAndPreReleases() {
    try (GitFixture fx = squashMergedSemverRepository("")) {
      fx.lightweightTag("2026.11.19");
      fx.tag("1.1.0-beta.1");
      fx.commit("fix: more", "src/a.rs", "4");
      NextVersion next = next(semver(""), history(commit("fix", false, null)));
      assertThat(next.previousTag()).isEqualTo("1.0.0");
      assertThat(next.tag()).isEqualTo("1.0.1");
    }
  }

  @Test
  void semverWithVPrefixIgnoresUnprefixedTags() {
    try (GitFixture fx = squashMergedSemverRepository("v")) {
      fx.lightweightTag("7.0.0");
      NextVersion next = next(semver("v"), history(commit("feat", false, null)));
      assertThat(next.tag()).isEqualTo("v1.1.0");
      assertThat(next.previousTag()).isEqualTo("v1.0.0");
    }
  }

  @Test
  void belowOneTheConfiguredRuleApplies() {
    VersionScheme.Semver defaults = new VersionScheme.Semver("", null, null);
    SemanticVersion zero = new SemanticVersion(0, 4, 2);
    assertThat(VersionCalculator.decideBump(List.of(commit("feat", true, null)), zero, defaults)).isEqualTo(Bump.MINOR);
    assertThat(VersionCalculator.decideBump(List.of(commit("feat", false, null)), zero, defaults)).isEqualTo(Bump.PATCH);
    VersionScheme.Semver strict = new VersionScheme.Semver("", Bump.MAJOR, Bump.MINOR);
    assertThat(VersionCalculator.decideBump(List.of(commit("feat", true, null)), zero, strict)).isEqualTo(Bump.MAJOR);
    assertThat(VersionCalculator.decideBump(List.of(commit("feat", false, null)), zero, strict)).isEqualTo(Bump.MINOR);
    assertThat(VersionCalculator.decideBump(List.of(commit("docs", false, null)), zero, strict)).isEqualTo(Bump.PATCH);
  }

  @Test
  void releaseAsMustBeAboveThePreviousRelease() {
    try (GitFixture fx = squashMergedSemverRepository("")) {
      assertThatThrownBy(() -> next(semver(""), history(commit("fix", false, "0.5.0"))))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
            assertThat(e.getMessage()).isEqualTo(
                "commit 0123456: 'Release-As: 0.5.0' is not above the previous release 1.0.0");
          });
    }
  }

  @Test
  void semverPatchOnAReleaseBranch() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("feat: a", "a", "1");
      fx.branch("release/1.4");
      fx.commit("chore: tag 1.4.0", "a", "2");
      fx.tag("1.4.0");
      fx.checkout("main");
      fx.commit("feat: b", "b", "1");
      fx.tag("1.5.0");
      fx.checkout("release/1.4");
      fx.commit("fix: backport", "a", "3");
      NextVersion next = next(semver(""), history(commit("feat", false, null)));
      assertThat(next.version()).isEqualTo("1.4.1");
      assertThat(next.previousTag()).isEqualTo("1.4.0");
      assertThat(next.branch()).isEqualTo("release/1.4");
      assertThat(next.createsBranch()).isFalse();
      assertThat(warnings).anyMatch(w -> w.contains("only cuts patches"));
    }
  }
}
