package dev.trainyard.cli.commands;

import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.RemoteUrls;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.version.NextVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What cut, next-version and changelog share: the repository, its configuration, its links. */
final class ReleaseSupport {
  private ReleaseSupport() {}

  static GitRepository open(CommandContext context, Path repoFlag) {
    return GitRepository.open(repoFlag == null ? context.workingDirectory() : context.resolve(repoFlag));
  }

  /** The {@code release:} section of the configuration found at the repository root. */
  static ReleaseConfig config(CommandContext context, GitRepository repo) {
    return context.config(repo.workTree()).releaseOrDefaults();
  }

  /**
   * Links into the repository on its GitHub server: {@code github.repository} or
   * {@code GITHUB_REPOSITORY}, else read from the remote's URL.
   */
  static RepositoryLinks links(CommandContext context, GitRepository repo, String remote) {
    GitHubEndpoint endpoint = context.gitHubLocation(context.config(repo.workTree()), null, "github.repository");
    String repository = endpoint.repository() != null
        ? endpoint.repository().owner() + "/" + endpoint.repository().name()
        : repo.remoteUrl(remote).flatMap(RemoteUrls::repositoryOf).orElse(null);
    return new RepositoryLinks(endpoint.serverUrl(), repository);
  }

  static Map<String, Object> json(NextVersion next) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", next.version());
    json.put("tag", next.tag());
    json.put("previousTag", next.previousTag());
    json.put("previousVersion", next.previousVersion());
    json.put("branch", next.branch());
    json.put("createsBranch", next.createsBranch());
    json.put("scheme", next.scheme().id());
    json.put("patch", next.patch());
    json.put("bump", next.bump() == null ? null : next.bump().id());
    return json;
  }

  static void outputs(CommandContext context, NextVersion next, String compareUrl) {
    context.actions().output("version", next.version());
    context.actions().output("tag", next.tag());
    context.actions().output("branch", next.branch() == null ? "" : next.branch());
    context.actions().output("previous-tag", next.previousTag() == null ? "" : next.previousTag());
    context.actions().output("compare-url", compareUrl == null ? "" : compareUrl);
  }

  static String describe(NextVersion next) {
    String kind = switch (next.scheme()) {
      case TRAIN -> next.patch() ? "train, patch" : "train, regular";
      case DATE -> next.patch() ? "date, re-tag" : "date";
      case SEMVER -> "semver" + (next.bump() == null ? ", Release-As" : ", " + next.bump().id() + " bump");
    };
    return next.version() + " (" + kind + ")";
  }
}
