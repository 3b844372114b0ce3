package dev.trainyard.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source of the default branch, on real repositories, in the order they are tried. */
class MainBranchTest {
  @TempDir Path tmp;

  static MainBranch find(Repository repository, String requested) {
    return MainBranch.find(repository, requested, "origin", "release.main-branch", "set release.main-branch");
  }

  /** A clone of a server whose default branch is {@code trunk}, with main and master beside it. */
  Git cloneOfTrunkServer(boolean recordRemoteHead) throws Exception {
    try (GitFixture server = GitFixture.init(tmp.resolve("server"))) {
      server.commit("feat: one", "a.txt", "1");
      server.branch("master");
      server.checkout("main");
      server.branch("trunk");
      server.commit("feat: two", "a.txt", "2");
    }
    Git clone = Git.cloneRepository().setURI(tmp.resolve("server").toUri().toString())
        .setDirectory(tmp.resolve("clone").toFile()).setCloneAllBranches(true).call();
    Repository repository = clone.getRepository();
    RefUpdate head = repository.updateRef("refs/remotes/origin/HEAD");
    if (recordRemoteHead) {
      head.link("refs/remotes/origin/trunk");
    } else if (repository.exactRef("refs/remotes/origin/HEAD") != null) {
      head.setForceUpdate(true);
      head.delete();
    }
    return clone;
  }

  @Test
  void theConfiguredBranchWinsOverEverythingAndNamesItsKey() throws Exception {
    try (Git clone = cloneOfTrunkServer(true)) {
      MainBranch main = find(clone.getRepository(), "master");
      assertThat(main.name()).isEqualTo("master");
      assertThat(main.source()).isEqualTo(MainBranch.Source.CONFIGURED);
      assertThat(main.ref().getName()).isEqualTo("refs/remotes/origin/master");
      assertThat(main.reason()).isEqualTo("set by release.main-branch");
      assertThat(main.describe()).isEqualTo("master");
    }
  }

  @Test
  void aConfiguredBranchThatDoesNotExistIsAnInputErrorNamingTheKey() throws Exception {
    try (Git clone = cloneOfTrunkServer(true)) {
      assertThatThrownBy(() -> find(clone.getRepository(), "develop"))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
            assertThat(e.getMessage()).startsWith("release.main-branch: no branch 'develop'");
          });
    }
  }

  @Test
  void theRemotesHeadWinsOverMainAndMaster() throws Exception {
    try (Git clone = cloneOfTrunkServer(true)) {
      MainBranch main = find(clone.getRepository(), null);
      assertThat(main.name()).isEqualTo("trunk");
      assertThat(main.source()).isEqualTo(MainBranch.Source.REMOTE_HEAD);
      assertThat(main.ref().getName()).isEqualTo("refs/remotes/origin/trunk");
      assertThat(main.describe()).isEqualTo("trunk (the default branch: origin/HEAD points at trunk)");
    }
  }

  @Test
  void withoutTheRemotesHeadMainComesBeforeMasterAndTheRemoteTrackingRefWins() throws Exception {
    try (Git clone = cloneOfTrunkServer(false)) {
      MainBranch main = find(clone.getRepository(), null);
      assertThat(main.name()).isEqualTo("main");
      assertThat(main.source()).isEqualTo(MainBranch.Source.MAIN);
      assertThat(main.ref().getName()).isEqualTo("refs/remotes/origin/main");
      assertThat(main.reason()).isEqualTo("no origin/HEAD; main exists");
    }
  }

  @Test
  void masterWhenThereIsNoMain() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("repo"))) {
      fx.commit("feat: one", "a.txt", "1");
      fx.branch("master");
      fx.git().branchDelete().setBranchNames("main").setForce(true).call();
      MainBranch main = find(fx.repository(), null);
      assertThat(main.name()).isEqualTo("master");
      assertThat(main.source()).isEqualTo(MainBranch.Source.MASTER);
      assertThat(main.ref().getName()).isEqualTo("refs/heads/master");
      assertThat(main.reason()).isEqualTo("no origin/HEAD and no main; master exists");
    }
  }

  @Test
  void theCheckedOutBranchIsTheLastGuessAndSaysSo() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("repo"))) {
      RevCommit first = fx.commit("feat: one", "a.txt", "1");
      fx.branch("develop");
      fx.git().branchDelete().setBranchNames("main").setForce(true).call();
      MainBranch main = find(fx.repository(), null);
      assertThat(main.name()).isEqualTo("develop");
      assertThat(main.source()).isEqualTo(MainBranch.Source.CHECKED_OUT);
      assertThat(main.ref().getObjectId()).isEqualTo(first.getId());
      assertThat(main.reason()).contains("checked-out branch");
    }
  }

  @Test
  void aDetachedHeadWithNoOtherSourceIsARepositoryStateErrorWithTheHint() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("repo"))) {
      RevCommit first = fx.commit("feat: one", "a.txt", "1");
      fx.git().checkout().setName(first.getName()).call();
      fx.git().branchDelete().setBranchNames("main").setForce(true).call();
      assertThatThrownBy(() -> find(fx.repository(), null))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
            assertThat(e.getMessage()).isEqualTo("no default branch found (no origin/HEAD, main, master or checked-out branch)");
            assertThat(e.hint()).isEqualTo("set release.main-branch");
          });
    }
  }
}
