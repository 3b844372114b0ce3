package dev.trainyard.git;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * The branches and tags a remote has right now, read like {@code git ls-remote}: one round trip,
 * no objects fetched, nothing written to the local repository.
 *
 * @param url the URL that was asked
 * @param branches short branch name to commit
 * @param tags tag name to the tag's own object id (the tag object of an annotated tag)
 * @param peeledTags tag name to the commit it names, where the remote said (annotated tags)
 */
public record RemoteRefs(String url, Map<String, ObjectId> branches, Map<String, ObjectId> tags,
    Map<String, ObjectId> peeledTags) {

  /** How long one listing may take before it counts as unreachable. */
  public static final int TIMEOUT_SECONDS = 30;

  public RemoteRefs {
    Objects.requireNonNull(url, "url");
    branches = Map.copyOf(branches);
    tags = Map.copyOf(tags);
    peeledTags = Map.copyOf(peeledTags);
  }

  /**
   * Lists {@code remote} of {@code repo}. A token is sent only over HTTPS (plain HTTP only to
   * loopback) and only to {@code tokenHost} (the GitHub server it belongs to), never to another
   * host, also not to the one a redirect leads to ({@link HostBoundCredentials}).
   *
   * @param token a GitHub token, or null for anonymous access
   * @param tokenHost the host the token is for, e.g. {@code github.com}
   */
  public static RemoteRefs list(GitRepository repo, String remote, String token, String tokenHost) {
    String url = repo.remoteUrl(remote).orElseThrow(() -> TrainyardException.repositoryState(
        "no remote '" + remote + "' in " + repo.workTree(), "git remote add " + remote + " URL, or set release.remote"));
    LsRemoteCommand command = repo.git().lsRemote().setRemote(remote).setHeads(true).setTags(true)
        .setTimeout(TIMEOUT_SECONDS);
    if (token != null && tokenHost != null) {
      // Asked with the URI JGit is talking to at that moment, after any redirect.
      command.setCredentialsProvider(new HostBoundCredentials(tokenHost, token));
    }
    Collection<Ref> refs;
    try {
      refs = command.call();
    } catch (GitAPIException | RuntimeException e) {
      throw new TrainyardException(FailureKind.REMOTE, "cannot list the refs of " + remote + " (" + url + "): "
          + oneLine(e), "check the network and your access to the remote", e);
    }
    Map<String, ObjectId> branches = new TreeMap<>();
    Map<String, ObjectId> tags = new TreeMap<>();
    Map<String, ObjectId> peeled = new TreeMap<>();
    for (Ref ref : refs) {
      String name = ref.getName();
      if (ref.getObjectId() == null) {
        continue;
      }
      if (name.startsWith(Constants.R_HEADS)) {
        branches.put(name.substring(Constants.R_HEADS.length()), ref.getObjectId().copy());
      } else if (name.startsWith(Constants.R_TAGS)) {
        String tag = name.substring(Constants.R_TAGS.length());
        tags.put(tag, ref.getObjectId().copy());
        if (ref.getPeeledObjectId() != null) {
          peeled.put(tag, ref.getPeeledObjectId().copy());
        }
      }
    }
    return new RemoteRefs(url, branches, tags, peeled);
  }

  /** The commit a remote tag names: the peeled id for an annotated tag, else the ref itself. */
  public ObjectId tagCommit(String tag) {
    return peeledTags.getOrDefault(tag, tags.get(tag));
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message = message + ": " + root.getMessage();
    }
    return message.replaceAll("\\s+", " ").strip();
  }
}
