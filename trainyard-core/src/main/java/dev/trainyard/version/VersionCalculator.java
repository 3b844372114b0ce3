package dev.trainyard.version;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.MainBranch;
import dev.trainyard.git.TagRef;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Decides the next release from the tags and history of a repository. Read-only: it never changes
 * the repository, so {@code next-version} and {@code cut --dry-run} share it with {@code cut}.
 */
public final class VersionCalculator {
  private static final Pattern TRAIN_BRANCH = Pattern.compile("train-(\\d+)");
  private static final Pattern SEMVER_BRANCH = Pattern.compile("release/(\\d+)\\.(\\d+)");

  private final Clock clock;
  private final Reporter reporter;

  public VersionCalculator(Clock clock, Reporter reporter) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /**
   * The branch a release tag of {@code scheme} belongs to: {@code train-N} for {@code v1.N.P},
   * {@code release/X.Y} for {@code X.Y.Z}; empty for a date tag or a tag of another shape.
   */
  public static Optional<String> releaseBranch(VersionScheme scheme, String tag) {
    if (scheme instanceof VersionScheme.Train train) {
      return TrainVersion.parseTag(tag).filter(v -> v.major() == train.major()).map(v -> "train-" + v.train());
    }
    if (scheme instanceof VersionScheme.Semver semver) {
      return semver.parseTag(tag).map(v -> "release/" + v.major() + "." + v.minor());
    }
    return Optional.empty();
  }

  /** A release tag of {@code request}'s scheme already made for HEAD, if any. */
  public Optional<TagRef> existingRelease(GitRepository repo, NextVersionRequest request) {
    ObjectId head = repo.headId();
    Function<String, Optional<? extends Comparable<?>>> parser = parser(request);
    List<TagRef> ours = repo.tags().stream().filter(t -> parser.apply(t.name()).isPresent()).toList();
    for (TagRef tag : ours) {
      if (tag.commit().equals(head)) {
        return Optional.of(tag);
      }
    }
    // The release commit sits on a new branch right on top of HEAD when cut ran from main.
    try (RevWalk walk = new RevWalk(repo.repository())) {
      for (TagRef tag : ours) {
        RevCommit commit = walk.parseCommit(tag.commit());
        if (commit.getParentCount() == 1 && commit.getParent(0).equals(head)
            && ReleaseCommits.isReleaseCommit(commit.getFullMessage())) {
          return Optional.of(tag);
        }
      }
    } catch (IOException e) {
      throw TrainyardException.repositoryState("cannot read tagged commits: " + e.getMessage(), null);
    }
    return Optional.empty();
  }

