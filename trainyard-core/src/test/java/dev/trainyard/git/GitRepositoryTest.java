package dev.trainyard.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.testing.GitFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {
  @TempDir Path tmp;

  @Test
  void notARepositoryIsOneClearLine() {
    assertThatThrownBy(() -> GitRepository.open(tmp))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).startsWith("not a git repository: ").doesNotContain("\n");
        });
  }

  @Test
  void opensFromASubfolderByWalkingUp() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("repo"))) {
      fx.commit("feat: one", "packages/a/x.txt", "1");
      try (GitRepository repo = GitRepository.open(tmp.resolve("repo/packages/a"))) {
        assertThat(repo.workTree()).isEqualTo(tmp.resolve("repo").toRealPath());
        assertThat(repo.currentBranch()).contains("main");
      }
    }
  }

  @Test
  void detachedHeadIsRefusedWhereABranchIsNeeded() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      RevCommit first = fx.commit("one", "a", "1");
      fx.commit("two", "a", "2");
      fx.checkout(first.name());
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThat(repo.currentBranch()).isEmpty();
        assertThatThrownBy(() -> repo.requireBranch("a train release"))
            .hasMessage("HEAD is detached at " + first.abbreviate(7).name() + "; a train release needs a branch");
      }
    }
  }

  @Test
  void dirtyTreeListsAtMostFivePaths() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("one", "a.txt", "1");
      fx.write("a.txt", "changed");
      for (int i = 0; i < 6; i++) {
        fx.write("new" + i + ".txt", "x");
      }
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThatThrownBy(repo::requireClean)
            .isInstanceOfSatisfying(TrainyardException.class, e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
              assertThat(e.getMessage()).isEqualTo(
                  "the work tree has uncommitted changes: a.txt, new0.txt, new1.txt, new2.txt, new3.txt and 2 more");
            });
      }
    }
  }

  @Test
  void tagsArePeeledWhetherAnnotatedOrLightweight() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      RevCommit one = fx.commit("one", "a", "1");
      fx.tag("v1.1.0").lightweightTag("v1.1.0-feature");
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThat(repo.tags()).containsExactlyInAnyOrder(
            new TagRef("v1.1.0", one, true), new TagRef("v1.1.0-feature", one, false));
      }
    }
  }

  @Test
  void firstParentWalkDoesNotLookIntoMergedBranches() {
    try (GitFixture fx = GitFixture.init(tmp)) {
      fx.commit("base", "a", "1");
      fx.tag("v1.1.0");
      fx.branch("side");
      fx.commit("side work", "b", "1");
      fx.tag("v1.9.0");
      fx.checkout("main");
      fx.commit("main work", "c", "1");
      fx.merge("side", "Merge side");
      try (GitRepository repo = GitRepository.open(tmp)) {
        List<TagRef> found = repo.lastTagsOnFirstParent(repo.headId(), n -> n.startsWith("v"));
        assertThat(found).extracting(TagRef::name).containsExactly("v1.1.0");
      }
    }
  }

  @Test
  void shallowCloneIsDetectedAndTheHintSaysFetchDepthZero() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("origin"))) {
      fx.commit("one", "a", "1");
      fx.tag("v1.1.0");
      fx.commit("two", "a", "2");
      fx.commit("three", "a", "3");
    }
    Path clone = tmp.resolve("clone");
    Git.cloneRepository().setURI(tmp.resolve("origin").toUri().toString()).setDirectory(clone.toFile())
        .setDepth(1).setNoTags().call().close();
    assertThat(new File(clone.toFile(), ".git/shallow")).exists();
    try (GitRepository repo = GitRepository.open(clone)) {
      assertThat(repo.isShallow()).isTrue();
      assertThatThrownBy(() -> repo.requireFullHistory(false))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
            assertThat(e.getMessage()).startsWith("shallow clone: ");
            assertThat(e.hint()).contains("fetch-depth: 0").contains("git fetch --tags --unshallow");
          });
    }
  }

  @Test
  void aFullCloneWithoutTagsIsRefusedButALocalRepositoryIsAFirstRelease() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("origin"))) {
      fx.commit("one", "a", "1");
      fx.tag("v1.1.0");
      fx.commit("two", "a", "2");
    }
    Path clone = tmp.resolve("clone");
    Git.cloneRepository().setURI(tmp.resolve("origin").toUri().toString()).setDirectory(clone.toFile())
        .setNoTags().call().close();
    try (GitRepository repo = GitRepository.open(clone)) {
      assertThat(repo.isShallow()).isFalse();
      assertThatThrownBy(() -> repo.requireFullHistory(false))
          .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.hint()).contains("fetch-depth: 0"));
      repo.requireFullHistory(true);
    }
    try (GitRepository repo = GitRepository.open(tmp.resolve("origin"))) {
      repo.requireFullHistory(false);
    }
  }

  @Test
  void aShallowFileWrittenByHandCountsToo() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp)) {
      RevCommit one = fx.commit("one", "a", "1");
      Files.writeString(tmp.resolve(".git/shallow"), one.name() + "\n");
      try (GitRepository repo = GitRepository.open(tmp)) {
        assertThat(repo.isShallow()).isTrue();
      }
    }
  }

  @Test
  void aBareRepositoryOpensForHistoryButIsRefusedWhereAWorkTreeIsNeeded() throws Exception {
    Path bare = tmp.resolve("bare.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();

    try (GitRepository repo = GitRepository.openHistory(bare)) {
      assertThat(repo.isBare()).isTrue();
      assertThat(repo.isShallow()).isFalse();
    }
    assertThatThrownBy(() -> GitRepository.open(bare))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).startsWith("bare repository: ");
          assertThat(e.hint()).isEqualTo(GitRepository.BARE_HINT);
        });
  }

  @Test
  void aLinkedWorkTreeOfAShallowCloneIsShallowToo() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("origin"))) {
      fx.commit("one", "a", "1");
      fx.commit("two", "a", "2");
    }
    Path clone = tmp.resolve("clone");
    Git.cloneRepository().setURI(tmp.resolve("origin").toUri().toString()).setDirectory(clone.toFile())
        .setDepth(1).call().close();
    Path linked = tmp.resolve("linked");
    Process add = new ProcessBuilder("git", "-C", clone.toString(), "worktree", "add", "--detach", linked.toString())
        .redirectErrorStream(true).start();
    assertThat(add.waitFor()).as(new String(add.getInputStream().readAllBytes())).isZero();
    assertThat(linked.resolve(".git")).isRegularFile();

    try (GitRepository repo = GitRepository.open(linked)) {
      assertThat(repo.isShallow()).isTrue();
      assertThatThrownBy(() -> repo.requireNotShallow("so this check cannot work"))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.getMessage()).startsWith("shallow clone: ").endsWith("so this check cannot work");
            assertThat(e.hint()).contains("fetch-depth: 0");
          });
    }
  }
}
