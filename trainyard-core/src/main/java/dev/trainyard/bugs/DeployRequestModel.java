package dev.trainyard.bugs;

import java.util.List;

/**
 * Everything a deployment request's text may say: the one model that both {@code cut} (which
 * prints the text) and {@code deploy-bug} (which files or posts it) render through the same
 * template, so the two never disagree. Template authors see these names; {@code docs/commands/
 * deploy-bug.md} lists them. Values that do not apply are null or empty lists, so a Mustache
 * section around them simply disappears.
 *
 * @param product the name of what is deployed ({@code release.deploy-product}, else the repository's name)
 * @param env {@code stage} or {@code production}
 * @param stage true when {@code env} is stage
 * @param production true when {@code env} is production
 * @param newRequest true when the text becomes a new request's description, false for a comment on the existing one
 * @param patch true for a patch (dot) release of a train
 * @param qa true for the "please QA on stage" comment
 * @param train the train number for the train scheme ({@code 212}), else null
 * @param version the version without prefix
 * @param tag the release tag
 * @param previousTag the release it follows, or null
 * @param tagUrl the tag's page on GitHub, or null when the repository is unknown
 * @param compareUrl {@code previous...tag} on GitHub, or null
 * @param summary the new request's summary (title), rendered from {@code deploy-bug.summary}
 * @param packages the changelog per package, in configuration order
 * @param changes the number of changes in all packages
 * @param qaLinks the configured QA label searches
 * @param deployNotes the deploy-notes file's content, when it changed in the range; else null
 * @param deployNotesFile the deploy-notes file's path (whether or not it has news)
 * @param pullRequestNotes the "Deploy notes" sections of pull requests merged in the range
 * @param pullRequestNotesChecked true when pull requests were looked up (a GitHub token was available)
 * @param hasDeployNotes true when {@code deployNotes} or {@code pullRequestNotes} says something
 * @param migrations database migrations among the files changed in the range
 * @param services the services in deploy order
 * @param servicesOrderedBy where the order comes from: {@code deploy-order} or {@code packages}
 * @param releaseOwner the release owner, when configured
 */
public record DeployRequestModel(
    String product,
    String env,
    boolean stage,
    boolean production,
    boolean newRequest,
    boolean patch,
    boolean qa,
    String train,
    String version,
    String tag,
    String previousTag,
    String tagUrl,
    String compareUrl,
    String summary,
    List<PackageChanges> packages,
    int changes,
    List<Link> qaLinks,
    String deployNotes,
    String deployNotesFile,
    List<PullRequestNote> pullRequestNotes,
    boolean pullRequestNotesChecked,
    boolean hasDeployNotes,
    List<Migration> migrations,
    List<Service> services,
    String servicesOrderedBy,
    String releaseOwner) {

  public DeployRequestModel {
    packages = List.copyOf(packages);
    qaLinks = List.copyOf(qaLinks);
    pullRequestNotes = List.copyOf(pullRequestNotes);
    migrations = List.copyOf(migrations);
    services = List.copyOf(services);
  }

  /** The same model with a summary (the summary is itself rendered from the model). */
  public DeployRequestModel withSummary(String newSummary) {
    return new DeployRequestModel(product, env, stage, production, newRequest, patch, qa, train, version, tag,
        previousTag, tagUrl, compareUrl, newSummary, packages, changes, qaLinks, deployNotes, deployNotesFile,
        pullRequestNotes, pullRequestNotesChecked, hasDeployNotes, migrations, services, servicesOrderedBy,
        releaseOwner);
  }

  /** The same model for a new request (description) or a comment on the existing one. */
  public DeployRequestModel asNewRequest(boolean value) {
    return new DeployRequestModel(product, env, stage, production, value, patch, qa, train, version, tag,
        previousTag, tagUrl, compareUrl, summary, packages, changes, qaLinks, deployNotes, deployNotesFile,
        pullRequestNotes, pullRequestNotesChecked, hasDeployNotes, migrations, services, servicesOrderedBy,
        releaseOwner);
  }

  /**
   * One package's changes.
   *
   * @param name the package's name
   * @param path its folder, {@code ""} for the root
   * @param changelogFile its changelog, relative to the repository root
   * @param changelogUrl the changelog at the tag on GitHub, or null
   * @param changes how many commits
   * @param changed true when there is at least one
   * @param changesText {@code no changes}, {@code 1 change}, {@code 12 changes}
   * @param commits the commits, newest first
   * @param markdown the package's changelog section as {@code cut} writes it
   */
  public record PackageChanges(String name, String path, String changelogFile, String changelogUrl, int changes,
      boolean changed, String changesText, List<Commit> commits, String markdown) {
    public PackageChanges {
      commits = List.copyOf(commits);
    }
  }

  /**
   * @param type conventional type ({@code feat}, {@code fix}, ... or {@code other})
   * @param scope the scope, or null
   * @param subject the subject line
   * @param breaking a breaking change
   * @param shortHash seven hex digits
   * @param url the commit on GitHub, or null
   * @param pullRequest the pull request number, or null
   * @param pullRequestUrl the pull request on GitHub, or null
   */
  public record Commit(String type, String scope, String subject, boolean breaking, String shortHash, String url,
      Integer pullRequest, String pullRequestUrl) {}

  /** @param label e.g. {@code qa+}; @param url the issue search on GitHub */
  public record Link(String label, String url) {}

  /**
   * @param number the pull request
   * @param title its title
   * @param url its page
   * @param notes the text under its "Deploy notes" heading
   * @param indentedNotes the same, every line indented by two spaces to sit under a list item
   */
  public record PullRequestNote(int number, String title, String url, String notes, String indentedNotes) {}

  /**
   * @param path the changed file, relative to the repository root
   * @param change added, modified, deleted or renamed
   * @param url the file at the tag on GitHub, or null (and for a deleted file)
   */
  public record Migration(String path, String change, String url) {}

  /** @param position 1-based place in the deploy order; @param name the service */
  public record Service(int position, String name) {}
}