  /**
   * The release {@code tag} followed: the highest lower release of the same scheme in its history.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Optional<TagRef> previousRelease(GitRepository repo, NextVersionRequest request, TagRef tag) {
    Function<String, Optional<? extends Comparable<?>>> parser = parser(request);
    Comparable own = parser.apply(tag.name()).orElse(null);
    if (own == null) {
      return Optional.empty();
    }
    TagRef best = null;
    Comparable bestVersion = null;
    for (TagRef candidate : repo.tags()) {
      Comparable version = parser.apply(candidate.name()).orElse(null);
      if (version != null && version.compareTo(own) < 0 && (bestVersion == null || version.compareTo(bestVersion) > 0)
          && repo.isAncestor(candidate.commit(), tag.commit())) {
        best = candidate;
        bestVersion = version;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The highest release of {@code request}'s scheme in HEAD's history, whatever branch is checked
   * out: where a deploy from a branch that is neither main nor a release line starts.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Optional<TagRef> newestReleaseInHistory(GitRepository repo, NextVersionRequest request) {
    Function<String, Optional<? extends Comparable<?>>> parser = parser(request);
    ObjectId head = repo.headId();
    TagRef best = null;
    Comparable bestVersion = null;
    for (TagRef candidate : repo.tags()) {
      Comparable version = parser.apply(candidate.name()).orElse(null);
      if (version != null && (bestVersion == null || version.compareTo(bestVersion) > 0)
          && repo.isAncestor(candidate.commit(), head)) {
        best = candidate;
        bestVersion = version;
      }
    }
    return Optional.ofNullable(best);
  }

  public NextVersion next(GitRepository repo, NextVersionRequest request, ConventionalHistory history) {
    VersionScheme scheme = request.scheme();
    if (scheme instanceof VersionScheme.Train train) {
      return request.patch() ? trainPatch(repo, request, train) : trainRegular(repo, request, train);
    }
    if (scheme instanceof VersionScheme.Date date) {
      return date(repo, request, date);
    }
    return semver(repo, request, (VersionScheme.Semver) scheme, history);
  }

  private NextVersion trainRegular(GitRepository repo, NextVersionRequest request, VersionScheme.Train scheme) {
    String branch = repo.requireBranch("a train release");
    MainBranch main = mainBranch(repo, request);
    if (!branch.equals(main.name())) {
      Matcher onTrain = TRAIN_BRANCH.matcher(branch);
      throw TrainyardException.repositoryState(
          "a regular train is cut from " + main.describe() + ", but " + branch + " is checked out",
          onTrain.matches() ? "for a dot release of this train pass --patch"
              : "run 'git checkout " + main.name() + "' first (or set release.main-branch)");
    }
    List<Tagged<TrainVersion>> trains = trainTags(repo, request, scheme);
    if (trains.isEmpty()) {
      requireFirstRelease(request, "v" + scheme.major() + ".N.P");
    }
    int nextTrain = trains.stream().mapToInt(t -> t.version().train()).max().orElse(0) + 1;
    TrainVersion next = new TrainVersion(scheme.major(), nextTrain, 0);
    Tagged<TrainVersion> previous = newestReachable(repo, trains);
    String newBranch = "train-" + nextTrain;
    requireNoTag(repo, next.tag());
    boolean createsBranch = !repo.branchExists(newBranch);
    if (!createsBranch && !repo.resolveCommit(newBranch, "branch " + newBranch).equals(repo.headId())) {
      throw TrainyardException.repositoryState(
          "branch " + newBranch + " already exists and is not at HEAD of " + branch,
          "delete the stale branch ('git branch -D " + newBranch + "') or cut from it with --patch");
    }
    requireWork(repo, previous, repo.headId());
    return new NextVersion(next.toString(), next.tag(), previous == null ? null : previous.tag().name(),
        newBranch, SchemeName.TRAIN, false, previous == null ? null : previous.version().toString(),
        createsBranch, branch, null, main.name(), main.reason());
  }

  private NextVersion trainPatch(GitRepository repo, NextVersionRequest request, VersionScheme.Train scheme) {
    String branch = repo.requireBranch("a patch release");
    Matcher m = TRAIN_BRANCH.matcher(branch);
    if (!m.matches()) {
      throw TrainyardException.repositoryState(
          "--patch runs on a train-N branch, but " + branch + " is checked out",
          "run 'git checkout train-N' for the train to patch, then run again");
    }
    int train = Integer.parseInt(m.group(1));
    List<TagRef> found = repo.lastTagsOnFirstParent(repo.headId(), name -> TrainVersion.parseTag(name)
        .filter(v -> v.major() == scheme.major() && v.train() == train).isPresent() && allowed(request, name));
    if (found.isEmpty()) {
      throw TrainyardException.repositoryState(
          "no v" + scheme.major() + "." + train + ".P tag on the first-parent history of " + branch,
          "a patch follows a tagged release of the train; cut the regular train first or fetch its tags ('git fetch --tags')");
    }
    TagRef last = found.stream()
        .max(Comparator.comparing(t -> TrainVersion.parseTag(t.name()).orElseThrow())).orElseThrow();
    TrainVersion lastVersion = TrainVersion.parseTag(last.name()).orElseThrow();
    TrainVersion next = new TrainVersion(lastVersion.major(), lastVersion.train(), lastVersion.patch() + 1);
    requireNoTag(repo, next.tag());
    requireWork(repo, new Tagged<>(last, lastVersion), repo.headId());
    return new NextVersion(next.toString(), next.tag(), last.name(), branch, SchemeName.TRAIN, true,
        lastVersion.toString(), false, branch, null);
  }

  private NextVersion date(GitRepository repo, NextVersionRequest request, VersionScheme.Date scheme) {
    LocalDate today = LocalDate.now(clock);
    LocalDate pushDate = request.date() != null ? request.date()
        : scheme.pushDay() == null ? today : today.with(TemporalAdjusters.nextOrSame(scheme.pushDay()));
    if (pushDate.isBefore(today)) {
      throw TrainyardException.invalidInput(
          "--date " + pushDate + " is before today (" + today + "); a date tag names the day of the push",
          "pass today or a later date");
    }
    String branch = repo.currentBranch().orElse(null);
    List<Tagged<DateVersion>> all = repo.tags().stream()
        .filter(t -> allowed(request, t.name()))
        .flatMap(t -> DateVersion.parse(t.name()).map(v -> new Tagged<>(t, v)).stream())
        .sorted(Comparator.comparing(Tagged::version))
        .toList();
    List<Tagged<DateVersion>> sameDay = all.stream().filter(t -> t.version().date().equals(pushDate)).toList();
    if (sameDay.isEmpty()) {
      if (all.isEmpty()) {
        requireFirstRelease(request, "YYYY.MM.DD");
      }
      Tagged<DateVersion> previous = newestReachable(repo, all.stream()
          .filter(t -> t.version().date().isBefore(pushDate)).toList());
      requireWork(repo, previous, repo.headId());
      DateVersion next = new DateVersion(pushDate, 0);
      requireNoTag(repo, next.toString());
      return new NextVersion(next.toString(), next.toString(), previous == null ? null : previous.tag().name(),
          branch, SchemeName.DATE, false, previous == null ? null : previous.version().toString(), false, branch, null);
    }
    Tagged<DateVersion> latest = sameDay.get(sameDay.size() - 1);
    if (!repo.isAncestor(latest.tag().commit(), repo.headId())) {
      throw TrainyardException.repositoryState(
          "tag " + latest.tag().name() + " already exists and HEAD does not contain it; a re-tag is cut from the previous tag",
          "run 'git checkout " + latest.tag().name() + "', cherry-pick the fixes, then run again");
    }
    requireWork(repo, latest, repo.headId());
    DateVersion next = new DateVersion(pushDate, latest.version().retag() + 1);
    requireNoTag(repo, next.toString());
    return new NextVersion(next.toString(), next.toString(), latest.tag().name(), branch, SchemeName.DATE, true,
        latest.version().toString(), false, branch, null);
  }

  private NextVersion semver(GitRepository repo, NextVersionRequest request, VersionScheme.Semver scheme,
      ConventionalHistory history) {
    String branch = repo.requireBranch("a semver release");
    List<Tagged<SemanticVersion>> all = repo.tags().stream()
        .filter(t -> allowed(request, t.name()))
        .flatMap(t -> scheme.parseTag(t.name()).map(v -> new Tagged<>(t, v)).stream())
        .sorted(Comparator.comparing(Tagged::version))
        .toList();
    Matcher onRelease = SEMVER_BRANCH.matcher(branch);
    boolean patchLine = onRelease.matches();
    if (request.patch() && !patchLine) {
      throw TrainyardException.repositoryState(
          "--patch runs on a release/X.Y branch, but " + branch + " is checked out",
          "run 'git checkout release/X.Y' for the line to patch, then run again");
    }
    MainBranch main = patchLine ? null : mainBranch(repo, request);
    if (!patchLine && !branch.equals(main.name())) {
      throw TrainyardException.repositoryState(
          "a semver release is cut from " + main.describe() + " or a release/X.Y branch, but "
              + branch + " is checked out", "run 'git checkout " + main.name() + "' first (or set release.main-branch)");
    }
    Tagged<SemanticVersion> previous;
    if (patchLine) {
      int major = Integer.parseInt(onRelease.group(1));
      int minor = Integer.parseInt(onRelease.group(2));
      List<Tagged<SemanticVersion>> line = all.stream()
          .filter(t -> t.version().major() == major && t.version().minor() == minor).toList();
      previous = newestReachable(repo, line);
      if (previous == null) {
        throw TrainyardException.repositoryState(
            "no " + scheme.prefix() + major + "." + minor + ".P tag is reachable from " + branch,
            "a patch follows a tagged release of the line; fetch tags ('git fetch --tags') or cut from the default branch");
      }
    } else {
      // The highest release, reachable or not: a squash-merged release PR leaves its tag off main.
      previous = all.isEmpty() ? null : all.get(all.size() - 1);
      if (previous == null) {
        requireFirstRelease(request, scheme.prefix() + "X.Y.Z");
      }
    }
    ObjectId head = repo.headId();
    List<ConventionalCommit> commits = history.between(previous == null ? null : previous.tag().commit(), head)
        .stream().filter(c -> !ReleaseCommits.isReleaseCommit(c)).toList();
    requireWork(repo, previous, head);
    SemanticVersion base = previous == null ? new SemanticVersion(0, 0, 0) : previous.version();
    Optional<ConventionalCommit> releaseAs = commits.stream().filter(c -> c.releaseAs() != null).findFirst();
    SemanticVersion next;
    Bump bump = null;
    if (releaseAs.isPresent()) {
      ConventionalCommit c = releaseAs.get();
      next = SemanticVersion.parse(c.releaseAs()).orElseThrow(() -> TrainyardException.invalidInput(
          "commit " + c.shortHash() + ": 'Release-As: " + c.releaseAs() + "' is not a version X.Y.Z", 
          "fix the footer in a new commit: 'Release-As: 2.0.0'"));
      if (previous != null && next.compareTo(previous.version()) <= 0) {
        throw TrainyardException.invalidInput(
            "commit " + c.shortHash() + ": 'Release-As: " + next + "' is not above the previous release "
                + previous.tag().name(), "use a higher version in the Release-As footer");
      }
    } else {
      bump = decideBump(commits, base, scheme);
      if (patchLine) {
        if (bump != Bump.PATCH) {
          reporter.warn("commits on " + branch + " ask for a " + bump.id() + " bump; a release/X.Y branch only cuts patches");
        }
        bump = Bump.PATCH;
      }
      next = previous == null ? new SemanticVersion(0, 1, 0) : base.bump(bump);
    }
    String tag = scheme.tag(next);
    requireNoTag(repo, tag);
    String releaseBranch = patchLine ? branch : "release/" + next.major() + "." + next.minor();
    boolean createsBranch = !patchLine;
    if (createsBranch && repo.branchExists(releaseBranch)) {
      throw TrainyardException.repositoryState(
          "branch " + releaseBranch + " already exists",
          "a patch of " + next.major() + "." + next.minor() + " is cut on it: 'git checkout " + releaseBranch
              + "', cherry-pick, run again; or delete the stale branch ('git branch -D " + releaseBranch + "')");
    }
    return new NextVersion(next.toString(), tag, previous == null ? null : previous.tag().name(), releaseBranch,
        SchemeName.SEMVER, patchLine, previous == null ? null : previous.version().toString(), createsBranch,
        branch, bump, main == null ? null : main.name(), main == null ? null : main.reason());
  }

  /** The default branch regular releases are cut from: {@code release.main-branch}, else found. */
  private MainBranch mainBranch(GitRepository repo, NextVersionRequest request) {
    MainBranch main = MainBranch.find(repo.repository(), request.mainBranch(), request.remote(), "release.main-branch",
        "set release.main-branch in .trainyard.yml, or run 'git remote set-head " + request.remote() + " --auto'");
    reporter.debug("default branch: " + main.describe());
    return main;
  }

