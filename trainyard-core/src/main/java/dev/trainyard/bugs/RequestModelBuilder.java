package dev.trainyard.bugs;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.CommitCollector;
import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.deploy.DeployPlanner;
import dev.trainyard.git.GitRepository;
import dev.trainyard.match.Glob;
import dev.trainyard.release.PackageSection;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Builds the {@link DeployRequestModel} of a release from the repository (changelogs, the
 * deploy-notes file, migrations by path) and, when a {@link PullRequestLookup} is given, from the
 * pull requests merged in the range (their "Deploy notes" sections).
 */
public final class RequestModelBuilder {
  /** Commits whose message names no pull request are looked up one by one; this bounds those calls. */
  static final int MAX_COMMIT_LOOKUPS = 30;
  private static final Pattern MERGE_PR = Pattern.compile("^Merge pull request #(\\d+)\\b");
  private static final Pattern SQUASH_PR = Pattern.compile("\\(#(\\d+)\\)\\s*$");

  private final GitRepository repo;
  private final TextSettings settings;
  private final PullRequestLookup pullRequests;
  private final Clock clock;
  private final Reporter reporter;

  /** @param pullRequests GitHub's pull requests, or null when there is no token (cut prints offline) */
  public RequestModelBuilder(GitRepository repo, TextSettings settings, PullRequestLookup pullRequests, Clock clock,
      Reporter reporter) {
    this.repo = Objects.requireNonNull(repo, "repo");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.pullRequests = pullRequests;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  public DeployRequestModel build(RequestFacts facts) {
    RepositoryLinks links = facts.links();
    String tag = facts.next().tag();
    String base = links.known() ? links.serverUrl() + "/" + links.repository() : null;
    List<DeployRequestModel.PackageChanges> packages = new ArrayList<>();
    int changes = 0;
    for (PackageSection section : facts.sections()) {
      List<DeployRequestModel.Commit> commits = section.commits().stream().map(c -> commit(c, links)).toList();
      int count = commits.size();
      changes += count;
      packages.add(new DeployRequestModel.PackageChanges(section.name(), section.path(), section.changelogFile(),
          base == null || section.changelogFile() == null ? null : base + "/blob/" + tag + "/" + section.changelogFile(),
          count, count > 0, count == 0 ? "no changes" : count == 1 ? "1 change" : count + " changes", commits,
          section.markdown()));
    }
    List<DeployRequestModel.Link> qaLinks = base == null ? List.of() : settings.qaLabels().stream()
        .map(label -> new DeployRequestModel.Link(label, base + "/issues?q=" + labelQuery(label))).toList();
    String notes = deployNotesFile(facts.from(), facts.to());
    List<DeployRequestModel.PullRequestNote> prNotes = List.of();
    boolean checked = false;
    if (pullRequests != null) {
      try {
        prNotes = pullRequestNotes(facts.from(), facts.to(), links);
        checked = true;
      } catch (TrainyardException e) {
        if (e.kind() == FailureKind.INTERNAL) {
          throw e;
        }
        // The request matters more than its pull requests' notes: say so loudly and go on without them.
        reporter.warn("the pull requests' deploy notes are left out: " + e.getMessage());
      }
    }
    List<DeployRequestModel.Migration> migrations = migrations(facts.from(), facts.to(), base, tag);
    List<String> order = settings.deployOrder() != null
        ? new DeployPlanner(clock, reporter).plan(repo, settings.deployOrder()).order()
        : facts.sections().stream().map(PackageSection::name).toList();
    List<DeployRequestModel.Service> services = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      services.add(new DeployRequestModel.Service(i + 1, order.get(i)));
    }
    DeployRequestModel model = new DeployRequestModel(facts.product(), facts.env().id(),
        facts.env() == TargetEnvironment.STAGE, facts.env() == TargetEnvironment.PRODUCTION, facts.newRequest(),
        facts.next().patch() && facts.train() != null, facts.qa(), facts.train(), facts.next().version(), tag,
        facts.next().previousTag(), base == null ? null : base + "/releases/tag/" + tag,
        facts.next().previousTag() == null ? null : links.compare(facts.next().previousTag(), tag), null,
        packages, changes, qaLinks, notes, settings.deployNotesFile(), prNotes, checked,
        notes != null || !prNotes.isEmpty(), migrations, services,
        settings.deployOrder() != null ? "deploy-order" : "packages", settings.releaseOwner(clock));
    return model.withSummary(settings.summary().render(model).strip().replaceAll("\\s+", " "));
  }

  private static DeployRequestModel.Commit commit(ConventionalCommit c, RepositoryLinks links) {
    return new DeployRequestModel.Commit(c.type(), c.scope(), c.subject(), c.breaking(), c.shortHash(),
        links.commit(c.hash()), c.pr(), c.pr() == null ? null : links.pullRequest(c.pr()));
  }

  static String labelQuery(String label) {
    String term = label.matches("[^\\s\"]+") ? label : "\"" + label.replace("\"", "") + "\"";
    return "label%3A" + URLEncoder.encode(term, StandardCharsets.UTF_8);
  }

