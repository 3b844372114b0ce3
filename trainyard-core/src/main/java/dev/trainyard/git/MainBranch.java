package dev.trainyard.git;

import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Finds the default branch, the one release work must reach: the requested one, else {@code main},
 * {@code master}, the remote's {@code HEAD}, and last the checked-out branch. The remote-tracking
 * ref wins over the local branch: what counts is what was merged on the server, and a laptop's local
 * main is often behind it. The one place trainyard guesses the main branch.
 */
public final class MainBranch {
  private MainBranch() {}

  /**
   * @param requested a branch the user named, or null to find it
   * @param source the flag or key {@code requested} came from, for the error message (e.g. {@code --main})
   * @param howToName the hint when no main branch is found: how the user names it
   */
  public static Ref resolve(Repository repository, String requested, String remote, String source, String howToName) {
    try {
      if (requested != null) {
        List<String> tried = candidates(requested, remote);
        for (String name : tried) {
          Ref ref = repository.exactRef(name);
          if (ref != null && ref.getObjectId() != null) {
            return ref;
          }
        }
        throw TrainyardException.invalidInput(source + ": no branch '" + requested + "' (looked for "
            + String.join(", ", tried) + ")", "name an existing branch, or fetch it first");
      }
      for (String name : List.of("main", "master")) {
        for (String full : candidates(name, remote)) {
          Ref ref = repository.exactRef(full);
          if (ref != null && ref.getObjectId() != null) {
            return ref;
          }
        }
      }
      Ref remoteHead = repository.exactRef(Constants.R_REMOTES + remote + "/" + Constants.HEAD);
      if (remoteHead != null && remoteHead.isSymbolic() && remoteHead.getObjectId() != null) {
        return remoteHead.getTarget();
      }
      // actions/checkout fetches without setting origin/HEAD, but a scheduled run checks out the
      // default branch: the checked-out branch is the last guess.
      Ref head = repository.exactRef(Constants.HEAD);
      if (head != null && head.isSymbolic() && head.getObjectId() != null) {
        String branch = Repository.shortenRefName(head.getTarget().getName());
        Ref tracking = repository.exactRef(Constants.R_REMOTES + remote + "/" + branch);
        return tracking != null ? tracking : head.getTarget();
      }
      throw TrainyardException.repositoryState("no main branch found (no main, master, " + remote
          + "/HEAD or checked-out branch)", howToName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> candidates(String name, String remote) {
    List<String> names = new ArrayList<>();
    if (name.startsWith(Constants.R_REFS)) {
      names.add(name);
      return names;
    }
    names.add(Constants.R_REMOTES + remote + "/" + name);
    names.add(Constants.R_HEADS + name);
    if (name.contains("/")) {
      names.add(Constants.R_REMOTES + name);
    }
    return names;
  }

  /** The branch name that identifies main among the release branch candidates. */
  public static String branchName(Ref main, String remote) {
    String name = main.getName();
    String remotePrefix = Constants.R_REMOTES + remote + "/";
    if (name.startsWith(remotePrefix)) {
      return name.substring(remotePrefix.length());
    }
    return Repository.shortenRefName(name);
  }
}
