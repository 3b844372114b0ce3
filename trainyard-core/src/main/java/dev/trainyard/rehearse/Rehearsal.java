package dev.trainyard.rehearse;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.assets.AssetSync;
import dev.trainyard.assets.AssetTarget;
import dev.trainyard.assets.AssetsConfig;
import dev.trainyard.assets.AssetsFlags;
import dev.trainyard.assets.SyncResult;
import dev.trainyard.assets.UploadRequest;
import dev.trainyard.assets.upload.AssetUpload;
import dev.trainyard.bugs.CutRequestText;
import dev.trainyard.bugs.DeployBugFlags;
import dev.trainyard.bugs.DeployBugRequest;
import dev.trainyard.bugs.TrackerKind;
import dev.trainyard.deploy.DeployConfig;
import dev.trainyard.deploy.DeployDefaults;
import dev.trainyard.deploy.DeployOrderFlags;
import dev.trainyard.deploy.DeployOrderRequest;
import dev.trainyard.deploy.DeployPlan;
import dev.trainyard.deploy.DeployPlanner;
import dev.trainyard.files.FileTrees;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.mergeback.GitHubPullRequests;
import dev.trainyard.mergeback.MergeBackAnalyzer;
import dev.trainyard.mergeback.MergeBackReport;
import dev.trainyard.mergeback.RefResult;
import dev.trainyard.owner.OwnerRequest;
import dev.trainyard.owner.OwnerResult;
import dev.trainyard.owner.OwnerRotation;
import dev.trainyard.preflight.Preflight;
import dev.trainyard.preflight.PreflightFlags;
import dev.trainyard.preflight.PreflightReport;
import dev.trainyard.preflight.PreflightRequest;
import dev.trainyard.rehearse.RehearsalReport.AssetsStep;
import dev.trainyard.rehearse.RehearsalReport.Changelog;
import dev.trainyard.rehearse.RehearsalReport.DeployOrderStep;
import dev.trainyard.rehearse.RehearsalReport.DeployedService;
import dev.trainyard.rehearse.RehearsalReport.CutStep;
import dev.trainyard.rehearse.RehearsalReport.DeploymentRequestStep;
import dev.trainyard.rehearse.RehearsalReport.FileChange;
import dev.trainyard.rehearse.RehearsalReport.MergeBackRef;
import dev.trainyard.rehearse.RehearsalReport.MergeBackStep;
import dev.trainyard.release.CutFlags;
import dev.trainyard.release.CutOutcome;
import dev.trainyard.release.CutRequest;
import dev.trainyard.release.ExampleRepository;
import dev.trainyard.release.PackageSection;
import dev.trainyard.release.ReleasePlan;
import dev.trainyard.release.Releases;
import dev.trainyard.release.VersionFlags;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NothingToReleaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The whole release duty as a dry run: preflight, the cut plan with its changelogs, the deploy
 * order, the asset sync plan, the deployment request and the merge-back status, each from the
 * capability that does it for real, with nothing changed anywhere. {@code --example} does the same
 * on an example monorepo generated into a temporary folder (removed afterwards), on the example's
 * own day, offline.
 */
public final class Rehearsal {
  /** The example's release day: a Tuesday, the example's release weekday, the week after its history. */
  public static final String EXAMPLE_DAY = "2026-09-08";
  public static final LocalDate EXAMPLE_DATE = LocalDate.parse(EXAMPLE_DAY);
  static final String EXAMPLE_DESCRIPTION = "the example monorepo (generated in a temporary folder, removed afterwards)";

  private final Reporter reporter;
  private final Clock clock;
  private final Function<Path, RehearsalSections> configReader;
  private final Path scratchRoot;

  /**
   * @param configReader reads the sections of the {@code .trainyard.yml} at a repository root: the
   *     example writes its own file there (the CLI passes its configuration loader)
   */
  public Rehearsal(Reporter reporter, Clock clock, Function<Path, RehearsalSections> configReader) {
    this(reporter, clock, configReader, null);
  }

