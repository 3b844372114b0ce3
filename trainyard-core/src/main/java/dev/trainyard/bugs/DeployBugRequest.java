package dev.trainyard.bugs;

import dev.trainyard.CredentialTransport;
import dev.trainyard.TrainyardException;
import dev.trainyard.deploy.DeployConfig;
import dev.trainyard.deploy.DeployDefaults;
import dev.trainyard.deploy.DeployOrderFlags;
import dev.trainyard.deploy.DeployOrderRequest;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.owner.OwnersConfig;
import dev.trainyard.release.ReleaseConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code deploy-bug} run, every value decided: flags over {@code deploy-bug:} configuration over
 * defaults, resolved in {@link #resolve} and nowhere else.
 *
 * @param tracker Bugzilla or GitHub issues
 * @param tag the release tag, or null for the release tag on HEAD
 * @param env where to deploy
 * @param qa the "please QA on stage" comment
 * @param dryRun print what would be filed or posted; write nothing
 * @param bugzilla the Bugzilla server and fields (also for the GitHub tracker, unused there)
 * @param issues the repository whose issues hold requests (GitHub tracker), or null
 * @param labels GitHub labels of new requests
 * @param closedBug what to do with a closed request
 * @param text template, summary, QA labels, notes file, migrations, release owner
 * @param release the {@code release:} section (scheme, packages, product name)
 * @param github the GitHub endpoint, token included when there is one
 */
public record DeployBugRequest(TrackerKind tracker, String tag, TargetEnvironment env, boolean qa,
    boolean dryRun, BugzillaSettings bugzilla, RepositorySlug issues, List<String> labels, ClosedBugPolicy closedBug,
    TextSettings text, ReleaseConfig release, GitHubEndpoint github) {

  public DeployBugRequest {
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(bugzilla, "bugzilla");
    labels = List.copyOf(labels);
    Objects.requireNonNull(closedBug, "closedBug");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(github, "github");
  }

  /**
   * @param config the {@code deploy-bug:} section
   * @param flags the command's flags
   * @param release the {@code release:} section
   * @param repository the repository's work tree (configured paths are relative to it)
   * @param apiKey the Bugzilla API key from the environment or the action input, or null
   * @param github the GitHub endpoint (flags, configuration and runner variables already applied)
   */
  public static DeployBugRequest resolve(DeployBugConfig config, DeployBugFlags flags, ReleaseConfig release,
      Path repository, String apiKey, GitHubEndpoint github) {
    return resolve(config, flags, release, repository, apiKey, github, null, null, null);
  }

  /**
   * As {@link #resolve(DeployBugConfig, DeployBugFlags, ReleaseConfig, Path, String, GitHubEndpoint)},
   * listing the services in the deploy planner's order.
   *
   * @param deploy the {@code deploy:} section, or null to list the packages in configuration order
   * @param deployDefaults what the planner takes from the {@code release:} section
   * @param owners the {@code owners:} rotation, naming the release owner when {@code
   *     deploy-bug.release-owner} is not set (and copying them on a new Bugzilla request), or null
   */
  public static DeployBugRequest resolve(DeployBugConfig config, DeployBugFlags flags, ReleaseConfig release,
      Path repository, String apiKey, GitHubEndpoint github, DeployConfig deploy, DeployDefaults deployDefaults,
      OwnersConfig owners) {
    DeployBugConfig c = Objects.requireNonNullElse(config, DeployBugConfig.DEFAULTS);
    TrackerKind tracker = flags.tracker() != null ? TrackerKind.parse(flags.tracker(), "--tracker")
        : c.tracker() != null ? c.tracker() : TrackerKind.BUGZILLA;
    TargetEnvironment env = flags.env() != null ? TargetEnvironment.parse(flags.env(), "--env") : TargetEnvironment.STAGE;
    if (flags.qa() && env == TargetEnvironment.PRODUCTION) {
      throw TrainyardException.invalidInput("--qa asks for QA on stage and cannot be combined with --env production",
          "leave out one of them");
    }
    String tag = flags.version() == null || flags.version().isBlank() ? null : flags.version().strip();
    String url = flags.bugzillaUrl() != null ? DeployBugConfig.requireHttpUrl(flags.bugzillaUrl(), "--bugzilla-url")
        : c.bugzillaUrl() != null ? DeployBugConfig.requireHttpUrl(c.bugzillaUrl(), "deploy-bug.bugzilla-url")
        : DeployBugConfig.DEFAULT_BUGZILLA_URL;
    if (tracker == TrackerKind.BUGZILLA && apiKey != null && !CredentialTransport.allows(url)) {
      throw TrainyardException.invalidInput((flags.bugzillaUrl() != null ? "--bugzilla-url" : "deploy-bug.bugzilla-url")
              + " is " + url + ": the Bugzilla API key goes only over HTTPS (plain HTTP only to this machine, e.g. 127.0.0.1)",
          "use https://");
    }
    String product = nonBlank(flags.product(), "--product", c.product(), DeployBugConfig.DEFAULT_PRODUCT);
    String component = nonBlank(flags.component(), "--component", c.component(), DeployBugConfig.DEFAULT_COMPONENT);
    String type = c.type() == null ? DeployBugConfig.DEFAULT_TYPE : c.type().isBlank() ? null : c.type().strip();
    String severity = c.severity() == null || c.severity().isBlank() ? null : c.severity().strip();
    BugzillaSettings bugzilla = new BugzillaSettings(url, product, component,
        c.version() == null ? DeployBugConfig.DEFAULT_VERSION : c.version().strip(), type, severity, c.cc(),
        c.markdown() == null || c.markdown(), apiKey);
    List<String> labels = c.labels() != null ? c.labels() : DeployBugConfig.DEFAULT_LABELS;
    RepositorySlug issues = c.repository() != null ? RepositorySlug.parse(c.repository(), "deploy-bug.repository")
        : github.repository();
    if (tracker == TrackerKind.GITHUB && issues == null) {
      throw TrainyardException.invalidInput("--tracker github needs the repository whose issues hold the requests",
          "set deploy-bug.repository or github.repository in .trainyard.yml (in Actions GITHUB_REPOSITORY is used)");
    }
    ClosedBugPolicy closed = flags.closedBug() != null ? ClosedBugPolicy.parse(flags.closedBug(), "--closed-bug")
        : c.closedBug() != null ? c.closedBug() : ClosedBugPolicy.REFUSE;
    RequestTemplate template = flags.template() != null ? load(flags.template(), flags.template().toString(), "--template")
        : c.template() != null ? load(inside(repository, c.template()), c.template(), "deploy-bug.template")
        : RequestTemplate.defaultTemplate();
    RequestTemplate summary = RequestTemplate.compile(c.summary() != null ? c.summary() : RequestTemplate.DEFAULT_SUMMARY,
        "deploy-bug.summary");
    TextSettings text = new TextSettings(template, summary,
        c.qaLabels() != null ? c.qaLabels() : DeployBugConfig.DEFAULT_QA_LABELS,
        c.deployNotes() != null ? c.deployNotes().strip() : DeployBugConfig.DEFAULT_DEPLOY_NOTES,
        c.deployNotesHeading() != null ? c.deployNotesHeading().strip() : DeployBugConfig.DEFAULT_DEPLOY_NOTES_HEADING,
        c.migrations() != null ? c.migrations() : DeployBugConfig.DEFAULT_MIGRATIONS, c.releaseOwner(),
        deploy == null ? null : DeployOrderRequest.resolve(deploy, deployDefaults, DeployOrderFlags.allServices(env.id())),
        owners);
    return new DeployBugRequest(tracker, tag, env, flags.qa(), flags.dryRun(), bugzilla, issues, labels,
        closed, text, Objects.requireNonNullElse(release, ReleaseConfig.DEFAULTS), github);
  }

  /**
   * The text settings {@code cut} prints its request with: the same configuration, no flags, so cut
   * and deploy-bug use the same template.
   */
  public static TextSettings textSettings(DeployBugConfig config, Path repository, DeployConfig deploy,
      DeployDefaults deployDefaults, OwnersConfig owners) {
    DeployBugConfig c = Objects.requireNonNullElse(config, DeployBugConfig.DEFAULTS);
    return resolve(c, DeployBugFlags.NONE,
        ReleaseConfig.DEFAULTS, repository, null, GitHubEndpoint.defaults(), deploy, deployDefaults, owners).text();
  }

  private static String nonBlank(String flag, String flagName, String configured, String fallback) {
    if (flag != null) {
      if (flag.isBlank()) {
        throw TrainyardException.invalidInput(flagName + " must not be empty", "leave it out for the default");
      }
      return flag.strip();
    }
    return configured != null ? configured.strip() : fallback;
  }

  private static Path inside(Path repository, String relative) {
    Path root = repository.toAbsolutePath().normalize();
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root)) {
      throw TrainyardException.invalidInput("deploy-bug.template must be a path inside the repository, got '"
          + relative + "'", "write it relative to the repository root, e.g. .github/deployment-request.md.mustache");
    }
    return file;
  }

  private static RequestTemplate load(Path file, String shownAs, String source) {
    try {
      return RequestTemplate.compile(Files.readString(file, StandardCharsets.UTF_8), shownAs);
    } catch (NoSuchFileException e) {
      throw TrainyardException.invalidInput(source + ": " + shownAs + " does not exist",
          "pass the path of a Mustache template (see docs/commands/deploy-bug.md)");
    } catch (MalformedInputException e) {
      throw TrainyardException.invalidInput(source + ": " + shownAs + " is not UTF-8 text", null);
    } catch (IOException e) {
      throw TrainyardException.invalidInput(source + ": cannot read " + shownAs + ": " + e.getMessage(), null);
    }
  }
}
