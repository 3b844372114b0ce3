package dev.trainyard.rehearse;

import dev.trainyard.owner.Duty;
import dev.trainyard.preflight.PreflightReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The whole release duty as a dry run, grouped by duty, plus the order things would happen in.
 *
 * @param ok preflight found no failing check and no duty would fail
 * @param repository the rehearsed repository (for the example: a description, its folder is removed)
 * @param owner the release owner on {@code date}, or null without an {@code owners:} rotation
 * @param nextOwner who takes over after {@code owner}, or null
 * @param order what would happen, in order, one line each
 */
public record RehearsalReport(
    boolean ok,
    boolean example,
    String repository,
    LocalDate date,
    Duty owner,
    Duty nextOwner,
    PreflightReport preflight,
    CutStep cut,
    DeployOrderStep deployOrder,
    AssetsStep assets,
    DeploymentRequestStep deploymentRequest,
    MergeBackStep mergeBack,
    List<String> order) {

  public RehearsalReport {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(preflight, "preflight");
    order = List.copyOf(order);
  }

  /**
   * The deploy order of one environment, as {@code deploy-order} plans it.
   *
   * @param environment production when configured, else the first environment
   * @param services the services that would deploy, in order
   * @param skipped the services left out because they did not change
   */
  public record DeployOrderStep(StepStatus status, String reason, String environment, List<DeployedService> services,
      List<String> skipped) {
    public DeployOrderStep {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      services = services == null ? List.of() : List.copyOf(services);
      skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
  }

  /** One service in deploy order: its wave (services of one wave may go together) and why it is there. */
  public record DeployedService(String name, int position, int wave, String rank, String reason) {}

  /**
   * The cut plan, as {@code cut --dry-run} makes it.
   *
   * @param files the files the release commit changes ({@code created}: a new file)
   * @param changelogs the new changelog section of each package
   */
  public record CutStep(StepStatus status, String reason, String version, String tag, String previousTag,
      String branch, boolean createsBranch, String baseCommit, String commitMessage, String tagMessage,
      List<FileChange> files, List<Changelog> changelogs, List<String> pushCommands, String compareUrl) {
    public CutStep {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      files = files == null ? List.of() : List.copyOf(files);
      changelogs = changelogs == null ? List.of() : List.copyOf(changelogs);
      pushCommands = pushCommands == null ? List.of() : List.copyOf(pushCommands);
    }

    static CutStep of(StepStatus status, String reason) {
      return new CutStep(status, reason, null, null, null, null, false, null, null, null, null, null, null, null);
    }
  }

  /** One file the release commit changes. */
  public record FileChange(String path, boolean created, int linesBefore, int linesAfter) {}

  /** One package's new changelog section. */
  public record Changelog(String name, String file, int commits, String markdown) {}

  /**
   * The asset sync plan.
   *
   * @param target the target as configured, a {@code file://} folder shown relative to the repository
   * @param remoteListed whether the plan compared against the real listing (else: against nothing,
   *     every file an upload)
   */
  public record AssetsStep(StepStatus status, String reason, String target, boolean remoteListed, List<String> upload,
      List<String> updateHeaders, int unchanged, List<String> delete, long bytes, List<String> urls) {
    public AssetsStep {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      upload = upload == null ? List.of() : List.copyOf(upload);
      updateHeaders = updateHeaders == null ? List.of() : List.copyOf(updateHeaders);
      delete = delete == null ? List.of() : List.copyOf(delete);
      urls = urls == null ? List.of() : List.copyOf(urls);
    }

    static AssetsStep of(StepStatus status, String reason) {
      return new AssetsStep(status, reason, null, false, null, null, 0, null, 0, null);
    }
  }

  /**
   * The deployment request for operations.
   *
   * @param cc the release owner, to be copied on the request ({@code Name <bugzilla e-mail>}), or null
   */
  public record DeploymentRequestStep(StepStatus status, String reason, String cc, String text) {
    public DeploymentRequestStep {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The merge-back status of earlier releases, as {@code merge-back} reports it. */
  public record MergeBackStep(StepStatus status, String reason, String main, List<MergeBackRef> refs) {
    public MergeBackStep {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      refs = refs == null ? List.of() : List.copyOf(refs);
    }
  }

  /** One release branch or tag and whether it reached main. */
  public record MergeBackRef(String ref, String status, String how, String since, boolean stale, String evidence) {}
}
