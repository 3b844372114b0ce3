package dev.trainyard.bugs;

import dev.trainyard.deploy.DeployOrderRequest;
import java.util.List;
import java.util.Objects;

/**
 * What shapes the request's text besides the release itself; resolved once from flags and the
 * {@code deploy-bug:} section (see {@link DeployBugRequest#resolve}) and shared by cut and deploy-bug.
 *
 * @param template the request template
 * @param summary the summary template
 * @param qaLabels labels whose issue searches are linked for QA
 * @param deployNotesFile the deploy-notes file, relative to the repository root
 * @param deployNotesHeading the pull-request section heading
 * @param migrations globs of migration paths
 * @param releaseOwner the release owner, or null
 * @param deployOrder the deploy planner's request for every service of the environment (what
 *     {@code deploy-order --all} plans), or null to list the packages in configuration order
 */
public record TextSettings(RequestTemplate template, RequestTemplate summary, List<String> qaLabels,
    String deployNotesFile, String deployNotesHeading, List<String> migrations, String releaseOwner,
    DeployOrderRequest deployOrder) {
  public TextSettings {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(summary, "summary");
    qaLabels = List.copyOf(qaLabels);
    Objects.requireNonNull(deployNotesFile, "deployNotesFile");
    Objects.requireNonNull(deployNotesHeading, "deployNotesHeading");
    migrations = List.copyOf(migrations);
  }

  /** The same settings with another deploy-order request (e.g. for another environment). */
  public TextSettings withDeployOrder(DeployOrderRequest request) {
    return new TextSettings(template, summary, qaLabels, deployNotesFile, deployNotesHeading, migrations,
        releaseOwner, request);
  }
}