  /** Breaking = major, feat = minor, anything else = patch; below 1.0 the scheme's rule applies. */
  static Bump decideBump(List<ConventionalCommit> commits, SemanticVersion current, VersionScheme.Semver scheme) {
    boolean breaking = commits.stream().anyMatch(ConventionalCommit::breaking);
    boolean feature = commits.stream().anyMatch(c -> c.type().equals("feat"));
    boolean initialDevelopment = current.major() == 0;
    if (breaking) {
      return initialDevelopment ? scheme.belowOneBreaking() : Bump.MAJOR;
    }
    if (feature) {
      return initialDevelopment ? scheme.belowOneFeature() : Bump.MINOR;
    }
    return Bump.PATCH;
  }

  private List<Tagged<TrainVersion>> trainTags(GitRepository repo, NextVersionRequest request, VersionScheme.Train scheme) {
    return repo.tags().stream()
        .filter(t -> allowed(request, t.name()))
        .flatMap(t -> TrainVersion.parseTag(t.name()).filter(v -> v.major() == scheme.major())
            .map(v -> new Tagged<>(t, v)).stream())
        .sorted(Comparator.comparing(Tagged::version))
        .toList();
  }

  /** The highest-versioned tag reachable from HEAD; warns when a higher one is not (not merged back). */
  private <V extends Comparable<V>> Tagged<V> newestReachable(GitRepository repo, List<Tagged<V>> ascending) {
    ObjectId head = repo.headId();
    for (int i = ascending.size() - 1; i >= 0; i--) {
      Tagged<V> candidate = ascending.get(i);
      if (repo.isAncestor(candidate.tag().commit(), head)) {
        if (i < ascending.size() - 1) {
          reporter.warn(ascending.get(ascending.size() - 1).tag().name()
              + " is not in the history of HEAD (not merged back?); the changelog starts at "
              + candidate.tag().name());
        }
        return candidate;
      }
    }
    return null;
  }

