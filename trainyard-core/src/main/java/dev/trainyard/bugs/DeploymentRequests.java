package dev.trainyard.bugs;

import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ReleaseConfig;
import java.util.List;

/** Helpers shared by {@code cut}'s printed request and {@code deploy-bug}. */
public final class DeploymentRequests {
  private DeploymentRequests() {}

  /** What is deployed: {@code release.deploy-product}, else the repository's name, else the folder's. */
  public static String product(ReleaseConfig config, RepositoryLinks links, GitRepository repo) {
    if (config.deployProduct() != null && !config.deployProduct().isBlank()) {
      return config.deployProduct().strip();
    }
    if (links != null && links.known()) {
      return links.repository().substring(links.repository().indexOf('/') + 1);
    }
    return repo.workTree().getFileName().toString();
  }

  /** The lines that say where a new request goes, as {@code cut} and {@code --dry-run} print them. */
  public static List<String> destinationLines(TrackerKind tracker, String product, String component,
      String repository, List<String> labels) {
    return tracker == TrackerKind.GITHUB
        ? List.of("Repository: " + repository, "Labels: " + String.join(", ", labels))
        : List.of("Product: " + product, "Component: " + component);
  }
}
