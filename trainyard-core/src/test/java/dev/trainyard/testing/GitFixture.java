package dev.trainyard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository in a temp folder with a fixed identity and a clock that advances one minute
 * per commit, so every test builds the same history on every machine. The repository's own config
 * disables signing and hooks so the developer's global git config cannot leak in.
 */
public final class GitFixture implements AutoCloseable {
  public static final Instant EPOCH = Instant.parse("2026-01-05T10:00:00Z");

  private final Path dir;
  private final Git git;
  private Instant clock = EPOCH;

  private GitFixture(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** A new repository in {@code dir} whose first branch is {@code main}. */
  public static GitFixture init(Path dir) {
    try {
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("commit", null, "gpgsign", false);
      config.setBoolean("tag", null, "gpgsign", false);
      config.setString("user", null, "name", "Fixture Author");
      config.setString("user", null, "email", "fixture@example.com");
      config.save();
      return new GitFixture(dir, git);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An existing repository (e.g. a clone made by a test) with the fixture's identity and clock. */
  public static GitFixture open(Path dir) {
    try {
      Git git = Git.open(dir.toFile());
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("commit", null, "gpgsign", false);
      config.setBoolean("tag", null, "gpgsign", false);
      config.setString("user", null, "name", "Fixture Author");
      config.setString("user", null, "email", "fixture@example.com");
      config.save();
      return new GitFixture(dir, git);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  public Repository repository() {
    return git.getRepository();
  }

  /** The identity used for commits and tags at the fixture's current time. */
  public PersonIdent ident() {
    return new PersonIdent("Fixture Author", "fixture@example.com", clock, ZoneOffset.UTC);
  }

  /** Moves the fake clock, e.g. to make a branch look old. */
  public GitFixture at(Instant instant) {
    clock = instant;
    return this;
  }

  public Instant now() {
    return clock;
  }

  public GitFixture write(String path, String content) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Commits the given files ({@code path, content, path, content...}) with {@code message}. */
  public RevCommit commit(String message, String... pathsAndContents) {
    if (pathsAndContents.length % 2 != 0) {
      throw new IllegalArgumentException("paths and contents come in pairs");
    }
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      write(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who = ident();
      clock = clock.plusSeconds(60);
      return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true)
          .setSign(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An annotated tag on HEAD. */
  public GitFixture tag(String name) {
    return tag(name, "Release " + name);
  }

  public GitFixture tag(String name, String message) {
    try {
      git.tag().setName(name).setAnnotated(true).setMessage(message).setTagger(ident()).setSigned(false)
          .call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A lightweight tag on HEAD. */
  public GitFixture lightweightTag(String name) {
    try {
      git.tag().setName(name).setAnnotated(false).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates {@code name} at HEAD and checks it out. */
  public GitFixture branch(String name) {
    try {
      git.checkout().setCreateBranch(true).setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public GitFixture checkout(String name) {
    try {
      git.checkout().setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A merge commit of {@code branch} into the current branch (never a fast-forward). */
  public RevCommit merge(String branch, String message) {
    try {
      var result = git.merge().include(repository().resolve(branch))
          .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF).setCommit(false).call();
      if (!result.getMergeStatus().isSuccessful()) {
        throw new IllegalStateException("merge of " + branch + " failed: " + result.getMergeStatus());
      }
      PersonIdent who = ident();
      clock = clock.plusSeconds(60);
      return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
  }

  @Override
  public void close() {
    git.close();
  }
}
