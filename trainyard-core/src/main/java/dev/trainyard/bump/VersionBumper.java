package dev.trainyard.bump;

import dev.trainyard.TrainyardException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rewrites the version string(s) of one package in a version file and nothing else: indentation,
 * key order, comments, line endings and the final newline stay byte for byte. Each format is read
 * with a small scanner that finds the exact character span of the value ({@link NpmVersionFiles},
 * {@link TomlVersionFiles}, {@link PomVersionFile}, {@link SetupPyVersionFile}), so the rest of the
 * file is never reformatted by a serializer.
 */
public final class VersionBumper {

  private static final Pattern SAFE_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]*");

  private VersionBumper() {}

  /**
   * @param packageName the package whose entry to bump: the crate name for a Cargo.lock with several
   *     local crates, the npm name of a workspace member for a workspace root's package-lock.json;
   *     ignored where the file holds one package only (then any name, or null, will do)
   * @return {@code content} with the version(s) replaced by {@code newVersion}
   * @throws TrainyardException (INVALID_INPUT) naming the file kind when the version is not found
   */
  public static String bump(VersionFileKind kind, String content, String packageName, String newVersion) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    if (newVersion == null || !SAFE_VERSION.matcher(newVersion).matches()) {
      throw TrainyardException.invalidInput(
          "version '" + newVersion + "' cannot be written to " + kind.fileName(),
          "a version is letters, digits and . + _ - only, e.g. 1.2.3 or 1.2.3-rc.1");
    }
    List<Span> spans = switch (kind) {
      case PACKAGE_JSON -> NpmVersionFiles.packageJson(content);
      case PACKAGE_LOCK_JSON -> NpmVersionFiles.packageLock(content, packageName);
      case CARGO_TOML -> TomlVersionFiles.tables(content, kind, List.of("package", "workspace.package"),
          "no version in [package] or [workspace.package]",
          "a crate that inherits version.workspace = true is bumped in the workspace's Cargo.toml");
      case CARGO_LOCK -> TomlVersionFiles.cargoLock(content, packageName);
      case POM_XML -> PomVersionFile.pom(content);
      case PYPROJECT_TOML -> TomlVersionFiles.tables(content, kind, List.of("project", "tool.poetry"),
          "no version in [project] or [tool.poetry]",
          "with dynamic = [\"version\"] the version lives elsewhere (setup.py, a version file or a VCS plugin); bump that instead");
      case SETUP_PY -> SetupPyVersionFile.setupPy(content);
    };
    StringBuilder out = new StringBuilder(content);
    spans.sort((a, b) -> Integer.compare(b.start(), a.start()));
    for (Span span : spans) {
      out.replace(span.start(), span.end(), newVersion);
    }
    return out.toString();
  }

  static TrainyardException notFound(VersionFileKind kind, String what, String hint) {
    return TrainyardException.invalidInput(kind.fileName() + ": " + what, hint);
  }
}
