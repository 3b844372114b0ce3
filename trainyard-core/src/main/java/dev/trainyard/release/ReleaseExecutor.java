package dev.trainyard.release;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.GitSigner;
import dev.trainyard.git.GitTransport;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Applies a {@link ReleasePlan} to the repository: branch, files, commit, annotated tag, optional
 * push and GitHub release draft. Any failure after the first write puts the repository back as it
 * was (tag deleted, branch deleted or reset, files restored, previous branch checked out); when even
 * that fails, the error names exactly what to undo by hand.
 */
public final class ReleaseExecutor {
  /** The steps, in order; a listener sees each one after it completed. */
  public enum Step { BRANCH_CREATED, FILES_WRITTEN, COMMITTED, TAGGED, BRANCH_PUSHED, TAG_PUSHED, RELEASE_DRAFTED }

  private final Reporter reporter;
  private final Consumer<Step> afterStep;
  private final Map<String, String> env;

  public ReleaseExecutor(Reporter reporter) {
    this(reporter, step -> {});
  }

  /** With a listener that runs after each step (tests use it to make a later step fail). */
  public ReleaseExecutor(Reporter reporter, Consumer<Step> afterStep) {
    this(reporter, afterStep, null);
  }

  /**
   * @param env the environment the signing programs (gpg, gpgsm, ssh-keygen) run with, as git would
   *     run them; null to sign with JGit's own OpenPGP signer only
   */
  public ReleaseExecutor(Reporter reporter, Consumer<Step> afterStep, Map<String, String> env) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.afterStep = Objects.requireNonNull(afterStep, "afterStep");
    this.env = env;
  }

  /**
   * Cuts the release.
   *
   * @param push where to push, or null to only print the push commands
   * @param drafts where to draft the release, or null for no draft
   * @param identity committer and tagger, or null for the repository's configured user
   */
  public ReleaseOutcome execute(GitRepository repo, ReleasePlan plan, PushTarget push, ReleaseDrafts drafts,
      PersonIdent identity) {
    Repository repository = repo.repository();
    ObjectId base = ObjectId.fromString(plan.baseCommit());
    if (!repo.headId().equals(base)) {
      throw TrainyardException.repositoryState(
          "HEAD moved from " + base.abbreviate(7).name() + " to " + repo.headId().abbreviate(7).name()
              + " since the release was planned", "run the command again");
    }
    // Signing is set up (program found, key known) before the first write; a signature that then
    // fails (prompt cancelled, card removed) is rolled back with everything else.
    GitSigner.Request signing = GitSigner.requested(repository);
    boolean signCommit = signing.commits();
    boolean signTag = plan.sign();
    GitSigner signer = null;
    if (signCommit || signTag) {
      signer = GitSigner.forRepository(repository, env);
      signer.check(repository, signing.signingKey(), identity != null ? identity : new PersonIdent(repository));
    }
    Undo undo = new Undo(repo, base, repo.currentBranch().orElse(null));
    String tagName = plan.next().tag();
    ObjectId released = base;
    List<String> pushed = new ArrayList<>();
    try {
      Git git = repo.git();
      String branch = plan.next().branch();
      if (plan.next().createsBranch()) {
        git.checkout().setCreateBranch(true).setName(branch).setStartPoint(base.name()).call();
        undo.createdBranch = branch;
        reporter.info("created branch " + branch + " at " + base.abbreviate(7).name());
        afterStep.accept(Step.BRANCH_CREATED);
      } else if (branch != null && undo.startBranch != null && !branch.equals(undo.startBranch)) {
        // A release branch made ahead of time at HEAD (planning checked that it points there).
        git.checkout().setName(branch).call();
        undo.switchedTo = branch;
        reporter.info("checked out branch " + branch);
      }
      if (!plan.files().isEmpty()) {
        for (FileChange change : plan.files()) {
          Path file = repo.workTree().resolve(change.path());
          undo.touched.add(change);
          Files.createDirectories(file.getParent());
          Files.writeString(file, change.after(), StandardCharsets.UTF_8);
          git.add().addFilepattern(change.path()).call();
        }
        reporter.info("updated " + plan.files().size() + " file(s)");
        afterStep.accept(Step.FILES_WRITTEN);
        var commit = git.commit().setMessage(asGitWritesIt(plan.commitMessage())).setSign(signCommit);
        if (signCommit) {
          commit.setSigner(signer).setSigningKey(signing.signingKey());
        }
        if (identity != null) {
          commit.setAuthor(identity).setCommitter(identity);
        }
        RevCommit made = commit.call();
        undo.committed = true;
        released = made.getId();
        reporter.info("committed " + made.abbreviate(7).name() + " " + plan.commitMessage());
        afterStep.accept(Step.COMMITTED);
      }
      try (RevWalk walk = new RevWalk(repository)) {
        var tag = git.tag().setName(tagName).setAnnotated(true).setMessage(asGitWritesIt(plan.tagMessage()))
            .setObjectId(walk.parseCommit(released)).setSigned(signTag).setForceUpdate(false);
        if (signTag) {
          tag.setSigner(signer).setSigningKey(signing.signingKey());
        }
        if (identity != null) {
          tag.setTagger(identity);
        }
        if (repository.exactRef(Constants.R_TAGS + tagName) != null) {
          throw TrainyardException.repositoryState(
              "tag " + tagName + " appeared while the release was being cut", "fetch tags and look at who made it");
        }
        tag.call();
        undo.tagged = tagName;
      }
      repo.refreshTags();
      reporter.info("tagged " + tagName + (plan.sign() ? " (signed)" : ""));
      afterStep.accept(Step.TAGGED);
      if (push != null) {
        String pushedBranch = plan.pushedBranch();
        if (pushedBranch != null) {
          pushRef(repo, push, Constants.R_HEADS + pushedBranch);
          pushed.add(Constants.R_HEADS + pushedBranch);
          undo.pushedBranch = pushedBranch;
          afterStep.accept(Step.BRANCH_PUSHED);
        }
        pushRef(repo, push, Constants.R_TAGS + tagName);
        pushed.add(Constants.R_TAGS + tagName);
        undo.pushedTag = tagName;
        afterStep.accept(Step.TAG_PUSHED);
      }
    } catch (Exception e) {
      throw undo.rollback(e, push);
    }
    String releaseUrl = null;
    if (drafts != null) {
      try {
        releaseUrl = drafts.draft(tagName, tagName, plan.releaseNotes(), false);
        reporter.info("drafted GitHub release " + releaseUrl);
        afterStep.accept(Step.RELEASE_DRAFTED);
      } catch (RuntimeException e) {
        // The tag is published by now; taking it back would hide a real release from CI. Say what is left.
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new TrainyardException(e instanceof TrainyardException te ? te.kind() : FailureKind.REMOTE,
            "release " + tagName + " was cut" + (pushed.isEmpty() ? "" : " and pushed")
                + ", but drafting the GitHub release failed: " + reason,
            "run 'trainyard cut --github-release' again (it drafts the missing release and changes nothing else)", e);
      }
    }
    return new ReleaseOutcome(tagName, released.name(), plan.next().branch(), false, pushed, releaseUrl);
  }

  /** Drafts the GitHub release for a release that already exists (re-run after a failed draft). */
  public static String draftExisting(ReleaseDrafts drafts, String tag, String notes) {
    return drafts.draft(tag, tag, notes, false);
  }

  private void pushRef(GitRepository repo, PushTarget target, String ref) throws GitAPIException {
    PushCommand command = repo.git().push().setRemote(target.remote()).setTimeout(60)
        .setRefSpecs(new RefSpec(ref + ":" + ref)).setAtomic(false);
    String url = repo.remoteUrl(target.remote()).orElse(target.remote());
    Iterable<PushResult> results;
    try (GitTransport transport = GitTransport.of(target.token(), env)) {
      results = transport.configure(command, url).call();
    }
    for (PushResult result : results) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          throw new TrainyardException(FailureKind.REMOTE, "push of " + ref + " to " + target.remote() + " was rejected: "
              + update.getStatus() + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"),
              "fetch, look at the remote's " + Repository.shortenRefName(ref) + ", then run again");
        }
      }
    }
    reporter.info("pushed " + Repository.shortenRefName(ref) + " to " + target.remote());
  }

  /** {@code git commit -m} and {@code git tag -m} end the message with a newline; so do we. */
  static String asGitWritesIt(String message) {
    return message.endsWith("\n") ? message : message + "\n";
  }

  /** What was done so far, and how to take it back. */
  private static final class Undo {
    final GitRepository repo;
    final ObjectId base;
    final String startBranch;
    final List<FileChange> touched = new ArrayList<>();
    String createdBranch;
    String switchedTo;
    boolean committed;
    String tagged;
    String pushedBranch;
    String pushedTag;

    Undo(GitRepository repo, ObjectId base, String startBranch) {
      this.repo = repo;
      this.base = base;
      this.startBranch = startBranch;
    }

    TrainyardException rollback(Exception cause, PushTarget push) {
      String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      FailureKind kind = cause instanceof TrainyardException te ? te.kind()
          : cause instanceof GitAPIException ? FailureKind.REMOTE : FailureKind.INTERNAL;
      List<String> manual = new ArrayList<>();
      Repository repository = repo.repository();
      Git git = repo.git();
      try {
        if (tagged != null) {
          RefUpdate delete = repository.updateRef(Constants.R_TAGS + tagged);
          delete.setForceUpdate(true);
          RefUpdate.Result result = delete.delete();
          if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
            manual.add("git tag -d " + tagged);
          }
          repo.refreshTags();
        }
        if (committed || !touched.isEmpty() || createdBranch != null) {
          git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base.name()).call();
          for (FileChange change : touched) {
            if (change.creates()) {
              Files.deleteIfExists(repo.workTree().resolve(change.path()));
            }
          }
        }
        if (switchedTo != null) {
          git.checkout().setName(startBranch).call();
        }
        if (createdBranch != null) {
          if (startBranch != null) {
            git.checkout().setName(startBranch).call();
          } else {
            git.checkout().setName(base.name()).call();
          }
          git.branchDelete().setBranchNames(createdBranch).setForce(true).call();
        }
      } catch (GitAPIException | IOException | RuntimeException undoFailure) {
        manual.clear();
        if (tagged != null) {
          manual.add("git tag -d " + tagged);
        }
        if (createdBranch != null) {
          manual.add("git checkout " + (startBranch == null ? base.name() : startBranch));
          manual.add("git branch -D " + createdBranch);
        } else if (committed || !touched.isEmpty()) {
          manual.add("git reset --hard " + base.name());
          if (switchedTo != null) {
            manual.add("git checkout " + startBranch);
          }
        }
      }
      String remote = push == null ? "origin" : push.remote();
      if (pushedBranch != null) {
        manual.add("git push " + remote + " --delete " + pushedBranch + "   # it reached the remote");
      }
      if (pushedTag != null) {
        manual.add("git push " + remote + " --delete refs/tags/" + pushedTag + "   # it reached the remote");
      }
      String restored = manual.isEmpty() ? "; the repository was put back as it was"
          : "; undo by hand: " + String.join(" && ", manual);
      return new TrainyardException(kind, "release failed: " + reason.lines().findFirst().orElse(reason) + restored,
          manual.isEmpty() ? "fix the cause and run again" : "run those commands, fix the cause, and run again", cause);
    }
  }

}
