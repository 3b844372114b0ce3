package dev.trainyard.git;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Optional;
import org.eclipse.jgit.api.errors.AbortedByHookException;
import org.eclipse.jgit.api.errors.ConcurrentRefUpdateException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackInvalidException;
import org.eclipse.jgit.errors.RevWalkException;

/**
 * What a failure of local git work means for the user, as a {@link TrainyardException} with the kind
 * that decides the exit code: a damaged repository, a lock another git process holds, a hook that
 * refused, a file that cannot be written are the repository's state (exit 4), never a trainyard bug
 * (70) and never a remote failure (3). Only a transport failure is {@link FailureKind#REMOTE}.
 */
public final class GitFailures {
  private GitFailures() {}

  /** The kind of a failure met while changing or reading the local repository. */
  public static FailureKind kindOf(Throwable failure) {
    if (failure instanceof TrainyardException e) {
      return e.kind();
    }
    if (failure instanceof TransportException || failure instanceof InvalidRemoteException) {
      return FailureKind.REMOTE;
    }
    return translate(failure).map(TrainyardException::kind).orElse(FailureKind.INTERNAL);
  }

  /**
   * A one-line explanation of a local git or file-system failure, or empty when {@code failure} is
   * something else (then it is a bug and stays one).
   */
  public static Optional<TrainyardException> translate(Throwable failure) {
    if (failure instanceof TrainyardException e) {
      return Optional.of(e);
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CorruptObjectException || cause instanceof MissingObjectException
          || cause instanceof PackInvalidException) {
        return Optional.of(new TrainyardException(FailureKind.REPOSITORY_STATE,
            "the git repository is damaged: " + oneLine(cause.getMessage()),
            "run 'git fsck' to see what is broken; a fresh clone usually fixes it", failure));
      }
      if (cause instanceof LockFailedException locked) {
        return Optional.of(locked(locked.getFile() == null ? null : locked.getFile().toString(), failure));
      }
      if (cause instanceof AbortedByHookException hook) {
        return Optional.of(new TrainyardException(FailureKind.REPOSITORY_STATE,
            "the repository's " + hook.getHookName() + " hook refused: " + oneLine(hook.getHookStdErr().isBlank()
                ? "exit code " + hook.getReturnCode() : hook.getHookStdErr()),
            "fix what the hook complains about (or run it by hand: .git/hooks/" + hook.getHookName() + "), then run again",
            failure));
      }
      if (cause instanceof ConcurrentRefUpdateException || messageSays(cause, "Could not lock")
          || messageSays(cause, "Cannot lock")) {
        return Optional.of(locked(null, failure));
      }
      if (cause instanceof AccessDeniedException denied) {
        return Optional.of(new TrainyardException(FailureKind.REPOSITORY_STATE,
            "cannot write " + denied.getFile() + ": permission denied (a read-only or immutable file?)",
            "make it writable ('ls -l', 'lsattr'), then run again", failure));
      }
      if (cause instanceof FileSystemException fs) {
        return Optional.of(new TrainyardException(FailureKind.REPOSITORY_STATE,
            "cannot write " + fs.getFile() + (fs.getReason() == null ? "" : ": " + fs.getReason()),
            "check the file and the disk, then run again", failure));
      }
    }
    if (failure instanceof RevWalkException || failure instanceof JGitInternalException
        || failure instanceof GitAPIException
        || (failure instanceof UncheckedIOException && failure.getCause() != null
            && failure.getCause().getClass().getName().startsWith("org.eclipse.jgit."))) {
      Throwable root = failure;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return Optional.of(new TrainyardException(FailureKind.REPOSITORY_STATE,
          "git failed: " + oneLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()),
          "run 'git status' and 'git fsck' to see what is wrong, then run again", failure));
    }
    return Optional.empty();
  }

  private static TrainyardException locked(String file, Throwable failure) {
    return new TrainyardException(FailureKind.REPOSITORY_STATE,
        "a git lock is held" + (file == null ? "" : " (" + file + ")") + ": " + oneLine(failure.getMessage()),
        "another git process is running, or one crashed: wait for it, or remove the .lock file it left", failure);
  }

  private static boolean messageSays(Throwable e, String text) {
    return e.getMessage() != null && e.getMessage().contains(text);
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }
}
