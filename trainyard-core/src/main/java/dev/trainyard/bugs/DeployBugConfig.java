package dev.trainyard.bugs;

import dev.trainyard.TrainyardException;
import dev.trainyard.match.Glob;
import java.net.URI;
import java.util.List;

/**
 * The {@code deploy-bug:} section of {@code .trainyard.yml}. Every key is optional; flags override
 * it. The Bugzilla API key is deliberately not here: it comes from {@code BUGZILLA_API_KEY} or the
 * action input {@code bugzilla-api-key}, never from a file in the repository.
 *
 * @param tracker bugzilla (default) or github
 * @param bugzillaUrl the Bugzilla server's base URL; REST lives under {@code /rest} (default
 *     https://bugzilla.mozilla.org)
 * @param product Bugzilla product (default Cloud Services)
 * @param component Bugzilla component (default Operations: Deployment Requests)
 * @param version Bugzilla version field of a new request (default unspecified)
 * @param type Bugzilla bug type of a new request (default task, which bugzilla.mozilla.org requires;
 *     an empty value sends none, for a Bugzilla without bug types)
 * @param severity Bugzilla severity of a new request (default: the server's default)
 * @param cc Bugzilla logins copied on a new request (e.g. the operations staff)
 * @param labels GitHub labels of a new request, also used to find it (default deployment-request)
 * @param repository GitHub {@code owner/name} whose issues hold the requests (default: the
 *     repository itself, from github.repository or GITHUB_REPOSITORY)
 * @param template the request's Mustache template, relative to the repository root (default: the
 *     one shipped with trainyard)
 * @param summary the Mustache template of a new request's summary (title)
 * @param closedBug refuse (default) or comment when the request is closed
 * @param markdown send comments to Bugzilla as Markdown where the server supports it (default true)
 * @param qaLabels labels whose issue searches the text links for QA (default qa+)
 * @param deployNotes a file of deploy notes, relative to the repository root (default
 *     DEPLOY_NOTES.md); its content is included when it changed in the release's range
 * @param deployNotesHeading the heading of the pull-request body section to include (default
 *     Deploy notes)
 * @param migrations globs of paths that are database migrations (default: see
 *     {@link #DEFAULT_MIGRATIONS})
 * @param releaseOwner who is release owner, named in the text
 */
public record DeployBugConfig(
    TrackerKind tracker,
    String bugzillaUrl,
    String product,
    String component,
    String version,
    String type,
    String severity,
    List<String> cc,
    List<String> labels,
    String repository,
    String template,
    String summary,
    ClosedBugPolicy closedBug,
    Boolean markdown,
    List<String> qaLabels,
    String deployNotes,
    String deployNotesHeading,
    List<String> migrations,
    String releaseOwner) {

  public static final String DEFAULT_BUGZILLA_URL = "https://bugzilla.mozilla.org";
  public static final String DEFAULT_PRODUCT = "Cloud Services";
  public static final String DEFAULT_COMPONENT = "Operations: Deployment Requests";
  public static final String DEFAULT_VERSION = "unspecified";
  public static final String DEFAULT_TYPE = "task";
  public static final List<String> DEFAULT_LABELS = List.of("deployment-request");
  public static final List<String> DEFAULT_QA_LABELS = List.of("qa+");
  public static final String DEFAULT_DEPLOY_NOTES = "DEPLOY_NOTES.md";
  public static final String DEFAULT_DEPLOY_NOTES_HEADING = "Deploy notes";
  public static final List<String> DEFAULT_MIGRATIONS =
      List.of("**/migrations/**", "**/migration/**", "**/db/migrate/**", "**/*.sql");

  public static final DeployBugConfig DEFAULTS = new DeployBugConfig(null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null, null, null);

  /**
   * This section with every unset key that has a fixed default set to it (what {@code trainyard
   * config} prints). Severity, cc, the issues' repository, the template file and the release owner
   * stay null: unset, they are the server's default, nobody, the repository itself, the shipped
   * template and nobody named.
   */
  public DeployBugConfig withDefaults() {
    return new DeployBugConfig(tracker != null ? tracker : TrackerKind.BUGZILLA,
        bugzillaUrl != null ? bugzillaUrl : DEFAULT_BUGZILLA_URL, product != null ? product : DEFAULT_PRODUCT,
        component != null ? component : DEFAULT_COMPONENT, version != null ? version : DEFAULT_VERSION,
        type != null ? type : DEFAULT_TYPE, severity, cc, labels != null ? labels : DEFAULT_LABELS, repository, template,
        summary != null ? summary : RequestTemplate.DEFAULT_SUMMARY, closedBug != null ? closedBug : ClosedBugPolicy.REFUSE,
        markdown != null ? markdown : Boolean.TRUE, qaLabels != null ? qaLabels : DEFAULT_QA_LABELS,
        deployNotes != null ? deployNotes : DEFAULT_DEPLOY_NOTES,
        deployNotesHeading != null ? deployNotesHeading : DEFAULT_DEPLOY_NOTES_HEADING,
        migrations != null ? migrations : DEFAULT_MIGRATIONS, releaseOwner);
  }

  public DeployBugConfig {
    if (bugzillaUrl != null) {
      requireHttpUrl(bugzillaUrl, "deploy-bug.bugzilla-url");
    }
    if (repository != null && !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw TrainyardException.invalidInput("deploy-bug.repository must look like owner/name, got '" + repository + "'",
          null);
    }
    for (String key : new String[] {"product", "component", "version"}) {
      String value = switch (key) {
        case "product" -> product;
        case "component" -> component;
        default -> version;
      };
      if (value != null && value.isBlank()) {
        throw TrainyardException.invalidInput("deploy-bug." + key + " must not be empty", "leave it out for the default");
      }
    }
    if (template != null && template.isBlank()) {
      throw TrainyardException.invalidInput("deploy-bug.template must not be empty", "leave it out for the default");
    }
    cc = cc == null ? null : List.copyOf(cc);
    labels = labels == null ? null : List.copyOf(labels);
    qaLabels = qaLabels == null ? null : List.copyOf(qaLabels);
    migrations = migrations == null ? null : List.copyOf(migrations);
    if (migrations != null) {
      for (String glob : migrations) {
        try {
          Glob.path(glob);
        } catch (TrainyardException e) {
          throw TrainyardException.invalidInput("deploy-bug.migrations: " + e.getMessage(), e.hint());
        }
      }
    }
  }

  /** Checks that {@code value} is an absolute http(s) URL; {@code source} names the flag or key. */
  static String requireHttpUrl(String value, String source) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
      throw TrainyardException.invalidInput(source + ": '" + value + "' is not an http(s) URL",
          "for example https://bugzilla.mozilla.org (REST is found under /rest)");
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null) {
      throw TrainyardException.invalidInput(source + ": the URL must not carry credentials or a query",
          "the API key goes in BUGZILLA_API_KEY, never in a URL");
    }
    String text = value.trim();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.endsWith("/rest")) {
      text = text.substring(0, text.length() - "/rest".length());
    }
    return text;
  }
}
