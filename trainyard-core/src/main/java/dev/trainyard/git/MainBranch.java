package dev.trainyard.git;

import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * The default branch, the one release work starts from and must reach, found the way git users
 * expect: the configured one, else the branch the remote's {@code HEAD} names
 * ({@code refs/remotes/<remote>/HEAD}, what {@code git clone} records), else {@code main}, else
 * {@code master}, and as a last guess the checked-out branch (actions/checkout fetches without
 * recording the remote's HEAD). For main and master the remote-tracking ref wins over the local
 * branch: what counts is what was merged on the server, and a laptop's local main is often behind
 * it. The one place trainyard decides which branch is the default; {@link #reason()} says why.
 *
 * @param ref the ref found (remote-tracking where there is one)
 * @param name the branch's short name, e.g. {@code master}
 * @param source which rule chose it
 * @param reason one line on why, for messages: {@code origin/HEAD points at master}
 */
public record MainBranch(Ref ref, String name, Source source, String reason) {

  /** Which rule chose the branch, in the order they are tried. */
  public enum Source {
    /** Named by a flag or a configuration key. */
    CONFIGURED,
    /** {@code refs/remotes/<remote>/HEAD} names it. */
    REMOTE_HEAD,
    /** No remote HEAD; a branch called main exists. */
    MAIN,
    /** No remote HEAD and no main; a branch called master exists. */
    MASTER,
    /** None of the above; the checked-out branch is the last guess. */
    CHECKED_OUT;

    /** The lower-case, hyphenated name used in JSON ({@code remote-head}). */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public MainBranch {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The branch and why, for messages: {@code master (the default branch: origin/HEAD points at
   * master)}; a configured branch is just its name, since the user named it.
   */
  public String describe() {
    return source == Source.CONFIGURED ? name : name + " (the default branch: " + reason + ")";
  }

  /**
   * Finds the default branch.
   *
   * @param requested a branch the user named, or null to find it
   * @param remote the remote whose HEAD and tracking refs count ({@code origin})
   * @param source the flag or key {@code requested} came from, for messages (e.g. {@code --main})
   * @param howToName the hint when no default branch is found: how the user names it
   */
  public static MainBranch find(Repository repository, String requested, String remote, String source,
      String howToName) {
    try {
      if (requested != null && !requested.isBlank()) {
        List<String> tried = candidates(requested, remote);
        for (String name : tried) {
          Ref ref = repository.exactRef(name);
          if (ref != null && ref.getObjectId() != null) {
            return new MainBranch(ref, shortName(ref, requested, remote), Source.CONFIGURED, "set by " + source);
          }
        }
        throw TrainyardException.invalidInput(source + ": no branch '" + requested + "' (looked for "
            + String.join(", ", tried) + ")", "name an existing branch, or fetch it first");
      }
      Ref remoteHead = repository.exactRef(Constants.R_REMOTES + remote + "/" + Constants.HEAD);
      if (remoteHead != null && remoteHead.isSymbolic() && remoteHead.getObjectId() != null) {
        Ref target = remoteHead.getTarget();
        String name = branchName(target, remote);
        return new MainBranch(target, name, Source.REMOTE_HEAD, remote + "/HEAD points at " + name);
      }
      String noHead = "no " + remote + "/HEAD";
      for (String name : List.of("main", "master")) {
        for (String full : candidates(name, remote)) {
          Ref ref = repository.exactRef(full);
          if (ref != null && ref.getObjectId() != null) {
            return name.equals("main")
                ? new MainBranch(ref, name, Source.MAIN, noHead + "; main exists")
                : new MainBranch(ref, name, Source.MASTER, noHead + " and no main; master exists");
          }
        }
      }
      Ref head = repository.exactRef(Constants.HEAD);
      if (head != null && head.isSymbolic() && head.getObjectId() != null) {
        String branch = Repository.shortenRefName(head.getTarget().getName());
        Ref tracking = repository.exactRef(Constants.R_REMOTES + remote + "/" + branch);
        return new MainBranch(tracking != null ? tracking : head.getTarget(), branch, Source.CHECKED_OUT,
            noHead + ", main or master; the checked-out branch is the guess");
      }
      throw TrainyardException.repositoryState("no default branch found (no " + remote
          + "/HEAD, main, master or checked-out branch)", howToName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The ref of the default branch; see {@link #find}.
   */
  public static Ref resolve(Repository repository, String requested, String remote, String source, String howToName) {
    return find(repository, requested, remote, source, howToName).ref();
  }

  private static String shortName(Ref ref, String requested, String remote) {
    return requested.startsWith(Constants.R_REFS) ? branchName(ref, remote) : requested;
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
