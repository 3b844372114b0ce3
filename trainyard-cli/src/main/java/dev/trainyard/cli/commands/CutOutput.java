package dev.trainyard.cli.commands;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.git.TagRef;
import dev.trainyard.markdown.Markdown;
import dev.trainyard.release.CutOutcome;
import dev.trainyard.release.FileChange;
import dev.trainyard.release.MergeBackPullRequest;
import dev.trainyard.release.PackageSection;
import dev.trainyard.release.ReleaseOutcome;
import dev.trainyard.release.ReleasePlan;
import dev.trainyard.release.RepositoryTagging;
import java.io.PrintWriter;
import java.util.List;

/** What {@code cut} writes: its {@code --json} records, the text, step outputs and summary. */
final class CutOutput {
  private CutOutput() {}

  static void render(CommandContext context, CutOutcome outcome) {
    if (outcome instanceof CutOutcome.AlreadyReleased already) {
      alreadyReleased(context, already);
    } else if (outcome instanceof CutOutcome.Planned planned) {
      plan(context, planned.plan(), null, null);
    } else if (outcome instanceof CutOutcome.Released released) {
      plan(context, released.plan(), released.outcome(), released.pullRequest());
    }
  }

  /** {@code --json} of {@code cut --repos}: one entry per repository, and the undo commands after a failure. */
  record RepositoriesJson(String date, boolean dryRun, boolean complete, List<RepositoryTagging.RepositoryResult> repositories,
      List<String> undo) {}

  static void renderRepositories(CommandContext context, RepositoryTagging.Result result) {
    if (context.json()) {
      context.printJson(new RepositoriesJson(result.date().toString(), result.dryRun(), result.complete(),
          result.repositories(), result.undo()));
    } else {
      PrintWriter out = context.out();
      out.println((result.dryRun() ? "Tag plan (dry run: nothing was changed) for " : "Date tags for ") + result.date());
      out.println();
      for (RepositoryTagging.RepositoryResult r : result.repositories()) {
        String status = switch (r.status()) {
          case PLANNED -> "would tag";
          case TAGGED -> "tagged";
          case ALREADY_TAGGED -> "already tagged";
          case FAILED -> "FAILED";
          case NOT_ATTEMPTED -> "not attempted";
        };
        out.println("  " + r.repository() + ": " + status + (r.tag() == null ? "" : " " + r.tag())
            + (r.commit() == null ? "" : " on " + r.branch() + " (" + r.commit().substring(0, 7) + ")")
            + (r.reason() == null ? "" : ": " + r.reason()));
        if (comparable(r)) {
          out.println("    " + r.compareUrl());
        }
      }
      if (!result.undo().isEmpty()) {
        out.println();
        out.println("Not all repositories were tagged. To take back the tags this run made:");
        result.undo().forEach(command -> out.println("  " + command));
      }
      out.flush();
    }
    context.actions().output("complete", String.valueOf(result.complete()));
    Markdown.Table table = Markdown.table("repository", "tag", "status", "compare");
    for (RepositoryTagging.RepositoryResult r : result.repositories()) {
      table.row(Markdown.cell(r.repository()), r.tag() == null ? "-" : Markdown.codeCell(r.tag()),
          Markdown.cell(r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + (r.reason() == null ? "" : ": " + r.reason())),
          comparable(r) ? Markdown.link(r.previousTag() + "..." + r.tag(), r.compareUrl()) : "-");
    }
    StringBuilder md = new StringBuilder("### trainyard cut: date tags for ").append(result.date())
        .append(result.dryRun() ? " (dry run)" : "").append("\n\n").append(table.render()).append("\n");
    if (!result.undo().isEmpty()) {
      md.append("\nTo take back the tags this run made:\n\n```sh\n").append(String.join("\n", result.undo()))
          .append("\n```\n");
    }
    context.actions().summary(md.toString());
  }

  /** A compare link is shown only where the tag is (or, in a dry run, would be) this run's. */
  private static boolean comparable(RepositoryTagging.RepositoryResult r) {
    return r.compareUrl() != null && switch (r.status()) {
      case PLANNED, TAGGED, ALREADY_TAGGED -> true;
      case FAILED, NOT_ATTEMPTED -> false;
    };
  }

  /** {@code --json} when HEAD is released already. */
  record AlreadyReleasedJson(boolean alreadyReleased, String tag, String commit, boolean dryRun, String releaseUrl,
      PullRequestJson pullRequest) {}

  /** {@code pullRequest} of {@code --open-pr --json}: {@code number}, {@code url}, {@code created} are the interface. */
  record PullRequestJson(long number, String url, boolean created, String head, String base, boolean merged) {
    static PullRequestJson of(MergeBackPullRequest pr) {
      return pr == null ? null : new PullRequestJson(pr.number(), pr.url(), pr.created(), pr.head(), pr.base(), pr.merged());
    }
  }

