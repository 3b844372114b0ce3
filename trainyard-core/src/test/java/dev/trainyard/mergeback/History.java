package dev.trainyard.mergeback;

import dev.trainyard.testing.GitFixture;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jgit.api.MergeCommand.FastForwardMode;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The ways release work reaches main, done with real JGit commands on a {@link GitFixture}, with
 * the fixture's identity and clock so every run builds identical history.
 */
final class History {
  private final GitFixture repo;

  History(GitFixture repo) {
    this.repo = repo;
  }

  /** {@code git cherry-pick -x} of one commit onto the current branch. */
  RevCommit cherryPick(RevCommit commit) {
    try {
      var result = repo.git().cherryPick().include(commit).setNoCommit(true).call();
      if (result.getStatus() != org.eclipse.jgit.api.CherryPickResult.CherryPickStatus.OK) {
        throw new IllegalStateException("cherry-pick failed: " + result.getStatus());
      }
      return commitStaged(commit.getShortMessage() + "\n\n(cherry picked from commit " + commit.name() + ")");
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code git revert} of one commit on the current branch. */
  RevCommit revert(RevCommit commit) {
    try {
      RevCommit reverted = repo.git().revert().include(commit).setOurCommitName("HEAD").call();
      // JGit's revert commits with the wall clock; re-commit with the fixture's identity for stable ids.
      repo.git().reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.SOFT).setRef("HEAD~1").call();
      return commitStaged(reverted.getFullMessage());
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code git merge --squash BRANCH && git commit}: one commit on main, no ancestry. */
  RevCommit squashMerge(String branch, String message) {
    try {
      MergeResult result = repo.git().merge().include(repo.repository().resolve(branch)).setSquash(true)
          .setCommit(false).call();
      if (!result.getMergeStatus().isSuccessful()) {
        throw new IllegalStateException("squash of " + branch + " failed: " + result.getMergeStatus());
      }
      return commitStaged(message);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A squash merge that conflicts, resolved by writing {@code resolutions} (path to final content),
   * as a person does in the pull request's conflict editor.
   */
  RevCommit squashMergeResolving(String branch, String message, Map<String, String> resolutions) {
    try {
      MergeResult result = repo.git().merge().include(repo.repository().resolve(branch)).setSquash(true)
          .setCommit(false).call();
      if (result.getMergeStatus() != MergeResult.MergeStatus.CONFLICTING) {
        throw new IllegalStateException("expected a conflict, got " + result.getMergeStatus());
      }
      resolutions.forEach(repo::write);
      return commitStaged(message);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A merge commit whose conflicts are resolved with {@code resolutions}. */
  RevCommit mergeResolving(String branch, String message, Map<String, String> resolutions) {
    try {
      MergeResult result = repo.git().merge().include(repo.repository().resolve(branch))
          .setFastForward(FastForwardMode.NO_FF).setCommit(false).call();
      if (result.getMergeStatus() != MergeResult.MergeStatus.CONFLICTING) {
        throw new IllegalStateException("expected a conflict, got " + result.getMergeStatus());
      }
      resolutions.forEach(repo::write);
      return commitStaged(message);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code git merge --ff-only BRANCH}. */
  void fastForward(String branch) {
    try {
      MergeResult result = repo.git().merge().include(repo.repository().resolve(branch))
          .setFastForward(FastForwardMode.FF_ONLY).call();
      if (result.getMergeStatus() != MergeResult.MergeStatus.FAST_FORWARD) {
        throw new IllegalStateException("not a fast-forward: " + result.getMergeStatus());
      }
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void deleteBranch(String branch) {
    try {
      repo.git().branchDelete().setBranchNames(branch).setForce(true).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A commit by someone else, so author lists can be checked. */
  RevCommit commitAs(String name, String message, String path, String content) {
    repo.write(path, content);
    try {
      repo.git().add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent(name, name.toLowerCase().replace(' ', '.') + "@example.com",
          repo.now(), java.time.ZoneOffset.UTC);
      repo.at(repo.now().plusSeconds(60));
      return repo.git().commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  private RevCommit commitStaged(String message) throws GitAPIException {
    repo.git().add().addFilepattern(".").call();
    repo.git().add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = repo.ident();
    repo.at(repo.now().plusSeconds(60));
    return repo.git().commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
  }
}
