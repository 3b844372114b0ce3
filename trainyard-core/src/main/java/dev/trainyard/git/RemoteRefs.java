package dev.trainyard.git;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
 * no objects fetched, nothing written to the local repository; and how the local clone compares
 * with them before a release is tagged.
 *
 * @param url the URL that was asked, without the user name or password it may hold
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
    // Sorted by name, not Map.copyOf: its iteration order changes from one JVM to the next, and the
    // messages built from these maps (the tags a clone lacks, the tags that differ) list them in it.
    branches = sorted(branches);
    tags = sorted(tags);
    peeledTags = sorted(peeledTags);
  }

  private static Map<String, ObjectId> sorted(Map<String, ObjectId> refs) {
    Map<String, ObjectId> sorted = new TreeMap<>();
    refs.forEach((name, id) -> sorted.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(id, name)));
    return Collections.unmodifiableMap(sorted);
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
    String url = url(repo, remote);
    LsRemoteCommand command = lsRemote(repo, remote);
    if (token != null && tokenHost != null) {
      // Asked with the URI JGit is talking to at that moment, after any redirect.
      command.setCredentialsProvider(new HostBoundCredentials(tokenHost, token));
    }
    return call(command, remote, url);
  }

  /**
   * Lists {@code remote} of {@code repo} the way a push to it goes: through {@code transport}, so an
   * SSH remote is reached with the user's SSH configuration, keys, known_hosts and agent.
   */
  public static RemoteRefs list(GitRepository repo, String remote, GitTransport transport) {
    String url = url(repo, remote);
    return call(transport.configure(lsRemote(repo, remote)), remote, url);
  }

  private static String url(GitRepository repo, String remote) {
    return repo.remoteUrl(remote).orElseThrow(() -> TrainyardException.repositoryState(
        "no remote '" + remote + "' in " + repo.workTree(), "git remote add " + remote + " URL, or set release.remote"));
  }

  private static LsRemoteCommand lsRemote(GitRepository repo, String remote) {
    return repo.git().lsRemote().setRemote(remote).setHeads(true).setTags(true).setTimeout(TIMEOUT_SECONDS);
  }

  private static RemoteRefs call(LsRemoteCommand command, String remote, String url) {
    Collection<Ref> refs;
    try {
      refs = command.call();
    } catch (GitAPIException | RuntimeException e) {
      if (e instanceof TrainyardException te) {
        throw te;
      }
      throw new TrainyardException(FailureKind.REMOTE, "cannot list the refs of " + remote + " ("
          + RemoteUrls.withoutCredentials(url) + "): " + withoutUserInfo(oneLine(e)),
          "check the remote's URL, the network and your access (SSH key and known_hosts, or GITHUB_TOKEN for HTTPS)", e);
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
    return new RemoteRefs(withoutUserInfo(url), branches, tags, peeled);
  }

  /** The commit a remote tag names: the peeled id for an annotated tag, else the ref itself. */
  public ObjectId tagCommit(String tag) {
    return peeledTags.getOrDefault(tag, tags.get(tag));
  }

  /** The URLs in {@code text} without a user name or password ({@code https://user:secret@host/x} is {@code https://host/x}). */
  static String withoutUserInfo(String text) {
    return text.replaceAll("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@", "$1");
  }

  /**
   * What stops a release from being tagged: the branch is behind (or has diverged from) the
   * remote's, the remote already has the tag, or the remote has tags this clone lacks. Each problem
   * is one line with the command that fixes it; an empty list means the clone is up to date.
   *
   * @param remote the remote's name ({@code origin}), as the commands name it
   * @param branch the branch the release starts from ({@code main}, {@code train-12}), or null when
   *     detached
   * @param tag the tag the release will create
   */
  public List<String> problems(GitRepository repo, String remote, String branch, ObjectId head, String tag) {
    List<String> problems = new ArrayList<>();
    if (branch != null && branches.containsKey(branch)) {
      ObjectId theirs = branches.get(branch);
      if (!theirs.equals(head)) {
        boolean known;
        try {
          known = repo.repository().getObjectDatabase().has(theirs);
        } catch (IOException e) {
          known = false;
        }
        if (!known || !repo.isAncestor(theirs, head)) {
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
    for (String remoteTag : tags.keySet()) {
      if (remoteTag.equals(tag)) {
        continue;
      }
      try {
        if (repo.repository().exactRef(Constants.R_TAGS + remoteTag) == null) {
          missing.add(remoteTag);
        }
      } catch (IOException e) {
        throw repo.ioFailure("read tag " + remoteTag, e);
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