  /** {@code --json} of a plan (dry run) or a release; field names are the documented interface. */
  record PlanJson(String version, String tag, String previousTag, String previousVersion, String branch,
      boolean createsBranch, String scheme, boolean patch, String bump, boolean dryRun, boolean alreadyReleased,
      String baseCommit, String commitMessage, String tagMessage, boolean signed, List<FileJson> files,
      List<PackageJson> packages, List<String> pushCommands, String compareUrl, String deploymentRequest,
      String commit, List<String> pushedRefs, String releaseUrl,
      PullRequestJson pullRequest, List<String> publicSteps) {
    static PlanJson of(ReleasePlan plan, ReleaseOutcome outcome, MergeBackPullRequest pullRequest) {
      var v = ReleaseSupport.VersionJson.of(plan.next());
      return new PlanJson(v.version(), v.tag(), v.previousTag(), v.previousVersion(), v.branch(), v.createsBranch(),
          v.scheme(), v.patch(), v.bump(), outcome == null, false, plan.baseCommit(), plan.commitMessage(),
          plan.tagMessage(), plan.sign(), plan.files().stream().map(FileJson::of).toList(),
          plan.sections().stream().map(PackageJson::of).toList(), plan.pushCommands(), plan.compareUrl(),
          plan.deploymentRequest(), outcome == null ? null : outcome.commit(),
          outcome == null ? List.of() : outcome.pushedRefs(), outcome == null ? null : outcome.releaseUrl(),
          PullRequestJson.of(pullRequest), plan.publicSteps());
    }
  }

  record FileJson(String path, boolean created, String before, String after) {
    static FileJson of(FileChange f) {
      return new FileJson(f.path(), f.creates(), f.before(), f.after());
    }
  }

  record PackageJson(@JsonProperty("package") String name, String path, String changelog, int commits, String markdown) {
    static PackageJson of(PackageSection s) {
      return new PackageJson(s.name(), s.path(), s.changelogFile(), s.commits().size(), s.markdown());
    }
  }

  private static void alreadyReleased(CommandContext context, CutOutcome.AlreadyReleased already) {
    TagRef tag = already.tag();
    String message = "already released: " + tag.name() + " (" + tag.commit().abbreviate(7).name()
        + ") is this commit's release; nothing to do";
    context.actions().output("tag", tag.name());
    context.actions().output("already-released", "true");
    pullRequestOutput(context, already.pullRequest());
    if (context.json()) {
      context.printJson(new AlreadyReleasedJson(true, tag.name(), tag.commit().name(), already.dryRun(),
          already.releaseUrl(), PullRequestJson.of(already.pullRequest())));
    } else {
      context.out().println(message);
      if (already.releaseUrl() != null) {
        context.out().println("GitHub release: " + already.releaseUrl());
      }
      if (already.pullRequest() != null) {
        context.out().println(pullRequestLine(already.pullRequest()));
      }
    }
    context.actions().summary("### trainyard cut\n\n" + message + "\n"
        + (already.pullRequest() == null ? "" : "\n" + pullRequestLink(already.pullRequest()) + "\n"));
  }

  private static void pullRequestOutput(CommandContext context, MergeBackPullRequest pr) {
    if (pr != null) {
      context.actions().output("pr-url", pr.url());
    }
  }

  /** "Merge-back pull request #12 (opened): URL". */
  static String pullRequestLine(MergeBackPullRequest pr) {
    return "Merge-back pull request #" + pr.number() + " (" + pr.head() + " -> " + pr.base() + ", "
        + (pr.merged() ? "merged already" : pr.created() ? "opened" : "reused") + "): " + pr.url();
  }

  private static String pullRequestLink(MergeBackPullRequest pr) {
    return "Merge-back pull request: " + Markdown.link("#" + pr.number(), pr.url()) + " ("
        + (pr.merged() ? "merged already" : pr.created() ? "opened" : "reused") + ")";
  }

  private static void plan(CommandContext context, ReleasePlan plan, ReleaseOutcome outcome,
      MergeBackPullRequest pullRequest) {
    ReleaseSupport.outputs(context.actions(), plan.next(), plan.compareUrl());
    pullRequestOutput(context, pullRequest);
    if (context.json()) {
      context.printJson(PlanJson.of(plan, outcome, pullRequest));
    } else {
      printText(context.out(), plan, outcome, pullRequest);
    }
    context.actions().summary(summary(plan, outcome, pullRequest));
  }

