package dev.trainyard.release;

import dev.trainyard.changelog.ConventionalCommit;
import java.util.List;
import java.util.Objects;

/**
 * The changelog section written for one package.
 *
 * @param name the package's name (its folder's last segment unless configured)
 * @param path the package folder relative to the repository root, {@code ""} for the root
 * @param changelogFile the changelog's path relative to the repository root
 * @param commits the commits since the previous release that touch the folder, newest first
 * @param markdown the rendered section
 */
public record PackageSection(
    String name, String path, String changelogFile, List<ConventionalCommit> commits, String markdown) {
  public PackageSection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    commits = List.copyOf(commits);
    Objects.requireNonNull(markdown, "markdown");
  }
}
