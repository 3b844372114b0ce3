package dev.trainyard.git;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A remote's branches and tags, read with a read-only {@code git ls-remote} (nothing is fetched or
 * written), and how the local clone compares with them before a release is tagged.
 *
 * @param remote the remote's name ({@code origin})
 * @param heads branch name to commit ({@code main} to its id)
 * @param tags tag name to the object it points at ({@code v1.2.0})
 */
public record RemoteRefs(String remote, Map<String, ObjectId> heads, Map<String, ObjectId> tags) {
  public RemoteRefs {
    heads = Map.copyOf(heads);
    tags = Map.copyOf(tags);
  }

  /** Reads the remote's refs (30 s timeout); a remote that cannot be reached is a REMOTE failure. */
  public static RemoteRefs read(GitRepository repo, String remote, GitTransport transport) {
    String url = repo.remoteUrl(remote).orElseThrow(() -> TrainyardException.repositoryState(
        "remote '" + remote + "' is not configured in " + repo.workTree(), "git remote add " + remote + " URL"));
    try {
      Map<String, ObjectId> heads = new TreeMap<>();
      Map<String, ObjectId> tags = new TreeMap<>();
      for (Ref ref : transport.configure(repo.git().lsRemote().setRemote(remote).setTimeout(30), url).call()) {
        String name = ref.getName();
        if (name.startsWith(Constants.R_HEADS) && ref.getObjectId() != null) {
          heads.put(name.substring(Constants.R_HEADS.length()), ref.getObjectId());
        } else if (name.startsWith(Constants.R_TAGS) && !name.endsWith("^{}") && ref.getObjectId() != null) {
          tags.put(name.substring(Constants.R_TAGS.length()), ref.getObjectId());
        }
      }
      return new RemoteRefs(remote, heads, tags);
    } catch (GitAPIException | RuntimeException e) {
      if (e instanceof TrainyardException te) {
        throw te;
      }
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new TrainyardException(FailureKind.REMOTE, "cannot read the refs of remote '" + remote + "' ("
          + RemoteUrls.withoutCredentials(url) + "): " + reason.lines().findFirst().orElse(reason),
          "check the remote's URL and your access (SSH key and known_hosts, or GITHUB_TOKEN for HTTPS)", e);
    }
  }

  /**
   * What stops a release from being tagged: the branch is behind (or has diverged from) the
   * remote's, the remote already has the tag, or the remote has tags this clone lacks. Each problem
   * is one line with the command that fixes it; an empty list means the clone is up to date.
   *
   * @param branch the branch the release starts from ({@code main}, {@code train-12}), or null when
   *     detached
   * @param tag the tag the release will create
   */
  public List<String> problems(GitRepository repo, String branch, ObjectId head, String tag) {
    List<String> problems = new ArrayList<>();
    if (branch != null && heads.containsKey(branch)) {
      ObjectId theirs = heads.get(branch);
      if (!theirs.equals(head)) {
        boolean known;
        try {
          known = repo.repository().getObjectDatabase().has(theirs);
        } catch (IOException e) {
          known = false;
        }
        if (!known || !isAncestor(repo, theirs, head)) {
          problems.add(remote + "/" + branch + " is at " + theirs.abbreviate(7).name() + ", which this clone's "
              + branch + " (" + head.abbreviate(7).name() + ") does not contain: the branch is behind"
              + " (run 'git pull --ff-only " + remote + " " + branch + "')");
        }
      }
    }
    if (tags.containsKey(tag)) {
      problems.add(remote + " already has tag " + tag + " (at " + tags.get(tag).abbreviate(7).name()
          + "): someone released it (run 'git fetch " + remote + " tag " + tag + "' and look at it)");
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, ObjectId> remoteTag : tags.entrySet()) {
      if (remoteTag.getKey().equals(tag)) {
        continue;
      }
      try {
        Ref local = repo.repository().exactRef(Constants.R_TAGS + remoteTag.getKey());
        if (local == null) {
          missing.add(remoteTag.getKey());
        }
      } catch (IOException e) {
        throw repo.ioFailure("read tag " + remoteTag.getKey(), e);
      }
    }
    if (!missing.isEmpty()) {
      String shown = String.join(", ", missing.subList(0, Math.min(5, missing.size())))
          + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "");
      problems.add(remote + " has " + (missing.size() == 1 ? "a tag" : missing.size() + " tags")
          + " this clone lacks (" + shown + "), so the version may be wrong (run 'git fetch --tags " + remote + "')");
    }
    return problems;
  }

  private static boolean isAncestor(GitRepository repo, ObjectId ancestor, ObjectId descendant) {
    try (RevWalk walk = new RevWalk(repo.repository())) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
    } catch (IOException e) {
      return false;
    }
  }
}
