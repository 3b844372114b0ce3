package dev.trainyard.release;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ChangelogFormat;
import dev.trainyard.changelog.ChangelogRelease;
import dev.trainyard.changelog.ChangelogRenderer;
import dev.trainyard.changelog.ClogSettings;
import dev.trainyard.changelog.CommitCollector;
import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.WorkTreeFiles;
import dev.trainyard.git.TagRef;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersion;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.ReleaseCommits;
import dev.trainyard.version.SchemeName;
import dev.trainyard.version.VersionCalculator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * Builds the {@link ReleasePlan} for {@code cut}: version, changelog sections per package, version
 * file bumps, messages, push commands, links and texts. Reads the repository and never writes it.
 */
public final class ReleasePlanner {
  private final Clock clock;
  private final Reporter reporter;
  private final VersionCalculator calculator;

  public ReleasePlanner(Clock clock, Reporter reporter) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.calculator = new VersionCalculator(clock, reporter);
  }

  public VersionCalculator calculator() {
    return calculator;
  }

  /** The release of HEAD that already exists, if any (re-running {@code cut} is then a no-op). */
  public Optional<TagRef> existingRelease(GitRepository repo, NextVersionRequest request) {
    return calculator.existingRelease(repo, request);
  }

  /** The next version alone, as {@code next-version} prints it. */
  public NextVersion nextVersion(GitRepository repo, NextVersionRequest request) {
    return calculator.next(repo, request, (from, to) -> CommitCollector.collect(repo.repository(), from, to, List.of()));
  }

  /** The plan without a deployment-request text ({@link ReleasePlan#deploymentRequest()} is null). */
  public ReleasePlan plan(GitRepository repo, NextVersionRequest request, ReleaseConfig config, RepositoryLinks links) {
    return plan(repo, request, config, links, ClogSettings.DEFAULTS, null);
  }

  /** The plan without a deployment-request text; a clog changelog follows {@code clog}. */
  public ReleasePlan plan(GitRepository repo, NextVersionRequest request, ReleaseConfig config, RepositoryLinks links,
      ClogSettings clog) {
    return plan(repo, request, config, links, clog, null);
  }

  /** The plan with the default clog settings; {@code requestWriter} as below. */
  public ReleasePlan plan(GitRepository repo, NextVersionRequest request, ReleaseConfig config, RepositoryLinks links,
      DeploymentRequestWriter requestWriter) {
    return plan(repo, request, config, links, ClogSettings.DEFAULTS, requestWriter);
  }

  /**
   * The plan; a changelog in the clog format follows {@code clog} (a {@code .clog.toml}'s sections,
   * links and changelog file), and for a train {@code requestWriter} (when given) writes the
   * deployment request it prints.
   */
  public ReleasePlan plan(GitRepository repo, NextVersionRequest request, ReleaseConfig config, RepositoryLinks links,
      ClogSettings clog, DeploymentRequestWriter requestWriter) {
    ObjectId head = repo.headId();
    NextVersion next = nextVersion(repo, request);
    ObjectId previous = next.previousTag() == null ? null : repo.tag(next.previousTag()).orElseThrow().commit();
    LocalDate today = LocalDate.now(clock);
    ChangelogRelease release = new ChangelogRelease(next.version(), next.tag(), next.previousVersion(),
        next.previousTag(), today);
    ChangelogFormat format = formatFor(config, next.scheme());
    boolean configured = !config.packages().isEmpty();
    List<ReleaseConfig.PackageConfig> packages = configured ? config.packages()
        : List.of(new ReleaseConfig.PackageConfig("", null, format == ChangelogFormat.CLOG ? clog.changelog() : null, null));
    boolean releaseCommits = releaseCommitsListed(config, format);

    List<PackageSection> sections = new ArrayList<>();
    List<FileChange> files = new ArrayList<>();
    for (ReleaseConfig.PackageConfig pkg : packages) {
      List<ConventionalCommit> commits = CommitCollector.collect(repo.repository(), previous, head,
          pkg.path().isEmpty() ? List.of() : List.of(pkg.path())).stream()
          .filter(c -> releaseCommits || !ReleaseCommits.isReleaseCommit(c)).toList();
      String section = ChangelogRenderer.render(format, release, commits, links, clog);
      String changelogPath = pkg.resolve(pkg.changelog());
      sections.add(new PackageSection(pkg.name(), pkg.path(), changelogPath, commits, section));
      String before = read(repo, changelogPath);
      if (before != null || configured) {
        String after = ChangelogRenderer.insert(format, before, section, release, links);
        if (!after.equals(before)) {
          files.add(new FileChange(changelogPath, before, after));
        }
      }
      files.addAll(VersionFiles.bump(repo, pkg, next.version()));
    }

    boolean train = next.scheme() == SchemeName.TRAIN;
    boolean semver = next.scheme() == SchemeName.SEMVER;
    String commitMessage = files.isEmpty() ? null : semver ? "chore: tag " + next.version() : "Release " + next.version();
    String tagMessage = train
        ? (next.patch() ? "Patch release " + next.version() : "Train release " + next.tag().replaceAll("^v\\d+\\.(\\d+)\\..*$", "$1"))
        : semver ? "chore: tag " + next.version()
        : next.patch() ? "Re-tag " + next.version() + " with cherry-picks" : "Release " + next.version();
    String remote = config.remote() == null ? "origin" : config.remote();
    List<String> pushCommands = new ArrayList<>();
    String pushedBranch = next.branch() != null && (commitMessage != null || next.createsBranch()) ? next.branch() : null;
    if (pushedBranch != null) {
      pushCommands.add("git push " + (next.createsBranch() ? "--set-upstream " : "") + remote + " " + pushedBranch);
    }
    pushCommands.add("git push " + remote + " " + next.tag());
    String compareUrl = null;
    if (links != null && links.known()) {
      if (train || semver) {
        String mainBranch = next.mainBranch();
        compareUrl = pushedBranch == null || mainBranch == null || pushedBranch.equals(mainBranch) ? null
            : links.serverUrl() + "/" + links.repository() + "/compare/" + mainBranch + "..." + pushedBranch + "?expand=1";
      } else if (next.previousTag() != null) {
        compareUrl = links.compare(next.previousTag(), next.tag());
      }
    }
    String notes = notes(sections);
    String deploymentRequest = train && requestWriter != null
        ? requestWriter.text(repo, next, sections, head, links, config) : null;
    return new ReleasePlan(next, head.name(), sections, files, commitMessage, tagMessage, signingRequested(repo.repository()),
        remote, pushCommands, compareUrl, notes, deploymentRequest);
  }

  /**
   * The GitHub release text of an existing release {@code tag}: each package's section for the
   * commits since the release before it (used when a re-run only drafts the missing release).
   */
  public String releaseNotes(GitRepository repo, TagRef tag, NextVersionRequest request, ReleaseConfig config,
      RepositoryLinks links) {
    return releaseNotes(repo, tag, request, config, links, ClogSettings.DEFAULTS);
  }

  /** As above, a clog changelog following {@code clog}. */
  public String releaseNotes(GitRepository repo, TagRef tag, NextVersionRequest request, ReleaseConfig config,
      RepositoryLinks links, ClogSettings clog) {
    return notes(existing(repo, tag, request, config, links, clog).sections());
  }

  /** {@link #existing(GitRepository, TagRef, NextVersionRequest, ReleaseConfig, RepositoryLinks, ClogSettings)} without a .clog.toml. */
  public ExistingRelease existing(GitRepository repo, TagRef tag, NextVersionRequest request, ReleaseConfig config,
      RepositoryLinks links) {
    return existing(repo, tag, request, config, links, ClogSettings.DEFAULTS);
  }

  /**
   * An existing release as {@code cut} planned it: the release it follows and each package's
   * changelog section (used by {@code deploy-bug}, which describes a tag after it was pushed); a clog
   * changelog follows {@code clog}.
   */
  public ExistingRelease existing(GitRepository repo, TagRef tag, NextVersionRequest request, ReleaseConfig config,
      RepositoryLinks links, ClogSettings clog) {
    TagRef previous = calculator.previousRelease(repo, request, tag).orElse(null);
    SchemeName scheme = request.scheme().name();
    String version = versionOf(tag.name());
    ChangelogRelease release = new ChangelogRelease(version, tag.name(), previous == null ? null : versionOf(previous.name()),
        previous == null ? null : previous.name(), LocalDate.now(clock));
    List<ReleaseConfig.PackageConfig> packages = config.packages().isEmpty()
        ? List.of(new ReleaseConfig.PackageConfig("", null, null, null)) : config.packages();
    List<PackageSection> sections = new ArrayList<>();
    ChangelogFormat format = formatFor(config, scheme);
    boolean releaseCommits = releaseCommitsListed(config, format);
    String ownCommit = tag.commit().name();
    for (ReleaseConfig.PackageConfig pkg : packages) {
      // The release's own commit ("chore: tag X") was made after its changelog was written.
      List<ConventionalCommit> commits = CommitCollector.collect(repo.repository(), previous == null ? null : previous.commit(),
          tag.commit(), pkg.path().isEmpty() ? List.of() : List.of(pkg.path())).stream()
          .filter(c -> !ReleaseCommits.isReleaseCommit(c) || (releaseCommits && !c.hash().equals(ownCommit))).toList();
      sections.add(new PackageSection(pkg.name(), pkg.path(), pkg.resolve(pkg.changelog()), commits,
          ChangelogRenderer.render(format, release, commits, links, clog)));
    }
    return new ExistingRelease(tag, previous, version, previous == null ? null : versionOf(previous.name()), sections);
  }

  /**
   * @param tag the release's tag
   * @param previous the release it follows, or null for the first
   * @param version the tag's version without prefix
   * @param previousVersion the previous release's version, or null
   * @param sections each package's changelog section for {@code previous..tag}
   */
  public record ExistingRelease(TagRef tag, TagRef previous, String version, String previousVersion,
      List<PackageSection> sections) {
    public ExistingRelease {
      sections = List.copyOf(sections);
    }
  }

  private static String versionOf(String tag) {
    return tag.matches("v\\d.*") ? tag.substring(1) : tag;
  }

  private static String notes(List<PackageSection> sections) {
    if (sections.size() == 1) {
      return sections.get(0).markdown().strip() + "\n";
    }
    return sections.stream().map(s -> "# " + s.name() + "\n\n" + s.markdown().strip())
        .collect(Collectors.joining("\n\n")) + "\n";
  }

  /** {@code release.changelog-release-commits}, else the format's default (clog lists them). */
  static boolean releaseCommitsListed(ReleaseConfig config, ChangelogFormat format) {
    ReleaseCommitsPolicy policy = config.changelogReleaseCommits() != null ? config.changelogReleaseCommits()
        : ReleaseCommitsPolicy.defaultFor(format);
    return policy == ReleaseCommitsPolicy.INCLUDE;
  }

  static ChangelogFormat formatFor(ReleaseConfig config, SchemeName scheme) {
    if (config.changelogFormat() != null) {
      return config.changelogFormat();
    }
    return switch (scheme) {
      case TRAIN -> ChangelogFormat.FXA;
      case SEMVER -> ChangelogFormat.CLOG;
      case DATE -> ChangelogFormat.KEEPACHANGELOG;
    };
  }

  /** {@code tag.gpgSign} or {@code commit.gpgSign} in any git config level the repository sees. */
  static boolean signingRequested(Repository repository) {
    var config = repository.getConfig();
    return config.getBoolean("tag", "gpgSign", false) || config.getBoolean("commit", "gpgSign", false);
  }

  /**
   * A file the release rewrites, or null when it does not exist yet. Through {@link WorkTreeFiles}:
   * a symbolic link on its path, a folder in its place, or a path outside the work tree is refused
   * here, at planning time, before anything is written (and {@code --dry-run} says so too).
   */
  static String read(GitRepository repo, String relativePath) {
    return WorkTreeFiles.read(repo.workTree(), relativePath);
  }

  /** The identity for commits and tags: the repository's user.name/user.email at the clock's time. */
  public PersonIdent identity(GitRepository repo) {
    var config = repo.repository().getConfig();
    String name = config.getString("user", null, "name");
    String email = config.getString("user", null, "email");
    if (name == null || email == null) {
      throw TrainyardException.repositoryState(
          "git user.name/user.email are not set; a release commit and tag need an author",
          "git config user.name 'Release Owner' && git config user.email 'owner@example.com' (in Actions: the github-actions[bot] identity)");
    }
    return new PersonIdent(name, email, clock.instant(), clock.getZone());
  }
}
