package dev.trainyard.release;

import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.version.NextVersion;
import java.util.List;

/**
 * The deployment request text a train's release owner files for operations (Bugzilla, "Cloud
 * Services :: Operations: Deployment Requests"), or, for a patch, the comment for the train's
 * existing request. It carries what the release-owner guide asks for: the tag, the changelogs, the
 * QA label and a place for the deploy-doc notes (config changes, migrations).
 */
final class DeploymentRequest {
  private DeploymentRequest() {}

  static String text(NextVersion next, List<PackageSection> sections, RepositoryLinks links, ReleaseConfig config,
      GitRepository repo) {
    String product = config.deployProduct() != null ? config.deployProduct()
        : links != null && links.known() ? links.repository().substring(links.repository().indexOf('/') + 1)
        : repo.workTree().getFileName().toString();
    String train = next.version().split("\\.")[1];
    boolean known = links != null && links.known();
    String base = known ? links.serverUrl() + "/" + links.repository() : null;
    StringBuilder text = new StringBuilder();
    if (next.patch()) {
      text.append("Comment for the existing deployment request of train ").append(train).append(":\n\n");
      text.append("Please deploy ").append(product).append(" patch release ").append(next.tag()).append(" to stage.\n");
    } else {
      text.append("Product: Cloud Services\n");
      text.append("Component: Operations: Deployment Requests\n");
      text.append("Summary: Please deploy ").append(product).append(" train ").append(train)
          .append(" (").append(next.tag()).append(") to stage\n\n");
      text.append("Please deploy ").append(product).append(" train ").append(train).append(" (tag ")
          .append(next.tag()).append(") to stage.\n");
    }
    text.append('\n');
    if (known) {
      text.append("Tag: ").append(base).append("/releases/tag/").append(next.tag()).append('\n');
      if (next.previousTag() != null) {
        text.append("Changes: ").append(links.compare(next.previousTag(), next.tag())).append('\n');
      }
      text.append("QA: ").append(base).append("/issues?q=label%3Aqa%2B\n");
    } else {
      text.append("Tag: ").append(next.tag()).append('\n');
    }
    text.append("\nChangelogs:\n");
    for (PackageSection section : sections) {
      String where = known ? base + "/blob/" + next.tag() + "/" + section.changelogFile() : section.changelogFile();
      int count = section.commits().size();
      text.append("- ").append(section.name()).append(": ").append(where)
          .append(count == 0 ? " (no changes)" : " (" + count + " change" + (count == 1 ? "" : "s") + ")").append('\n');
    }
    text.append("\nNotes from the deploy doc (configuration changes, database migrations, other server-side steps):\n");
    text.append("- none\n");
    return text.toString();
  }
}
