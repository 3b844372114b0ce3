package dev.trainyard.git;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The one way into a local git repository: opening it ({@link #open} where a work tree is needed,
 * {@link #openHistory} where history is enough), the checks commands need (shallow, dirty,
 * detached) and the clear one-line errors they raise. Holds the JGit repository open until
 * {@link #close()}.
 */
public final class GitRepository implements AutoCloseable {
  static final String SHALLOW_HINT =
      "in GitHub Actions use actions/checkout with 'fetch-depth: 0'; locally run 'git fetch --tags --unshallow'";
  static final String NOT_A_REPOSITORY_HINT =
      "run inside a clone of the repository (in GitHub Actions, actions/checkout first), or pass --repo DIR";
  static final String BARE_HINT = "run in a checkout of the repository, not in a bare clone";

  private final Repository repository;
  private final Git git;
  private List<TagRef> tags;

  private GitRepository(Repository repository) {
    this.repository = repository;
    this.git = new Git(repository);
  }

  /**
   * Opens the repository that contains {@code start} (walking up to the folder holding .git) for
   * work that needs a work tree: a bare repository is refused.
   */
  public static GitRepository open(Path start) {
    GitRepository repo = openHistory(start);
    if (repo.isBare()) {
      String gitDir = repo.repository.getDirectory().toString();
      repo.close();
      throw TrainyardException.repositoryState("bare repository: " + gitDir + " has no work tree", BARE_HINT);
    }
    return repo;
  }

  /**
   * Opens the repository that contains {@code start} for work that reads history only: a bare
   * repository (or {@code start} being a git folder itself) is fine.
   */
  public static GitRepository openHistory(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    SystemGitConfig.nameOnce();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      File asGitDir = dir.toFile();
      if (new File(asGitDir, "objects").isDirectory() && new File(asGitDir, "HEAD").isFile()) {
        builder.setGitDir(asGitDir);
      } else {
        throw TrainyardException.repositoryState(
            "not a git repository: " + dir + " (nor any of its parents)", NOT_A_REPOSITORY_HINT);
      }
    }
    try {
      return new GitRepository(builder.setMustExist(true).build());
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.REPOSITORY_STATE,
          "cannot open git repository at " + builder.getGitDir() + ": " + e.getMessage(), null, e);
    }
  }

  public boolean isBare() {
    return repository.isBare();
  }

  public Repository repository() {
    return repository;
  }

  public Git git() {
    return git;
  }

  public Path workTree() {
    return repository.getWorkTree().toPath();
  }

  /** The checked-out branch's short name, or empty when HEAD is detached (or unborn). */
  public Optional<String> currentBranch() {
    try {
      Ref head = repository.exactRef(Constants.HEAD);
      if (head == null || !head.isSymbolic()) {
        return Optional.empty();
      }
      return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
    } catch (IOException e) {
      throw ioFailure("read HEAD", e);
    }
  }

  /** The checked-out branch, or a REPOSITORY_STATE error saying why {@code purpose} needs one. */
  public String requireBranch(String purpose) {
    return currentBranch().orElseThrow(() -> TrainyardException.repositoryState(
        "HEAD is detached at " + headId().abbreviate(7).name() + "; " + purpose + " needs a branch",
        "check out the branch first, e.g. 'git checkout main'"));
  }

  /** The commit HEAD points at; a REPOSITORY_STATE error in a repository without commits. */
  public ObjectId headId() {
    try {
      ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
      if (head == null) {
        throw TrainyardException.repositoryState(
            "the repository at " + workTree() + " has no commits yet", "commit something first");
      }
      return head;
    } catch (IOException e) {
      throw ioFailure("resolve HEAD", e);
    }
  }

  /** Resolves a revision (branch, tag, hash, {@code HEAD~2}) to a commit, or an INVALID_INPUT error. */
  public ObjectId resolveCommit(String revision, String inputName) {
    try {
      ObjectId id = repository.resolve(revision + "^{commit}");
      if (id == null) {
        throw TrainyardException.invalidInput(
            inputName + ": '" + revision + "' does not name a commit in " + workTree(),
            "use a tag, branch or commit hash that exists locally (git fetch --tags first?)");
      }
      return id;
    } catch (IOException | RuntimeException e) {
      if (e instanceof TrainyardException te) {
        throw te;
      }
      throw TrainyardException.invalidInput(
          inputName + ": '" + revision + "' is not a valid revision: " + e.getMessage(), null);
    }
  }

  /** Refuses a work tree with uncommitted or untracked changes, naming up to five paths. */
  public void requireClean() {
    try {
      Status status = git.status().call();
      if (status.isClean()) {
        return;
      }
      TreeSet<String> paths = new TreeSet<>();
      paths.addAll(status.getUncommittedChanges());
      paths.addAll(status.getUntracked());
      paths.addAll(status.getConflicting());
      List<String> shown = new ArrayList<>(paths).subList(0, Math.min(5, paths.size()));
      String more = paths.size() > 5 ? " and " + (paths.size() - 5) + " more" : "";
      throw TrainyardException.repositoryState(
          "the work tree has uncommitted changes: " + String.join(", ", shown) + more,
          "commit or stash them first ('git stash -u'), then run again");
    } catch (GitAPIException e) {
      throw new TrainyardException(FailureKind.REPOSITORY_STATE,
          "cannot read the work tree status: " + e.getMessage(), null, e);
    }
  }

  /**
   * True when this is a shallow clone (history cut off at a depth). A linked work tree
   * ({@code git worktree add}) keeps the shallow list with the shared state in the common folder.
   */
  public boolean isShallow() {
    return nonEmpty(new File(repository.getDirectory(), "shallow"))
        || nonEmpty(new File(repository.getCommonDirectory(), "shallow"));
  }

  private static boolean nonEmpty(File file) {
    return file.isFile() && file.length() > 0;
  }

  /**
   * Refuses a shallow clone, whose cut-off history would make ancestors look missing.
   *
   * @param consequence what would go wrong, for the message: "so the previous release cannot be found"
   */
  public void requireNotShallow(String consequence) {
    if (isShallow()) {
      throw TrainyardException.repositoryState(
          "shallow clone: " + location() + " has only part of its history, " + consequence, SHALLOW_HINT);
    }
  }

  /** The work tree, or the git folder of a bare repository. */
  private Path location() {
    return isBare() ? repository.getDirectory().toPath() : workTree();
  }

  /**
   * Refuses to start writing while a git lock file exists: {@code index.lock}, {@code HEAD.lock},
   * {@code packed-refs.lock}, {@code config.lock} or a {@code .lock} under {@code refs/}. Either
   * another git process is working on this repository right now, or one crashed and left it; both
   * would make a release fail half-way (REPOSITORY_STATE, exit 4, naming the file).
   */
  public void requireNoGitLocks() {
    List<Path> locks = new ArrayList<>();
    Path gitDir = repository.getDirectory().toPath();
    Path commonDir = repository.getCommonDirectory().toPath();
    for (Path candidate : List.of(gitDir.resolve("index.lock"), gitDir.resolve("HEAD.lock"),
        commonDir.resolve("packed-refs.lock"), commonDir.resolve("config.lock"), gitDir.resolve("config.lock"))) {
      if (Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !locks.contains(candidate)) {
        locks.add(candidate);
      }
    }
    Path refs = commonDir.resolve("refs");
    if (Files.isDirectory(refs)) {
      try (var walk = Files.walk(refs, 16)) {
        walk.filter(path -> path.getFileName().toString().endsWith(".lock")).sorted().forEach(locks::add);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new TrainyardException(FailureKind.REPOSITORY_STATE, "cannot look for git locks under " + refs + ": "
            + e.getMessage(), null, e);
      }
    }
    if (!locks.isEmpty()) {
      Path lock = locks.get(0);
      throw TrainyardException.repositoryState(
          "git lock " + lock + " exists" + (locks.size() > 1 ? " (and " + (locks.size() - 1) + " more)" : "")
              + ": another git process is running, or remove " + lock,
          "wait for the other git command to finish; if none is running, it crashed: 'rm " + lock + "', then run again");
    }
  }

  /**
   * Refuses history a release cannot be computed from: a shallow clone, or a clone that has commits
   * but not one tag (what {@code actions/checkout} gives by default). A repository without a remote
   * and without tags is a legitimate first release and passes.
   */
  public void requireFullHistory(boolean allowNoTags) {
    requireNotShallow("so the previous release cannot be found");
    if (!allowNoTags && tags().isEmpty() && !repository.getRemoteNames().isEmpty()) {
      throw TrainyardException.repositoryState(
          "no tags in " + workTree() + " although it is a clone of a remote; the tags were not fetched",
          SHALLOW_HINT + " (or pass --first-release for a repository that was never released)");
    }
  }

  /** Every tag that peels to a commit, lightweight or annotated, in no particular order. */
  public List<TagRef> tags() {
    if (tags != null) {
      return tags;
    }
    List<TagRef> result = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        if (ref.getObjectId() == null) {
          continue;
        }
        RevObject object = walk.parseAny(ref.getObjectId());
        boolean annotated = object instanceof RevTag;
        RevObject peeled = walk.peel(object);
        if (peeled instanceof RevCommit commit) {
          result.add(new TagRef(ref.getName().substring(Constants.R_TAGS.length()), commit, annotated));
        }
      }
    } catch (IOException e) {
      throw ioFailure("list tags", e);
    }
    tags = List.copyOf(result);
    return tags;
  }

  /** Forgets the cached tag list (after this process created or deleted a tag). */
  public void refreshTags() {
    tags = null;
  }

  /**
   * The UTC day a tag was made: the tagger's date of an annotated tag, the commit date of a
   * lightweight one (what {@code cut} dated the section with). Empty when no tag has this name.
   */
  public Optional<LocalDate> tagDate(String name) {
    try (RevWalk walk = new RevWalk(repository)) {
      Ref ref = repository.exactRef(Constants.R_TAGS + name);
      if (ref == null || ref.getObjectId() == null) {
        return Optional.empty();
      }
      RevObject object = walk.parseAny(ref.getObjectId());
      PersonIdent who = object instanceof RevTag tag && tag.getTaggerIdent() != null ? tag.getTaggerIdent()
          : walk.peel(object) instanceof RevCommit commit ? commit.getCommitterIdent() : null;
      return Optional.ofNullable(who).map(ident -> LocalDate.ofInstant(ident.getWhenAsInstant(), ZoneOffset.UTC));
    } catch (IOException e) {
      throw ioFailure("read tag " + name, e);
    }
  }

  public Optional<TagRef> tag(String name) {
    return tags().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * What the ref {@code fullName} ({@code refs/tags/v1.8.0}) points at, when it exists, whatever that
   * is: "a commit", "a tree", "a blob", "a tag of a tree", or "nothing (a broken ref)". A name is
   * taken as soon as the ref exists; {@link #tags()} lists only the tags that peel to a commit.
   */
  public Optional<String> refTarget(String fullName) {
    try {
      Ref ref = repository.exactRef(fullName);
      if (ref == null) {
        return Optional.empty();
      }
      if (ref.getObjectId() == null) {
        return Optional.of("nothing (a broken or symbolic ref)");
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevObject object = walk.parseAny(ref.getObjectId());
        RevObject peeled = walk.peel(object);
        String kind = Constants.typeString(peeled.getType());
        String article = "a " + kind;
        return Optional.of(object instanceof RevTag ? "a tag of " + article : article);
      } catch (org.eclipse.jgit.errors.MissingObjectException e) {
        return Optional.of("a missing object " + ref.getObjectId().abbreviate(7).name());
      }
    } catch (IOException e) {
      throw ioFailure("read " + fullName, e);
    }
  }

  /** Tags grouped by the commit they point at. */
  public Map<ObjectId, List<TagRef>> tagsByCommit(Predicate<String> nameFilter) {
    Map<ObjectId, List<TagRef>> byCommit = new HashMap<>();
    for (TagRef tag : tags()) {
      if (nameFilter.test(tag.name())) {
        byCommit.computeIfAbsent(tag.commit(), k -> new ArrayList<>()).add(tag);
      }
    }
    return byCommit;
  }

  /**
   * Walks first-parent history from {@code start} and returns the tags matching {@code nameFilter}
   * on the first commit that has any. Side branches merged in (feature branches, other trains) are
   * not looked into, which is exactly what a patch release on a train branch needs.
   */
  public List<TagRef> lastTagsOnFirstParent(ObjectId start, Predicate<String> nameFilter) {
    Map<ObjectId, List<TagRef>> byCommit = tagsByCommit(nameFilter);
    if (byCommit.isEmpty()) {
      return List.of();
    }
    try (RevWalk walk = new RevWalk(repository)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(start));
      for (RevCommit commit : walk) {
        List<TagRef> found = byCommit.get(commit.getId());
        if (found != null) {
          return found;
        }
      }
      return List.of();
    } catch (IOException e) {
      throw ioFailure("walk history", e);
    }
  }

  /** True when {@code ancestor} is reachable from {@code descendant} (or equal to it). */
  public boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
    } catch (IOException e) {
      throw ioFailure("compare history", e);
    }
  }

  /** Commits reachable from {@code to} but not from {@code fromExclusive} (null: all of them). */
  public int countCommits(ObjectId fromExclusive, ObjectId to) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(to));
      if (fromExclusive != null) {
        walk.markUninteresting(walk.parseCommit(fromExclusive));
      }
      int count = 0;
      for (RevCommit ignored : walk) {
        count++;
      }
      return count;
    } catch (IOException e) {
      throw ioFailure("count commits", e);
    }
  }

  public RevCommit parseCommit(ObjectId id) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(id);
      walk.parseBody(commit);
      return commit;
    } catch (IOException e) {
      throw ioFailure("read commit " + id.name(), e);
    }
  }

  public boolean branchExists(String name) {
    try {
      return repository.exactRef(Constants.R_HEADS + name) != null;
    } catch (IOException e) {
      throw ioFailure("read branch " + name, e);
    }
  }

  /** The URL of a remote, or empty when it is not configured. */
  public Optional<String> remoteUrl(String remote) {
    return Optional.ofNullable(repository.getConfig().getString("remote", remote, "url"));
  }

  public Collection<String> remoteNames() {
    return repository.getRemoteNames();
  }

  TrainyardException ioFailure(String what, IOException e) {
    return new TrainyardException(FailureKind.REPOSITORY_STATE,
        "cannot " + what + " in " + workTree() + ": " + e.getMessage(), null, e);
  }

  @Override
  public void close() {
    git.close();
    repository.close();
  }
}