  /** The deploy-notes file at {@code to}, when it differs from {@code from}'s; else null. */
  private String deployNotesFile(ObjectId from, ObjectId to) {
    String path = settings.deployNotesFile();
    ObjectId now = blob(to, path);
    if (now == null || (from != null && now.equals(blob(from, path)))) {
      return null;
    }
    try {
      String text = new String(repo.repository().open(now).getBytes(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? null : text;
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.REPOSITORY_STATE, "cannot read " + path + ": " + e.getMessage(), null, e);
    }
  }

  private ObjectId blob(ObjectId commit, String path) {
    Repository repository = repo.repository();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit parsed = walk.parseCommit(commit);
      try (TreeWalk tree = TreeWalk.forPath(repository, path, parsed.getTree())) {
        return tree == null ? null : tree.getObjectId(0);
      }
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.REPOSITORY_STATE, "cannot read " + path + " at " + commit.name()
          + ": " + e.getMessage(), null, e);
    }
  }

  private List<DeployRequestModel.Migration> migrations(ObjectId from, ObjectId to, String base, String tag) {
    List<Glob> globs = settings.migrations().stream().map(Glob::path).toList();
    Repository repository = repo.repository();
    List<DeployRequestModel.Migration> found = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository);
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(repository);
      diff.setDetectRenames(true);
      RevCommit end = walk.parseCommit(to);
      List<DiffEntry> entries = from == null
          ? diff.scan(null, end.getTree())
          : diff.scan(walk.parseCommit(from).getTree(), end.getTree());
      for (DiffEntry entry : entries) {
        boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        String path = deleted ? entry.getOldPath() : entry.getNewPath();
        if (globs.stream().anyMatch(glob -> glob.matches(path))) {
          String change = switch (entry.getChangeType()) {
            case ADD, COPY -> "added";
            case MODIFY -> "modified";
            case DELETE -> "deleted";
            case RENAME -> "renamed from " + entry.getOldPath();
          };
          found.add(new DeployRequestModel.Migration(path, change,
              base == null || deleted ? null : base + "/blob/" + tag + "/" + path));
        }
      }
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.REPOSITORY_STATE, "cannot compare the release's files: " + e.getMessage(),
          null, e);
    }
    return found;
  }

  private List<DeployRequestModel.PullRequestNote> pullRequestNotes(ObjectId from, ObjectId to, RepositoryLinks links) {
    Set<Integer> numbers = new LinkedHashSet<>();
    List<String> unnamed = new ArrayList<>();
    for (ConventionalCommit commit : CommitCollector.collect(repo.repository(), from, to, List.of())) {
      Integer number = commit.pr() != null ? commit.pr() : prOf(commit.subject());
      if (number != null) {
        numbers.add(number);
      } else if (!isReleaseCommit(commit)) {
        unnamed.add(commit.hash());
      }
    }
    if (unnamed.size() > MAX_COMMIT_LOOKUPS) {
      reporter.warn(unnamed.size() + " commits in the range name no pull request; looking up the newest "
          + MAX_COMMIT_LOOKUPS + " of them for deploy notes");
    }
    for (String sha : unnamed.subList(0, Math.min(unnamed.size(), MAX_COMMIT_LOOKUPS))) {
      numbers.addAll(pullRequests.pullRequestsOf(sha));
    }
    List<DeployRequestModel.PullRequestNote> notes = new ArrayList<>();
    for (int number : numbers.stream().sorted().toList()) {
      Optional<PullRequestLookup.PullRequest> pr = pullRequests.pullRequest(number);
      if (pr.isEmpty() || !pr.get().merged()) {
        continue;
      }
      String section = DeployNotes.section(pr.get().body(), settings.deployNotesHeading());
      if (!section.isEmpty()) {
        notes.add(new DeployRequestModel.PullRequestNote(number, pr.get().title(),
            pr.get().url() != null ? pr.get().url() : links.pullRequest(number), section, indent(section)));
      }
    }
    reporter.debug("deploy notes: " + notes.size() + " of " + numbers.size() + " pull requests have a '"
        + settings.deployNotesHeading() + "' section");
    return notes;
  }

  private static Integer prOf(String subject) {
    Matcher merge = MERGE_PR.matcher(subject);
    if (merge.find()) {
      return Integer.valueOf(merge.group(1));
    }
    Matcher squash = SQUASH_PR.matcher(subject);
    return squash.find() ? Integer.valueOf(squash.group(1)) : null;
  }

  private static boolean isReleaseCommit(ConventionalCommit commit) {
    String subject = commit.subject().toLowerCase(Locale.ROOT);
    return dev.trainyard.version.ReleaseCommits.isReleaseCommit(commit) || subject.startsWith("merge ");
  }

  /** Notes under a list item: every non-empty line indented by two spaces. */
  private static String indent(String text) {
    return text.lines().map(line -> line.isBlank() ? "" : "  " + line).collect(java.util.stream.Collectors.joining("\n"));
  }
}
