package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.bump.VersionBumper;
import dev.trainyard.bump.VersionFileKind;
import dev.trainyard.git.GitRepository;
import java.util.ArrayList;
import java.util.List;

/** The version-file rewrites of one package. */
final class VersionFiles {
  private VersionFiles() {}

  static List<FileChange> bump(GitRepository repo, ReleaseConfig.PackageConfig pkg, String version) {
    List<FileChange> changes = new ArrayList<>();
    for (String file : pkg.versionFiles()) {
      String path = pkg.resolve(file);
      VersionFileKind kind = VersionFileKind.detect(file).orElseThrow(() -> TrainyardException.invalidInput(
          "release.packages[" + pkg.name() + "].version-files: trainyard cannot bump '" + file + "'",
          "supported: package.json, package-lock.json, npm-shrinkwrap.json, Cargo.toml, Cargo.lock, pom.xml, pyproject.toml, setup.py"));
      String before = ReleasePlanner.read(repo, path);
      if (before == null) {
        throw TrainyardException.invalidInput(
            "release.packages[" + pkg.name() + "].version-files: " + path + " does not exist",
            "fix the path (relative to the package folder " + (pkg.path().isEmpty() ? "." : pkg.path()) + ")");
      }
      String after;
      try {
        after = VersionBumper.bump(kind, before, pkg.name(), version);
      } catch (TrainyardException e) {
        // The bumper knows the file kind only ("package.json:1:48: ..."); say which file and package.
        String message = e.getMessage().startsWith(kind.fileName()) ? path + e.getMessage().substring(kind.fileName().length())
            : path + ": " + e.getMessage();
        throw new TrainyardException(e.kind(), message + " (package " + pkg.name() + ")", e.hint(), e);
      }
      if (!after.equals(before)) {
        changes.add(new FileChange(path, before, after));
      }
    }
    return changes;
  }
}
