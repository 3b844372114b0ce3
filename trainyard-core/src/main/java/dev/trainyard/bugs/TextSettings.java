package dev.trainyard.bugs;

import dev.trainyard.deploy.DeployOrderRequest;
import dev.trainyard.owner.Duty;
import dev.trainyard.owner.OwnerRequest;
import dev.trainyard.owner.OwnerRotation;
import dev.trainyard.owner.OwnersConfig;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param releaseOwner the release owner as configured ({@code deploy-bug.release-owner}), or null
 * @param deployOrder the deploy planner's request for every service of the environment (what
 *     {@code deploy-order --all} plans), or null to list the packages in configuration order
 * @param owners the release-owner rotation ({@code owners:}), asked when no release owner is
 *     configured here, or null
 */
public record TextSettings(RequestTemplate template, RequestTemplate summary, List<String> qaLabels,
    String deployNotesFile, String deployNotesHeading, List<String> migrations, String releaseOwner,
    DeployOrderRequest deployOrder, OwnersConfig owners) {
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
        releaseOwner, request, owners);
  }

  /**
   * Who the rotation has on duty on {@code clock}'s day (the day the request is filed), when no
   * release owner is configured in {@code deploy-bug:} and {@code owners:} has people.
   */
  public Optional<Duty> onDuty(Clock clock) {
    if ((releaseOwner != null && !releaseOwner.isBlank()) || owners == null || !owners.configured()) {
      return Optional.empty();
    }
    return Optional.of(OwnerRotation.lookup(new OwnerRequest(owners, LocalDate.now(clock))).owner());
  }

  /** The release owner the text names: the configured one, else the rotation's (name and GitHub login). */
  public String releaseOwner(Clock clock) {
    if (releaseOwner != null && !releaseOwner.isBlank()) {
      return releaseOwner.strip();
    }
    return onDuty(clock).map(d -> d.name() + (d.github() == null ? "" : " (@" + d.github() + ")")).orElse(null);
  }
}
