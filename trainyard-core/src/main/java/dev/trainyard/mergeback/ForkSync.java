package dev.trainyard.mergeback;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.HostBoundCredentials;
import dev.trainyard.git.MainBranch;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;

/**
 * Compares a fork's main (e.g. a private security repository, fetched as a remote) with ours. The
 * comparison reads the remote-tracking ref only; fetching it is the caller's job unless
 * {@link #fetch} is used, so a scheduled check needs no extra credentials by default.
 */
public final class ForkSync {
  /** Commit lists are cut here; a fork this far apart needs a person, not a longer list. */
  static final int MAX_LISTED = 1000;
  private static final int FETCH_ATTEMPTS = 3;

  private ForkSync() {}

  /**
   * @param remoteSpec {@code REMOTE} (compares {@code REMOTE/<our main's name>}) or {@code REMOTE/BRANCH}
   */
  public static ForkSyncResult compare(Repository repository, String ourMainRef, String remoteSpec) {
    Target target = target(repository, ourMainRef, remoteSpec);
    try (RevWalk walk = new RevWalk(repository)) {
      Ref fork = repository.exactRef(target.trackingRef());
      if (fork == null || fork.getObjectId() == null) {
        throw TrainyardException.repositoryState("--fork-sync: " + target.trackingRef() + " does not exist",
            "fetch it first ('git fetch " + target.remote() + "') or pass --fetch");
      }
      Ref ours = repository.exactRef(ourMainRef);
      RevCommit ourTip = walk.parseCommit(ours.getObjectId());
      RevCommit forkTip = walk.parseCommit(fork.getObjectId());
      List<String> onlyOurs = only(walk, ourTip, forkTip);
      List<String> onlyFork = only(walk, forkTip, ourTip);
      ForkSyncState state = onlyOurs.isEmpty() && onlyFork.isEmpty() ? ForkSyncState.EQUAL
          : onlyFork.isEmpty() ? ForkSyncState.BEHIND
          : onlyOurs.isEmpty() ? ForkSyncState.AHEAD
          : ForkSyncState.DIVERGED;
      return new ForkSyncResult(fork.getName(), forkTip.name(), ourMainRef, ourTip.name(), state, onlyOurs, onlyFork);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fetches the fork's branch into its remote-tracking ref. A token, when given, is sent as the
   * password the way GitHub accepts it, only to {@code tokenHost} over HTTPS; transport failures are
   * retried a few times.
   */
  public static void fetch(Repository repository, String ourMainRef, String remoteSpec, String token, String tokenHost,
      Reporter reporter) {
    Target target = target(repository, ourMainRef, remoteSpec);
    // Only to the GitHub server's host over HTTPS (plain HTTP only to loopback), also after a redirect.
    CredentialsProvider credentials = token == null || token.isBlank() || tokenHost == null ? null
        : new HostBoundCredentials(tokenHost, token);
    String refSpec = "+" + Constants.R_HEADS + target.branch() + ":" + target.trackingRef();
    for (int attempt = 1; ; attempt++) {
      try {
        Git.wrap(repository).fetch().setRemote(target.remote()).setRefSpecs(new RefSpec(refSpec))
            .setCredentialsProvider(credentials).setTimeout(60).call();
        return;
      } catch (GitAPIException e) {
        if (attempt >= FETCH_ATTEMPTS) {
          throw new TrainyardException(FailureKind.REMOTE, "--fork-sync: fetching " + target.branch() + " from "
              + target.remote() + " failed after " + attempt + " attempts: " + oneLine(e.getMessage()),
              "check the remote's URL and that the token may read it", e);
        }
        reporter.warn("fetching " + target.remote() + " failed (" + oneLine(e.getMessage()) + "); trying again");
      }
    }
  }

  private record Target(String remote, String branch, String trackingRef) {}

  private static Target target(Repository repository, String ourMainRef, String remoteSpec) {
    if (remoteSpec == null || remoteSpec.isBlank()) {
      throw TrainyardException.invalidInput("--fork-sync: no remote given", "pass a remote name, e.g. --fork-sync security");
    }
    int slash = remoteSpec.indexOf('/');
    String remote = slash < 0 ? remoteSpec : remoteSpec.substring(0, slash);
    String branch = slash < 0 ? MainBranch.branchName(exact(repository, ourMainRef), remote)
        : remoteSpec.substring(slash + 1);
    if (branch.contains("/") && slash < 0) {
      // our main is another remote's tracking ref (origin/main): use its branch part
      branch = branch.substring(branch.indexOf('/') + 1);
    }
    try {
      boolean configured = RemoteConfig.getAllRemoteConfigs(repository.getConfig()).stream()
          .anyMatch(r -> r.getName().equals(remote));
      if (!configured && repository.exactRef(Constants.R_REMOTES + remote + "/" + branch) == null) {
        throw TrainyardException.invalidInput("--fork-sync: no remote '" + remote + "' in this clone",
            "add it first: git remote add " + remote + " URL");
      }
    } catch (java.net.URISyntaxException | IOException e) {
      throw TrainyardException.repositoryState("--fork-sync: cannot read the remotes: " + e.getMessage(), null);
    }
    return new Target(remote, branch, Constants.R_REMOTES + remote + "/" + branch);
  }

  private static Ref exact(Repository repository, String name) {
    try {
      return repository.exactRef(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> only(RevWalk walk, RevCommit in, RevCommit notIn) throws IOException {
    walk.reset();
    walk.markStart(in);
    walk.markUninteresting(notIn);
    List<String> out = new ArrayList<>();
    for (RevCommit c : walk) {
      if (out.size() == MAX_LISTED) {
        break;
      }
      out.add(c.name());
    }
    return out;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}
