package dev.trainyard.bugs;

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
 * @param services the deploy order, or null for the packages in configuration order
 */
public record TextSettings(RequestTemplate template, RequestTemplate summary, List<String> qaLabels,
    String deployNotesFile, String deployNotesHeading, List<String> migrations, String releaseOwner,
    List<String> services) {
  public TextSettings {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(summary, "summary");
    qaLabels = List.copyOf(qaLabels);
    Objects.requireNonNull(deployNotesFile, "deployNotesFile");
    Objects.requireNonNull(deployNotesHeading, "deployNotesHeading");
    migrations = List.copyOf(migrations);
    services = services == null ? null : List.copyOf(services);
  }

  /** The same settings with the deploy order a planner decided. */
  public TextSettings withServices(List<String> order) {
    return new TextSettings(template, summary, qaLabels, deployNotesFile, deployNotesHeading, migrations,
        releaseOwner, order);
  }
}