  /** @param scratchRoot where the example's temporary folder is made (null: java.io.tmpdir) */
  Rehearsal(Reporter reporter, Clock clock, Function<Path, RehearsalSections> configReader, Path scratchRoot) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.configReader = Objects.requireNonNull(configReader, "configReader");
    this.scratchRoot = scratchRoot;
  }

  /** The entry point of {@code trainyard rehearse}. */
  public RehearsalReport run(RehearsalRequest request) {
    if (request.example()) {
      return example(request.date() != null ? request.date() : EXAMPLE_DATE);
    }
    LocalDate today = request.date() != null ? request.date() : LocalDate.now(clock);
    try (GitRepository repo = GitRepository.open(request.repository())) {
      return rehearse(repo, request.config(), request.github(), request.bugzilla(), request.env(), clock, today,
          request.date() != null, request.offline(), false);
    }
  }

  private RehearsalReport example(LocalDate day) {
    Path folder;
    try {
      folder = scratchRoot == null
          ? Files.createTempDirectory("trainyard-rehearsal-")
          : Files.createTempDirectory(scratchRoot, "trainyard-rehearsal-");
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.INTERNAL, "cannot create a temporary folder for the example: "
          + e.getMessage(), "set java.io.tmpdir (TMPDIR) to a writable folder", e);
    }
    try {
      Path yard = folder.resolve("yard");
      ExampleRepository.create(yard);
      RehearsalSections config = configReader.apply(yard);
      GitHubEndpoint github = GitHubEndpoint.resolveLocation(config.github(), Map.of());
      Clock fixed = Clock.fixed(day.atTime(LocalTime.of(10, 0)).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
      try (GitRepository repo = GitRepository.open(yard)) {
        return rehearse(repo, config, github, PreflightRequest.Bugzilla.defaults(), Map.of(), fixed, day, true, true, true);
      }
    } finally {
      FileTrees.deleteQuietly(folder);
    }
  }

  private RehearsalReport rehearse(GitRepository repo, RehearsalSections config, GitHubEndpoint github,
      PreflightRequest.Bugzilla bugzilla, Map<String, String> env, Clock clock, LocalDate day, boolean dayGiven, boolean offline, boolean example) {
    PreflightRequest preflightRequest = PreflightRequest.resolve(config.preflight(), config.release(),
        config.owners(), config.verifyCi(), config.mergeBack(),
        new PreflightFlags(null, null, dayGiven ? day.toString() : null, null, null, false, offline, false),
        repo.workTree(), github, bugzilla, clock);
    PreflightReport preflight = new Preflight(reporter, clock).run(repo, preflightRequest);

    OwnerResult owners = config.owners().configured()
        ? OwnerRotation.lookup(new OwnerRequest(config.owners(), preflight.date())) : null;
    Cut cut = cut(repo, config, preflight, github, clock);
    DeployOrderStep deployOrder = deployOrder(repo, config);
    AssetsStep assets = assets(config.assets(), repo.workTree(), env, offline);
    DeploymentRequestStep request = deploymentRequest(cut, owners, preflight.scheme(), config, repo.workTree(), github);
    MergeBackStep mergeBack = mergeBack(repo, preflightRequest, github, offline, cut.step());

    boolean ok = preflight.ok() && Stream.of(cut.step().status(), deployOrder.status(), assets.status(),
        request.status(), mergeBack.status()).noneMatch(status -> status == StepStatus.FAILED);
    return new RehearsalReport(ok, example, example ? EXAMPLE_DESCRIPTION : repo.workTree().toString(),
        preflight.date(), owners == null ? null : owners.owner(), owners == null ? null : owners.next(), preflight,
        cut.step(), deployOrder, assets, request, mergeBack, order(preflight, cut, deployOrder, assets, request, mergeBack));
  }

  /** The cut step and the plan behind it (null when there is none). */
  private record Cut(CutStep step, ReleasePlan plan) {}

  private Cut cut(GitRepository repo, RehearsalSections config, PreflightReport preflight, GitHubEndpoint github,
      Clock clock) {
    boolean dateScheme = preflight.scheme().equals("date");
    VersionFlags version = new VersionFlags(preflight.scheme(), preflight.patch(),
        dateScheme ? preflight.date().toString() : null, false);
    CutOutcome outcome;
    try {
      // The train's deployment request: deploy-bug's own template and model, as cut prints it.
      CutRequestText request = CutRequestText.fromConfig(config.deployBug(), repo.workTree(),
          github.repository() == null ? null : github.repository().toString(), config.deploy(), config.deployDefaults(),
          config.owners(), clock, reporter);
      outcome = new Releases(clock, reporter).cut(repo, CutRequest.resolve(config.release(),
          new CutFlags(version, true, false, false), github, Map.of(), GitHubConfig.DEFAULTS, repo.workTree(), request));
    } catch (NothingToReleaseException e) {
      return new Cut(CutStep.of(StepStatus.NOTHING_TO_DO, e.getMessage()), null);
    } catch (TrainyardException e) {
      return new Cut(CutStep.of(StepStatus.FAILED, e.getMessage()), null);
    }
    if (outcome instanceof CutOutcome.AlreadyReleased released) {
      return new Cut(CutStep.of(StepStatus.NOTHING_TO_DO, "already released: " + released.tag().name()
          + " is HEAD's release"), null);
    }
    ReleasePlan plan = ((CutOutcome.Planned) outcome).plan();
    var next = plan.next();
    List<FileChange> files = plan.files().stream().map(f -> new FileChange(f.path(), f.creates(),
        f.before() == null ? 0 : (int) f.before().lines().count(), (int) f.after().lines().count())).toList();
    List<Changelog> changelogs = new ArrayList<>();
    for (PackageSection section : plan.sections()) {
      changelogs.add(new Changelog(section.name(), section.changelogFile(), section.commits().size(), section.markdown()));
    }
    String reason = (next.patch() ? "patch release " : "release ") + next.tag() + " after "
        + (next.previousTag() == null ? "no earlier release" : next.previousTag());
    return new Cut(new CutStep(StepStatus.PLANNED, reason, next.version(), next.tag(), next.previousTag(), next.branch(),
        next.createsBranch(), plan.baseCommit(), plan.commitMessage(), plan.tagMessage(), files, changelogs,
        plan.pushCommands(), plan.compareUrl()), plan);
  }

  private DeployOrderStep deployOrder(GitRepository repo, RehearsalSections config) {
    DeployConfig deploy = config.deploy();
    List<String> environments = List.copyOf(deploy.environmentNames());
    String environment = environments.contains("production") ? "production" : environments.isEmpty() ? null : environments.get(0);
    if (environment == null) {
      return new DeployOrderStep(StepStatus.SKIPPED, "no deploy environments configured", null, null, null);
    }
    DeployDefaults defaults = config.deployDefaults();
    if (defaults.product() == null) {
      // As deploy-order names the one service of a repository without packages: after its folder.
      defaults = new DeployDefaults(defaults.packages(), defaults.releaseRules(), repo.workTree().getFileName().toString());
    }
    DeployPlan plan;
    try {
      plan = new DeployPlanner(clock, reporter).plan(repo, DeployOrderRequest.resolve(deploy, defaults,
          new DeployOrderFlags(environment, null, false)));
    } catch (TrainyardException e) {
      return new DeployOrderStep(StepStatus.FAILED, e.getMessage(), environment, null, null);
    }
    List<DeployedService> services = plan.services().stream().map(s -> new DeployedService(s.name(), s.position(), s.wave(),
        s.rank(), s.reason())).toList();
    List<String> skipped = plan.skipped().stream().map(DeployPlan.SkippedService::name).toList();
    if (services.isEmpty()) {
      return new DeployOrderStep(StepStatus.NOTHING_TO_DO, "no service changed since the previous release", environment,
          services, skipped);
    }
    return new DeployOrderStep(StepStatus.PLANNED, environment + ": " + String.join(", then ", plan.waves().stream()
        .map(wave -> String.join(" + ", wave)).toList()) + (skipped.isEmpty() ? "" : " (unchanged: "
        + String.join(", ", skipped) + ")"), environment, services, skipped);
  }

  private AssetsStep assets(AssetsConfig config, Path root, Map<String, String> env, boolean offline) {
    if (config.target() == null) {
      return AssetsStep.of(StepStatus.SKIPPED, "no assets.target configured: nothing is uploaded to a CDN");
    }
    UploadRequest request;
    try {
      request = UploadRequest.resolve(config, new AssetsFlags(null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, true, null, false, null, null, null), root);
    } catch (TrainyardException e) {
      return AssetsStep.of(StepStatus.FAILED, e.getMessage());
    }
    AssetTarget target = request.sync().target();
    String shown = shown(target, root);
    boolean folder = target.scheme() == AssetTarget.Scheme.FILE;
    String notListed = null;
    SyncResult result = null;
    try {
      if (folder || (!offline && BucketCredentials.present(target.scheme(), env))) {
        try {
          result = AssetUpload.run(request, env, reporter);
        } catch (TrainyardException e) {
          if (folder || e.kind() == FailureKind.INVALID_INPUT) {
            throw e;
          }
          notListed = "could not list " + shown + " (" + e.getMessage() + ")";
        }
      } else {
        notListed = offline ? "offline: " + shown + " was not listed"
            : "no " + (target.scheme() == AssetTarget.Scheme.S3 ? "AWS" : "Google Cloud") + " credentials here: "
                + shown + " was not listed";
      }
      if (result == null) {
        try (UnlistedBucket nothing = new UnlistedBucket()) {
          result = new AssetSync(nothing, reporter).run(request.sync());
        }
      }
    } catch (TrainyardException e) {
      return AssetsStep.of(StepStatus.FAILED, e.getMessage());
    }
    boolean changes = !result.uploaded().isEmpty() || !result.updated().isEmpty() || !result.deleted().isEmpty();
    String reason = notListed != null ? notListed + "; the local plan, as if the bucket were empty"
        : "planned against the " + (folder ? "folder's" : "bucket's") + " listing";
    return new AssetsStep(changes ? StepStatus.PLANNED : StepStatus.NOTHING_TO_DO, reason, shown, notListed == null,
        result.uploaded(), result.updated(), result.unchanged().size(), result.deleted(), result.bytes(), result.urls());
  }

  /** A {@code file://} folder inside the repository is shown relative to it, so reports read the same anywhere. */
  private static String shown(AssetTarget target, Path root) {
    if (target.scheme() != AssetTarget.Scheme.FILE) {
      return target.toString();
    }
    Path folder = Path.of(target.bucket());
    return folder.startsWith(root) ? "file://" + root.relativize(folder).toString().replace('\\', '/') : target.toString();
  }

  private static DeploymentRequestStep deploymentRequest(Cut cut, OwnerResult owners, String scheme, RehearsalSections config,
      Path workTree, GitHubEndpoint github) {
    String cc = owners == null ? null : owners.owner().bugzilla() == null ? owners.owner().name()
        : owners.owner().name() + " <" + owners.owner().bugzilla() + ">";
    if (cut.plan() == null) {
      return new DeploymentRequestStep(StepStatus.SKIPPED, "no release is cut, so no deployment request", cc, null);
    }
    if (cut.plan().deploymentRequest() == null) {
      return new DeploymentRequestStep(StepStatus.NOT_AVAILABLE, "the rehearsal writes the deployment request of trains"
          + " only; for the " + scheme + " scheme run 'trainyard deploy-bug --dry-run --version " + cut.plan().next().tag()
          + "' once the tag is pushed", cc, null);
    }
    String where;
    try {
      where = where(DeployBugRequest.resolve(config.deployBug(), DeployBugFlags.NONE, config.release(), workTree, null,
          github));
    } catch (TrainyardException e) {
      return new DeploymentRequestStep(StepStatus.FAILED, e.getMessage(), cc, cut.plan().deploymentRequest());
    }
    String train = cut.plan().next().branch() == null ? "the train" : cut.plan().next().branch();
    return new DeploymentRequestStep(StepStatus.PLANNED, "after the tag, deploy-bug "
        + (cut.plan().next().patch() ? "comments on " + train + "'s deployment request" : "files a new deployment request")
        + " " + where, cc, cut.plan().deploymentRequest());
  }

  /** Where deploy-bug would file or comment, as its resolved request says. */
  private static String where(DeployBugRequest request) {
    if (request.tracker() == TrackerKind.GITHUB) {
      return "as a GitHub issue in " + request.issues() + " (labels " + String.join(", ", request.labels()) + ")";
    }
    return "in Bugzilla, " + request.bugzilla().product() + " :: " + request.bugzilla().component() + " on "
        + request.bugzilla().baseUrl();
  }

  private MergeBackStep mergeBack(GitRepository repo, PreflightRequest preflight, GitHubEndpoint github, boolean offline,
      CutStep cut) {
    MergeBackReport report;
    try {
      GitHubPullRequests pulls = !offline && github.hasToken() && github.repository() != null
          ? new GitHubPullRequests(GitHubClients.create(github, RetryPolicy.defaults(), reporter).rest(), github.repository())
          : null;
      report = new MergeBackAnalyzer(reporter, pulls).analyze(repo, preflight.mergeBack());
    } catch (TrainyardException e) {
      return new MergeBackStep(StepStatus.FAILED, e.getMessage(), null, List.of());
    }
    List<MergeBackRef> refs = report.refs().stream().map(Rehearsal::ref).toList();
    String main = report.mainRef().replaceFirst("^refs/(heads|remotes)/", "");
    String after = cut.compareUrl() == null ? "" : "; after the cut, open " + cut.branch() + " -> " + main + ": "
        + cut.compareUrl();
    long open = report.notMerged().size();
    if (open > 0) {
      return new MergeBackStep(StepStatus.ATTENTION, open + " of " + refs.size() + " release refs not merged into " + main
          + " (" + report.stale().size() + " stale)" + after, main, refs);
    }
    return new MergeBackStep(cut.compareUrl() == null ? StepStatus.NOTHING_TO_DO : StepStatus.PLANNED,
        "all " + refs.size() + " release refs merged into " + main + after, main, refs);
  }

  private static MergeBackRef ref(RefResult ref) {
    return new MergeBackRef(ref.shortName(), ref.status().label(), ref.how() == null ? null : ref.how().label(),
        ref.since() == null ? null : LocalDate.ofInstant(ref.since(), ZoneOffset.UTC).toString(), ref.stale(),
        ref.evidence());
  }

  private static List<String> order(PreflightReport preflight, Cut cut, DeployOrderStep deployOrder, AssetsStep assets,
      DeploymentRequestStep request, MergeBackStep mergeBack) {
    List<String> order = new ArrayList<>();
    order.add("preflight: " + (preflight.ok() ? "ready" : "NOT READY") + " (" + preflight.tally() + ")");
    CutStep step = cut.step();
    if (cut.plan() == null) {
      order.add("cut: " + step.status() + ": " + step.reason());
    } else {
      order.add("cut " + step.tag() + ": " + (step.createsBranch() ? "branch " + step.branch() + " from "
          + step.baseCommit().substring(0, 7) + ", " : "on " + (step.branch() == null ? "HEAD" : step.branch()) + ", ")
          + (step.commitMessage() == null ? "no commit" : "commit \"" + step.commitMessage() + "\" changing "
              + step.files().size() + " file" + (step.files().size() == 1 ? "" : "s"))
          + ", annotated tag \"" + step.tagMessage() + "\"");
      order.add("push: " + String.join(", then ", step.pushCommands()));
      order.add("verify-ci --ref " + step.tag() + " --wait 30m: CI green for the tag before anything deploys");
    }
    order.add("deploy order: " + deployOrder.status() + ": " + deployOrder.reason());
    order.add("upload-assets: " + assets.status() + (assets.target() == null ? "" : " to " + assets.target()) + ": "
        + (assets.status() == StepStatus.PLANNED || assets.status() == StepStatus.NOTHING_TO_DO
            ? assets.upload().size() + " to upload, " + assets.updateHeaders().size() + " header updates, "
                + assets.delete().size() + " to delete, " + assets.unchanged() + " unchanged"
            : assets.reason()));
    order.add("deployment request: " + request.status() + ": " + request.reason()
        + (request.cc() == null || request.text() == null ? "" : ", cc " + request.cc()));
    order.add("merge-back: " + mergeBack.status() + ": " + mergeBack.reason());
    return order;
  }
}