  private void requireWork(GitRepository repo, Tagged<?> previous, ObjectId head) {
    if (previous == null) {
      return;
    }
    if (previous.tag().commit().equals(head)) {
      throw new NothingToReleaseException(
          "HEAD is already released as " + previous.tag().name() + "; nothing committed since", previous.tag().name());
    }
    try (RevWalk walk = new RevWalk(repo.repository())) {
      walk.markStart(walk.parseCommit(head));
      walk.markUninteresting(walk.parseCommit(previous.tag().commit()));
      for (RevCommit commit : walk) {
        if (commit.getParentCount() <= 1 && !ReleaseCommits.isReleaseCommit(commit.getFullMessage())) {
          return;
        }
      }
    } catch (IOException e) {
      throw TrainyardException.repositoryState("cannot walk history: " + e.getMessage(), null);
    }
    throw new NothingToReleaseException(
        "nothing committed since " + previous.tag().name() + " (only merges and release commits)", previous.tag().name());
  }

  /** Every existing tag name is taken, whatever it points at: a commit, a tree, a blob, nothing. */
  private static void requireNoTag(GitRepository repo, String tag) {
    repo.tag(tag).ifPresent(existing -> {
      throw TrainyardException.repositoryState(
          "tag " + tag + " already exists at " + existing.commit().abbreviate(7).name()
              + ", which is not HEAD's release", "check out the release's branch, or fetch and look at 'git log " + tag + "'");
    });
    repo.refTarget(org.eclipse.jgit.lib.Constants.R_TAGS + tag).ifPresent(target -> {
      throw TrainyardException.repositoryState(
          "tag " + tag + " already exists and points at " + target + ", not a commit; the release cannot take its name",
          "look at it ('git cat-file -t " + tag + "'); if it is a mistake delete it here and on the remote"
              + " ('git tag -d " + tag + "', 'git push origin :refs/tags/" + tag + "'), then run again");
    });
  }

  private static void requireFirstRelease(NextVersionRequest request, String shape) {
    if (!request.firstRelease()) {
      throw TrainyardException.repositoryState(
          "no release tag of the form " + shape + " in this repository",
          "fetch tags ('git fetch --tags'), check --scheme, or pass --first-release for the very first release");
    }
  }

  private static boolean allowed(NextVersionRequest request, String tag) {
    return request.tagFilter() == null || request.tagFilter().matcher(tag).matches();
  }

  private static Function<String, Optional<? extends Comparable<?>>> parser(NextVersionRequest request) {
    VersionScheme scheme = request.scheme();
    Function<String, Optional<? extends Comparable<?>>> shape;
    if (scheme instanceof VersionScheme.Train t) {
      shape = name -> TrainVersion.parseTag(name).filter(v -> v.major() == t.major());
    } else if (scheme instanceof VersionScheme.Date) {
      shape = DateVersion::parse;
    } else {
      shape = ((VersionScheme.Semver) scheme)::parseTag;
    }
    return name -> allowed(request, name) ? shape.apply(name) : Optional.empty();
  }

  private record Tagged<V>(TagRef tag, V version) {}
}
