package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Opening the local clone and refusing one whose history is cut off. */
public final class GitRepositories {
  private GitRepositories() {}

  public static Repository open(Path dir) {
    dev.trainyard.git.SystemGitConfig.nameOnce();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      File asGitDir = dir.toFile();
      if (new File(asGitDir, "objects").isDirectory() && new File(asGitDir, "HEAD").isFile()) {
        builder.setGitDir(asGitDir);
      } else {
        throw TrainyardException.repositoryState("no git repository at or above " + dir,
            "run trainyard inside a clone of the repository (actions/checkout first)");
      }
    }
    try {
      return builder.setMustExist(true).build();
    } catch (IOException e) {
      throw new TrainyardException(dev.trainyard.FailureKind.REPOSITORY_STATE,
          "cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * A shallow clone hides the history merge-back reasoning needs: ancestors look missing and every
   * branch would be reported unmerged. GitHub's checkout action makes one by default.
   */
  public static void requireFullHistory(Repository repository) {
    File shallow = new File(repository.getDirectory(), "shallow");
    File commonShallow = new File(repository.getCommonDirectory(), "shallow");
    if (isNonEmpty(shallow) || isNonEmpty(commonShallow)) {
      throw TrainyardException.repositoryState(
          "the repository at " + repository.getDirectory() + " is a shallow clone (" + shallow.getName()
              + " file present); merge-back needs the full history",
          "check out with actions/checkout and 'fetch-depth: 0', or run 'git fetch --unshallow'");
    }
  }

  private static boolean isNonEmpty(File file) {
    return file.isFile() && file.length() > 0;
  }
}
