package dev.trainyard.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitCollectorTest {
  @TempDir Path dir;

  private static List<String> subjects(List<ConventionalCommit> commits) {
    return commits.stream().map(ConventionalCommit::subject).toList();
  }

  @Test
  void rangeIsNewestFirstAndExcludesFrom() {
    try (GitFixture git = GitFixture.init(dir)) {
      git.commit("chore: initial", "README.md", "x");
      RevCommit released = git.commit("feat: one", "a.txt", "1");
      git.tag("v1.1.0");
      git.commit("fix: two", "a.txt", "2");
      RevCommit head = git.commit("feat(ui): three", "b.txt", "3");

      List<ConventionalCommit> commits = CommitCollector.collect(git.repository(), released, head, List.of());

      assertThat(subjects(commits)).containsExactly("three", "two");
      assertThat(commits.get(0).hash()).isEqualTo(head.getName());
      assertThat(commits.get(0).scope()).isEqualTo("ui");
    }
  }

  @Test
  void nullFromStartsAtTheRoot() {
    try (GitFixture git = GitFixture.init(dir)) {
      git.commit("chore: initial", "README.md", "x");
      RevCommit head = git.commit("feat: one", "a.txt", "1");
      assertThat(subjects(CommitCollector.collect(git.repository(), null, head, List.of())))
          .containsExactly("one", "initial");
    }
  }

  @Test
  void emptyRange() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit head = git.commit("chore: initial", "README.md", "x");
      assertThat(CommitCollector.collect(git.repository(), head, head, List.of())).isEmpty();
    }
  }

  @Test
  void pathFilterKeepsOnlyCommitsTouchingThePackage() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit base = git.commit("chore: initial", "packages/auth/a.txt", "0", "packages/content/c.txt", "0");
      git.commit("feat(auth): login", "packages/auth/a.txt", "1");
      git.commit("feat(content): page", "packages/content/c.txt", "1");
      git.commit("fix: both", "packages/auth/a.txt", "2", "packages/content/c.txt", "2");
      RevCommit head = git.commit("docs: root only", "README.md", "r");

      assertThat(subjects(CommitCollector.collect(git.repository(), base, head, List.of("packages/auth"))))
          .containsExactly("both", "login");
      assertThat(subjects(CommitCollector.collect(git.repository(), base, head, List.of("./packages/content/"))))
          .containsExactly("both", "page");
      assertThat(subjects(CommitCollector.collect(git.repository(), base, head, List.of("packages/auth", "README.md"))))
          .containsExactly("root only", "both", "login");
      assertThat(CommitCollector.collect(git.repository(), base, head, List.of("packages/none"))).isEmpty();
    }
  }

  @Test
  void pathPrefixMatchesFoldersNotNamePrefixes() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit base = git.commit("chore: initial", "README.md", "x");
      git.commit("feat: auth-db", "packages/auth-db/a.txt", "1");
      RevCommit head = git.commit("feat: auth", "packages/auth/a.txt", "1");
      assertThat(subjects(CommitCollector.collect(git.repository(), base, head, List.of("packages/auth"))))
          .containsExactly("auth");
    }
  }

  @Test
  void mergeCommitsAreRepresentedByTheirBranchCommits() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit base = git.commit("chore: initial", "README.md", "x");
      git.branch("feature");
      git.commit("feat(auth): step one", "auth.txt", "1");
      git.commit("feat(auth): step two", "auth.txt", "2");
      git.checkout("main");
      git.commit("fix: on main", "main.txt", "1");
      RevCommit merge = git.merge("feature", "Merge pull request #5 from alice/feature\n\nfeat(auth): two steps");

      List<ConventionalCommit> commits = CommitCollector.collect(git.repository(), base, merge, List.of());
      assertThat(subjects(commits)).containsExactlyInAnyOrder("step one", "step two", "on main");
      assertThat(commits).extracting(ConventionalCommit::hash).doesNotContain(merge.getName());
    }
  }

  @Test
  void branchCommitsInheritThePullRequestOfTheirMerge() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit base = git.commit("chore: initial", "README.md", "x");
      git.branch("train-1");
      git.branch("feature");
      git.commit("feat(auth): no number yet", "auth.txt", "1");
      git.commit("fix(auth): has its own (#9)", "auth.txt", "2");
      git.checkout("train-1");
      git.merge("feature", "Merge pull request #5 from alice/feature\n\nfeat(auth): passkeys");
      git.commit("fix: straight on the train", "train.txt", "1");
      git.checkout("main");
      git.commit("docs: on main", "main.txt", "1");
      RevCommit head = git.merge("train-1", "Merge pull request #6 from mozilla/train-1\n\nMerge train-1");

      List<ConventionalCommit> commits = CommitCollector.collect(git.repository(), base, head, List.of());
      assertThat(commits).extracting(ConventionalCommit::subject, ConventionalCommit::pr).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("no number yet", 5),
          org.assertj.core.groups.Tuple.tuple("has its own", 9),
          org.assertj.core.groups.Tuple.tuple("straight on the train", 6),
          org.assertj.core.groups.Tuple.tuple("on main", null));
    }
  }

  @Test
  void mergeBackOfAnAlreadyReleasedBranchAddsNothing() {
    try (GitFixture git = GitFixture.init(dir)) {
      git.commit("chore: initial", "README.md", "x");
      git.branch("train-1");
      git.commit("Release 1.1.0", "version.txt", "1.1.0");
      git.tag("v1.1.0");
      RevCommit released = git.commit("fix: patch", "a.txt", "p");
      git.tag("v1.1.1");
      git.checkout("main");
      git.commit("feat: next", "b.txt", "n");
      RevCommit head = git.merge("train-1", "Merge train-1 into main");

      assertThat(subjects(CommitCollector.collect(git.repository(), released, head, List.of())))
          .containsExactly("next");
    }
  }

  @Test
  void squashMergesAreOrdinaryCommits() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit base = git.commit("chore: initial", "README.md", "x");
      RevCommit head = git.commit("feat(api): paging (#42)\n\n* commit one\n* commit two", "api.txt", "1");
      List<ConventionalCommit> commits = CommitCollector.collect(git.repository(), base, head, List.of());
      assertThat(commits).singleElement().satisfies(c -> {
        assertThat(c.pr()).isEqualTo(42);
        assertThat(c.subject()).isEqualTo("paging");
      });
    }
  }

  @Test
  void mergedFeatureBranchWithPathFilter() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit base = git.commit("chore: initial", "packages/auth/a.txt", "0", "packages/web/w.txt", "0");
      git.branch("feature");
      git.commit("feat(auth): from branch", "packages/auth/a.txt", "1");
      git.commit("feat(web): web on branch", "packages/web/w.txt", "1");
      git.checkout("main");
      git.commit("fix(web): on main", "packages/web/main.txt", "main");
      RevCommit merge = git.merge("feature", "Merge branch 'feature'");

      assertThat(subjects(CommitCollector.collect(git.repository(), base, merge, List.of("packages/auth"))))
          .containsExactly("from branch");
    }
  }

  @Test
  void nonAsciiMessagesSurviveTheRoundTrip() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit base = git.commit("chore: initial", "README.md", "x");
      RevCommit head = git.commit("feat(l10n): Übersetzungen für 日本語", "l10n.txt", "1");
      assertThat(subjects(CommitCollector.collect(git.repository(), base, head, List.of())))
          .containsExactly("Übersetzungen für 日本語");
    }
  }

  @Test
  void rangeCrossingAShallowCutIsRefused() throws Exception {
    try (GitFixture git = GitFixture.init(dir)) {
      git.commit("chore: initial", "README.md", "x");
      RevCommit cut = git.commit("feat: one", "a.txt", "1");
      RevCommit released = git.commit("feat: two", "a.txt", "2");
      RevCommit head = git.commit("fix: three", "a.txt", "3");
      git.repository().getObjectDatabase().setShallowCommits(java.util.Set.of(cut.copy()));

      assertThat(subjects(CommitCollector.collect(git.repository(), released, head, List.of())))
          .containsExactly("three");
      assertThatThrownBy(() -> CommitCollector.collect(git.repository(), null, head, List.of()))
          .isInstanceOf(TrainyardException.class)
          .hasMessageContaining("shallow")
          .satisfies(e -> {
            assertThat(((TrainyardException) e).kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
            assertThat(((TrainyardException) e).hint()).contains("fetch-depth: 0");
          });
    }
  }

  @Test
  void pathOutsideTheRepositoryIsRejected() {
    try (GitFixture git = GitFixture.init(dir)) {
      RevCommit head = git.commit("chore: initial", "README.md", "x");
      assertThatThrownBy(() -> CommitCollector.collect(git.repository(), null, head, List.of("../elsewhere")))
          .isInstanceOf(TrainyardException.class)
          .hasMessageContaining("../elsewhere")
          .extracting(e -> ((TrainyardException) e).kind())
          .isEqualTo(FailureKind.INVALID_INPUT);
    }
  }

  @Test
  void unknownCommitIsARepositoryStateError() {
    try (GitFixture git = GitFixture.init(dir)) {
      git.commit("chore: initial", "README.md", "x");
      ObjectId missing = ObjectId.fromString("1111111111111111111111111111111111111111");
      assertThatThrownBy(() -> CommitCollector.collect(git.repository(), null, missing, List.of()))
          .isInstanceOf(TrainyardException.class)
          .hasMessageContaining("1111111111111111111111111111111111111111")
          .extracting(e -> ((TrainyardException) e).kind())
          .isEqualTo(FailureKind.REPOSITORY_STATE);
    }
  }
}
