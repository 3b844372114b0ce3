package dev.trainyard.bump;

import java.util.Locale;
import java.util.Optional;

/** The version files trainyard knows how to bump, recognised by file name. */
public enum VersionFileKind {
  PACKAGE_JSON("package.json"),
  /** Also {@code npm-shrinkwrap.json}, which has the same layout. */
  PACKAGE_LOCK_JSON("package-lock.json"),
  CARGO_TOML("Cargo.toml"),
  CARGO_LOCK("Cargo.lock"),
  POM_XML("pom.xml"),
  PYPROJECT_TOML("pyproject.toml"),
  SETUP_PY("setup.py");

  private final String fileName;

  VersionFileKind(String fileName) {
    this.fileName = fileName;
  }

  /** The usual file name, used in messages. */
  public String fileName() {
    return fileName;
  }

  /**
   * The kind of {@code fileName} (a bare name or a path with {@code /} or {@code \}), or empty when
   * trainyard cannot bump that file.
   */
  public static Optional<VersionFileKind> detect(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    String name = fileName.strip();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1).toLowerCase(Locale.ROOT);
    if (name.equals("npm-shrinkwrap.json")) {
      return Optional.of(PACKAGE_LOCK_JSON);
    }
    for (VersionFileKind kind : values()) {
      if (kind.fileName.toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
