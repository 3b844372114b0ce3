package dev.trainyard.bugs;

import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.deploy.DeployConfig;
import dev.trainyard.deploy.DeployDefaults;
import dev.trainyard.git.GitRepository;
import dev.trainyard.owner.OwnersConfig;
import dev.trainyard.release.DeploymentRequestWriter;
import dev.trainyard.release.PackageSection;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersion;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The deployment request {@code cut} prints for a train: where it would be filed, then the text
 * {@code deploy-bug} would file (a regular train) or post on the train's request (a patch), from
 * the same template and model. {@code cut} works offline, so the pull requests' deploy notes, which
 * need the GitHub API, are the one part only {@code deploy-bug} adds.
 */
public final class CutRequestText implements DeploymentRequestWriter {
  private final TextSettings settings;
  private final List<String> destination;
  private final Clock clock;
  private final Reporter reporter;

  /**
   * @param destination lines naming where a new request goes ({@code Product: ...}, {@code Component: ...})
   */
  public CutRequestText(TextSettings settings, List<String> destination, Clock clock, Reporter reporter) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.destination = List.copyOf(destination);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /**
   * The writer for {@code cut}, from the {@code deploy-bug:} section.
   *
   * @param repository the repository's work tree (a configured template is relative to it)
   * @param issuesRepository {@code owner/name} for the GitHub tracker when not configured, or null
   */
  public static CutRequestText fromConfig(DeployBugConfig config, java.nio.file.Path repository, String issuesRepository,
      Reporter reporter) {
    return fromConfig(config, repository, issuesRepository, null, null, null, Clock.systemUTC(), reporter);
  }

  /**
   * As {@link #fromConfig(DeployBugConfig, java.nio.file.Path, String, Reporter)}, listing the
   * services in the deploy planner's stage order.
   *
   * @param deploy the {@code deploy:} section, or null to list the packages in configuration order
   * @param owners the {@code owners:} rotation (the release owner when deploy-bug names none), or null
   */
  public static CutRequestText fromConfig(DeployBugConfig config, java.nio.file.Path repository, String issuesRepository,
      DeployConfig deploy, DeployDefaults deployDefaults, OwnersConfig owners, Clock clock, Reporter reporter) {
    DeployBugConfig c = config == null ? DeployBugConfig.DEFAULTS : config;
    TrackerKind tracker = c.tracker() == null ? TrackerKind.BUGZILLA : c.tracker();
    List<String> destination = DeploymentRequests.destinationLines(tracker,
        c.product() == null ? DeployBugConfig.DEFAULT_PRODUCT : c.product(),
        c.component() == null ? DeployBugConfig.DEFAULT_COMPONENT : c.component(),
        c.repository() != null ? c.repository() : issuesRepository == null ? "(the repository)" : issuesRepository,
        c.labels() == null ? DeployBugConfig.DEFAULT_LABELS : c.labels());
    return new CutRequestText(DeployBugRequest.textSettings(c, repository, deploy, deployDefaults, owners), destination, clock,
        reporter);
  }

  @Override
  public String text(GitRepository repo, NextVersion next, List<PackageSection> sections, ObjectId end,
      RepositoryLinks links, ReleaseConfig config) {
    ObjectId from = next.previousTag() == null ? null
        : repo.tag(next.previousTag()).map(t -> (ObjectId) t.commit()).orElse(null);
    RequestFacts facts = new RequestFacts(DeploymentRequests.product(config, links, repo), next, from, end, sections,
        links, TargetEnvironment.STAGE, false, !next.patch());
    DeployRequestModel model = new RequestModelBuilder(repo, settings, null, clock, reporter).build(facts);
    String body = settings.template().render(model);
    StringBuilder text = new StringBuilder();
    if (next.patch()) {
      text.append("Comment for the existing deployment request of train ").append(model.train()).append(":\n\n");
    } else {
      destination.forEach(line -> text.append(line).append('\n'));
      text.append("Summary: ").append(model.summary()).append("\n\n");
    }
    return text.append(body.strip()).append('\n').toString();
  }
}
