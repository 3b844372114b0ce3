package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import java.util.List;

/** The version-file rewrites of one package (temporary until dev.trainyard.bump lands on main). */
final class VersionFiles {
  private VersionFiles() {}

  static List<FileChange> bump(GitRepository repo, ReleaseConfig.PackageConfig pkg, String version) {
    if (!pkg.versionFiles().isEmpty()) {
      throw TrainyardException.invalidInput("version-files are not supported in this build yet", null);
    }
    return List.of();
  }
}
