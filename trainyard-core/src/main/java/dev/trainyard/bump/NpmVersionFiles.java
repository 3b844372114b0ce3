package dev.trainyard.bump;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** package.json and package-lock.json (or npm-shrinkwrap.json): where their version strings are. */
final class NpmVersionFiles {
  private NpmVersionFiles() {}

  static List<Span> packageJson(String content) {
    Map<List<String>, JsonStrings.Found> values = JsonStrings.of(content, VersionFileKind.PACKAGE_JSON);
    JsonStrings.Found version = values.get(List.of("version"));
    if (version == null) {
      throw VersionBumper.notFound(VersionFileKind.PACKAGE_JSON, "no top-level \"version\" field", "add \"version\": \"0.0.0\" to the package");
    }
    return new ArrayList<>(List.of(version.span()));
  }

  static List<Span> packageLock(String content, String packageName) {
    VersionFileKind kind = VersionFileKind.PACKAGE_LOCK_JSON;
    Map<List<String>, JsonStrings.Found> values = JsonStrings.of(content, kind);
    JsonStrings.Found rootName = values.get(List.of("name"));
    List<Span> spans = new ArrayList<>();
    boolean workspaceRoot = values.keySet().stream().anyMatch(path -> path.size() >= 2 && path.get(0).equals("packages")
        && !path.get(1).isEmpty() && !path.get(1).contains("node_modules/"));
    // A lock without workspace members belongs to one package, whatever trainyard calls it.
    if (packageName == null || rootName == null || rootName.value().equals(packageName) || !workspaceRoot) {
      JsonStrings.Found top = values.get(List.of("version"));
      JsonStrings.Found root = values.get(List.of("packages", "", "version"));
      if (top != null) {
        spans.add(top.span());
      }
      if (root != null) {
        spans.add(root.span());
      }
      if (spans.isEmpty()) {
        throw VersionBumper.notFound(kind, "no top-level \"version\" and no packages[\"\"].version",
            "regenerate the lock file with npm install");
      }
      return spans;
    }
    // A workspace member: its entry under "packages" is keyed by folder and carries its name.
    for (Map.Entry<List<String>, JsonStrings.Found> e : values.entrySet()) {
      List<String> path = e.getKey();
      if (path.size() == 3 && path.get(0).equals("packages") && path.get(2).equals("name")
          && e.getValue().value().equals(packageName) && !path.get(1).contains("node_modules/")) {
        JsonStrings.Found version = values.get(List.of("packages", path.get(1), "version"));
        if (version != null) {
          spans.add(version.span());
        }
      }
    }
    if (spans.isEmpty()) {
      throw VersionBumper.notFound(kind, "no workspace package named '" + packageName + "' with a version",
          "check the package name, or regenerate the lock file with npm install");
    }
    return spans;
  }
}
