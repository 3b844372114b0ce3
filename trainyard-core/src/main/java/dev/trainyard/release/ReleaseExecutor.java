package dev.trainyard.release;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitFailures;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.GitSigner;
import dev.trainyard.git.GitTransport;
import dev.trainyard.git.WorkTreeFiles;
import dev.trainyard.report.Reporter;
import dev.trainyard.report.ReporterStream;
import java.io.IOException;
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
  private final Cancellation cancellation;
  private final Map<String, String> env;

  public ReleaseExecutor(Reporter reporter) {
    this(reporter, step -> {});
  }

  /** With a listener that runs after each step (tests use it to make a later step fail). */
  public ReleaseExecutor(Reporter reporter, Consumer<Step> afterStep) {
    this(reporter, afterStep, Cancellation.none(), null);
  }

  /**
   * @param cancellation checked after every step: once raised (Ctrl-C, SIGTERM), no further step
   *     starts and what was done is rolled back
   */
  public ReleaseExecutor(Reporter reporter, Consumer<Step> afterStep, Cancellation cancellation) {
    this(reporter, afterStep, cancellation, null);
  }

  /** With the environment signing and SSH pushes run in; see the full constructor. */
  public ReleaseExecutor(Reporter reporter, Consumer<Step> afterStep, Map<String, String> env) {
    this(reporter, afterStep, Cancellation.none(), env);
  }

  /**
   * @param cancellation checked after every step: once raised (Ctrl-C, SIGTERM), no further step
   *     starts and what was done is rolled back
   * @param env the environment the signing programs (gpg, gpgsm, ssh-keygen) and SSH pushes run
   *     with, as git would run them; null to sign with JGit's own OpenPGP signer only
   */
  public ReleaseExecutor(Reporter reporter, Consumer<Step> afterStep, Cancellation cancellation,
      Map<String, String> env) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.afterStep = Objects.requireNonNull(afterStep, "afterStep");
    this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    this.env = env;
  }

  /** Runs after each step: the test listener, then the check for a cancellation. */
  private void after(Step step) {
    afterStep.accept(step);
    cancellation.throwIfCancelled();
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
    repo.requireNoGitLocks();
    cancellation.throwIfCancelled();
    Undo undo = new Undo(repo, base, repo.currentBranch().orElse(null), push);
    cancellation.track(undo::manualCommands);
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
        after(Step.BRANCH_CREATED);
      } else if (branch != null && undo.startBranch != null && !branch.equals(undo.startBranch)) {
        // A release branch made ahead of time at HEAD (planning checked that it points there).
        git.checkout().setName(branch).call();
        undo.switchedTo = branch;
        reporter.info("checked out branch " + branch);
      }
      if (!plan.files().isEmpty()) {
        for (FileChange change : plan.files()) {
          undo.touched = true;
          // Checked again right before the write: no symbolic link on the path, nothing outside the work tree.
          undo.created.addAll(WorkTreeFiles.write(repo.workTree(), change.path(), change.after()));
          git.add().addFilepattern(change.path()).call();
        }
        reporter.info("updated " + plan.files().size() + " file(s)");
        after(Step.FILES_WRITTEN);
        // The repository's commit hooks run in-process; their output is the reporter's, like ours.
        var commit = git.commit().setMessage(asGitWritesIt(plan.commitMessage())).setSign(signCommit)
            .setHookOutputStream(ReporterStream.of(reporter, "hook: ")).setHookErrorStream(ReporterStream.of(reporter, "hook: "));
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
        after(Step.COMMITTED);
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
        undo.tagging = tagName;
        tag.call();
        undo.tagged = tagName;
      }
      repo.refreshTags();
      reporter.info("tagged " + tagName + (plan.sign() ? " (signed)" : ""));
      after(Step.TAGGED);
      if (push != null) {
        String pushedBranch = plan.pushedBranch();
        if (pushedBranch != null) {
          pushRef(repo, push, Constants.R_HEADS + pushedBranch);
          pushed.add(Constants.R_HEADS + pushedBranch);
          undo.pushedBranch = pushedBranch;
          after(Step.BRANCH_PUSHED);
        }
        pushRef(repo, push, Constants.R_TAGS + tagName);
        pushed.add(Constants.R_TAGS + tagName);
        undo.pushedTag = tagName;
        after(Step.TAG_PUSHED);
      }
    } catch (Exception e) {
      TrainyardException failure = undo.rollback(e);
      cancellation.track(undo::manualCommands);
      throw failure;
    }
    // Published and complete: nothing to undo any more, whatever happens next.
    cancellation.track(List::of);
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
    if (target.local()) {
      // A remote on this machine: the system git runs its hooks (JGit would receive in-process, hooks skipped).
      SystemGitPush.push(repo.workTree(), target.remote(), ref, reporter, cancellation);
      reporter.info("pushed " + Repository.shortenRefName(ref) + " to " + target.remote());
      return;
    }
    PushCommand command = repo.git().push().setRemote(target.remote()).setTimeout(60)
        .setRefSpecs(new RefSpec(ref + ":" + ref)).setAtomic(false);
    Iterable<PushResult> results;
    // The token only to the GitHub server's host over HTTPS (plain HTTP only to loopback), also after a
    // redirect; an SSH remote with the user's SSH config, keys, known_hosts and agent.
    try (GitTransport transport = GitTransport.of(target.token(), target.tokenHost(), env)) {
      results = transport.configure(command).call();
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

  /**
   * What was done so far, and how to take it back. The main thread changes it; a shutdown hook may
   * read {@link #manualCommands()} at any moment, hence the synchronisation.
   */
  private static final class Undo {
    final GitRepository repo;
    final ObjectId base;
    final String startBranch;
    final PushTarget push;
    final List<Path> created = new ArrayList<>();
    volatile boolean touched;
    volatile String createdBranch;
    volatile String switchedTo;
    volatile boolean committed;
    /** Set just before the tag is written, so an interruption there still names it. */
    volatile String tagging;
    volatile String tagged;
    volatile String pushedBranch;
    volatile String pushedTag;
    /** After a rollback: what it could not undo (empty when it verified everything). */
    private volatile List<String> left;

    Undo(GitRepository repo, ObjectId base, String startBranch, PushTarget push) {
      this.repo = repo;
      this.base = base;
      this.startBranch = startBranch;
      this.push = push;
    }

    /** The commands that undo by hand what is done now (or, after a rollback, what it left). */
    List<String> manualCommands() {
      List<String> done = left;
      if (done != null) {
        return done;
      }
      List<String> manual = new ArrayList<>();
      // No lock existed when the release started (requireNoGitLocks): one now is this process's.
      Path indexLock = repo.repository().getDirectory().toPath().resolve("index.lock");
      if (Files.exists(indexLock)) {
        manual.add("rm -f " + indexLock);
      }
      String tag = tagged != null ? tagged : tagging;
      if (tag != null) {
        manual.add("git tag -d " + tag);
      }
      String back = startBranch == null ? base.name() : startBranch;
      if (createdBranch != null) {
        manual.add("git checkout -f " + back);
        manual.add("git branch -D " + createdBranch);
      } else if (committed || touched) {
        manual.add("git reset --hard " + base.name());
        if (switchedTo != null) {
          manual.add("git checkout " + back);
        }
      } else if (switchedTo != null) {
        manual.add("git checkout " + back);
      }
      manual.addAll(remoteCommands());
      return List.copyOf(manual);
    }

    private List<String> remoteCommands() {
      String remote = push == null ? "origin" : push.remote();
      List<String> commands = new ArrayList<>();
      if (pushedBranch != null) {
        commands.add("git push " + remote + " --delete " + pushedBranch + "   # it reached the remote");
      }
      if (pushedTag != null) {
        commands.add("git push " + remote + " --delete refs/tags/" + pushedTag + "   # it reached the remote");
      }
      return commands;
    }

    TrainyardException rollback(Exception cause) {
      // A hook, a lock, a damaged repository or an unwritable file is the repository's state (exit
      // 4); only the transport is remote (3); an interruption is one; anything else is a bug (70).
      String reason = GitFailures.translate(cause).map(Throwable::getMessage)
          .orElse(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
      FailureKind kind = GitFailures.kindOf(cause);
      Repository repository = repo.repository();
      Git git = repo.git();
      String undoFailure = null;
      try {
        String tag = tagged != null ? tagged : tagging;
        if (tag != null && repository.exactRef(Constants.R_TAGS + tag) != null) {
          RefUpdate delete = repository.updateRef(Constants.R_TAGS + tag);
          delete.setForceUpdate(true);
          delete.delete();
          repo.refreshTags();
        }
        if (committed || touched || createdBranch != null) {
          git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base.name()).call();
          // Only what this run created: never a path that merely looked absent when planned.
          for (int i = created.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(created.get(i));
          }
        }
        if (switchedTo != null || createdBranch != null) {
          git.checkout().setName(startBranch != null ? startBranch : base.name()).setForced(true).call();
        }
        if (createdBranch != null) {
          git.branchDelete().setBranchNames(createdBranch).setForce(true).call();
        }
      } catch (GitAPIException | IOException | RuntimeException e) {
        undoFailure = GitFailures.translate(e).map(Throwable::getMessage).orElse(String.valueOf(e.getMessage()));
      }
      // Say "put back" only for what is verified to be back; name every command for what is not.
      List<String> manual = new ArrayList<>(verify());
      manual.addAll(remoteCommands());
      left = List.copyOf(manual);
      String restored = manual.isEmpty() ? "; the repository was put back as it was"
          : "; " + (undoFailure == null ? "" : "the rollback failed (" + undoFailure + "); ") + "undo by hand: "
              + String.join(" && ", manual);
      String what = kind == FailureKind.INTERRUPTED ? "release " : "release failed: ";
      return new TrainyardException(kind, what + reason.lines().findFirst().orElse(reason) + restored,
          manual.isEmpty() ? (kind == FailureKind.INTERRUPTED ? "run it again when you are ready" : "fix the cause and run again")
              : "run those commands, fix the cause, and run again", cause);
    }

    /** What is still not as it was, as the commands that fix it; empty when all is back. */
    private List<String> verify() {
      List<String> fixes = new ArrayList<>();
      Repository repository = repo.repository();
      String back = startBranch == null ? base.name() : startBranch;
      try {
        String tag = tagged != null ? tagged : tagging;
        if (tag != null && repository.exactRef(Constants.R_TAGS + tag) != null) {
          fixes.add("git tag -d " + tag);
        }
        String current = repo.currentBranch().orElse(null);
        boolean onStart = startBranch == null ? current == null : startBranch.equals(current);
        boolean atBase = base.equals(repository.resolve(Constants.HEAD));
        boolean clean = repo.git().status().call().isClean();
        boolean startAtBase = startBranch == null ? onStart && atBase
            : base.equals(repository.resolve(Constants.R_HEADS + startBranch));
        if (!onStart) {
          fixes.add("git checkout -f " + back);
        }
        if (!startAtBase || (onStart && (!atBase || !clean))) {
          fixes.add("git reset --hard " + base.name());
        }
        if (createdBranch != null && repository.exactRef(Constants.R_HEADS + createdBranch) != null) {
          fixes.add("git branch -D " + createdBranch);
        }
      } catch (IOException | GitAPIException | RuntimeException e) {
        // Cannot even look: name the full undo, whatever of it is already done.
        left = null;
        List<String> all = new ArrayList<>(manualCommands());
        all.removeAll(remoteCommands());
        return all;
      }
      return fixes;
    }
  }

}