  private static void printText(PrintWriter out, ReleasePlan plan, ReleaseOutcome outcome,
      MergeBackPullRequest pullRequest) {
    var next = plan.next();
    out.println(outcome == null ? "Release plan (dry run: nothing was changed)" : "Released " + next.tag() + " locally"
        + (outcome.pushedRefs().isEmpty() ? " (not pushed)" : " and pushed"));
    out.println();
    out.println("  version:   " + ReleaseSupport.describe(next));
    out.println("  tag:       " + next.tag() + "  (annotated" + (plan.sign() ? ", signed" : "") + ": \"" + plan.tagMessage() + "\")");
    out.println("  branch:    " + (next.branch() == null ? "(detached HEAD)" : next.branch()
        + (next.createsBranch() ? " (new, from " + next.startBranch() + " at " + plan.baseCommit().substring(0, 7) + ")" : "")));
    out.println("  previous:  " + (next.previousTag() == null ? "(first release)" : next.previousTag()));
    out.println("  commit:    " + (plan.commitMessage() == null ? "(none: the tag goes on " + plan.baseCommit().substring(0, 7) + ")"
        : "\"" + plan.commitMessage() + "\"" + (outcome == null ? "" : " " + outcome.commit().substring(0, 7))));
    out.println();
    out.println(outcome == null ? "Files that would change:" : "Files changed:");
    if (plan.files().isEmpty()) {
      out.println("  (none)");
    }
    for (FileChange f : plan.files()) {
      out.println("  " + (f.creates() ? "A " : "M ") + f.path() + "  (" + lineChange(f) + ")");
    }
    for (PackageSection s : plan.sections()) {
      out.println();
      out.println("--- changelog: " + s.name() + " (" + s.changelogFile() + ", " + s.commits().size() + " commit"
          + (s.commits().size() == 1 ? "" : "s") + ")");
      out.print(s.markdown().endsWith("\n") ? s.markdown() : s.markdown() + "\n");
    }
    out.println();
    out.println(outcome != null && !outcome.pushedRefs().isEmpty() ? "Pushed: " + String.join(", ", outcome.pushedRefs())
        : "Push the release (branch first, then the tag; never --tags):");
    if (outcome == null || outcome.pushedRefs().isEmpty()) {
      plan.pushCommands().forEach(c -> out.println("  " + c));
    }
    if (!plan.publicSteps().isEmpty()) {
      out.println();
      out.println("Security release: pushed only to " + plan.remote() + ". When the fix may be public:");
      plan.publicSteps().forEach(step -> out.println("  " + step));
    }
    if (pullRequest != null) {
      out.println();
      out.println(pullRequestLine(pullRequest));
    } else if (plan.compareUrl() != null) {
      out.println();
      out.println(next.scheme().id().equals("date") ? "Compare:" : "Open the merge-back pull request (" + next.branch() + " -> "
          + (next.mainBranch() == null ? "main" : next.mainBranch()) + "):");
      out.println("  " + plan.compareUrl());
    }
    if (outcome != null && outcome.releaseUrl() != null) {
      out.println();
      out.println("GitHub release draft: " + outcome.releaseUrl());
    }
    if (plan.deploymentRequest() != null) {
      out.println();
      out.println("Deployment request:");
      plan.deploymentRequest().lines().forEach(l -> out.println("  " + l));
    }
    out.flush();
  }

  /** "+6 lines" for an inserted section, "1 line changed" for a version bump. */
  static String lineChange(FileChange f) {
    List<String> before = f.before() == null ? List.of() : f.before().lines().toList();
    List<String> after = f.after().lines().toList();
    if (before.size() == after.size()) {
      long changed = java.util.stream.IntStream.range(0, before.size()).filter(i -> !before.get(i).equals(after.get(i))).count();
      return changed + " line" + (changed == 1 ? "" : "s") + " changed";
    }
    int delta = after.size() - before.size();
    return (delta > 0 ? "+" : "") + delta + " lines";
  }

  private static String summary(ReleasePlan plan, ReleaseOutcome outcome, MergeBackPullRequest pullRequest) {
    var next = plan.next();
    StringBuilder md = new StringBuilder("### trainyard cut: ").append(next.tag())
        .append(outcome == null ? " (dry run)" : "").append("\n\n");
    Markdown.Table table = Markdown.table("", "")
        .row("version", next.version())
        .row("tag", Markdown.codeCell(next.tag()))
        .row("branch", next.branch() == null ? "-" : Markdown.codeCell(next.branch()))
        .row("previous tag", next.previousTag() == null ? "-" : Markdown.codeCell(next.previousTag()));
    if (plan.compareUrl() != null) {
      table.row("compare", plan.compareUrl());
    }
    if (pullRequest != null) {
      table.row("merge-back pull request", Markdown.link("#" + pullRequest.number(), pullRequest.url()));
    }
    md.append(table.render()).append("\n");
    for (PackageSection s : plan.sections()) {
      md.append("<details><summary>").append(s.name()).append(" (").append(s.commits().size())
          .append(" commits)</summary>\n\n").append(s.markdown()).append("\n</details>\n\n");
    }
    return md.toString();
  }
}
