package dev.trainyard.cli.commands;

import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import dev.trainyard.owner.Duty;
import dev.trainyard.preflight.CheckResult;
import dev.trainyard.rehearse.RehearsalReport;
import dev.trainyard.rehearse.RehearsalReport.AssetsStep;
import dev.trainyard.rehearse.RehearsalReport.Changelog;
import dev.trainyard.rehearse.RehearsalReport.CutStep;
import dev.trainyard.rehearse.RehearsalReport.FileChange;
import dev.trainyard.rehearse.RehearsalReport.MergeBackRef;
import dev.trainyard.rehearse.StepStatus;
import java.io.PrintWriter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * What {@code rehearse} writes: one readable report grouped by duty, numbered in the order things
 * would happen. {@code --json} prints the core's {@link RehearsalReport}, the same as one object.
 */
final class RehearseOutput {
  private RehearseOutput() {}

  static void printText(PrintWriter out, RehearsalReport report) {
    out.println("Rehearsal of the release duty for " + report.repository());
    out.println("on " + day(report) + "; nothing was changed anywhere.");
    if (report.owner() != null) {
      out.println("Release owner: " + OwnerOutput.describe(report.owner()) + "; next: " + OwnerOutput.describe(report.nextOwner()));
    }
    out.println();
    out.println("== 1. preflight");
    PreflightOutput.printText(indented(out), report.preflight());

    CutStep cut = report.cut();
    out.println();
    out.println("== 2. cut: " + cut.status() + (cut.tag() == null ? "" : " " + cut.tag()) + ": " + cut.reason());
    if (cut.tag() != null) {
      out.println("  branch:  " + (cut.branch() == null ? "(detached HEAD)" : cut.branch()
          + (cut.createsBranch() ? " (new, from " + cut.baseCommit().substring(0, 7) + ")" : "")));
      out.println("  commit:  " + (cut.commitMessage() == null ? "(none: the tag goes on " + cut.baseCommit().substring(0, 7) + ")"
          : "\"" + cut.commitMessage() + "\""));
      out.println("  tag:     " + cut.tag() + " (annotated: \"" + cut.tagMessage() + "\")");
      out.println("  files:");
      for (FileChange file : cut.files()) {
        int delta = file.linesAfter() - file.linesBefore();
        out.println("    " + (file.created() ? "A " : "M ") + file.path() + "  ("
            + (delta == 0 ? "lines changed" : (delta > 0 ? "+" : "") + delta + " lines") + ")");
      }
      for (Changelog changelog : cut.changelogs()) {
        out.println("  --- changelog: " + changelog.name() + " (" + changelog.file() + ", " + changelog.commits() + " commit"
            + (changelog.commits() == 1 ? "" : "s") + ")");
        changelog.markdown().lines().forEach(line -> out.println("    " + line));
      }
      out.println();
      out.println("== 3. push (branch first, then the tag; never --tags)");
      cut.pushCommands().forEach(command -> out.println("  " + command));
      out.println();
      out.println("== 4. verify CI of " + cut.tag() + " before anything deploys");
      out.println("  trainyard verify-ci --ref " + cut.tag() + " --wait 30m");
    }

    out.println();
    out.println("== 5. deploy order: " + report.deployOrder().status() + ": " + report.deployOrder().reason());
    report.deployOrder().services().forEach(service -> out.println("  " + service.position() + ". " + service.name()
        + " (wave " + service.wave() + ", " + service.reason() + ")"));

    AssetsStep assets = report.assets();
    out.println();
    out.println("== 6. upload assets" + (assets.target() == null ? "" : " to " + assets.target()) + ": " + assets.status()
        + ": " + assets.reason());
    if (assets.target() != null && (assets.status() == StepStatus.PLANNED || assets.status() == StepStatus.NOTHING_TO_DO)) {
      out.println("  " + assets.upload().size() + " to upload (" + UploadAssetsOutput.humanBytes(assets.bytes()) + "), "
          + assets.updateHeaders().size() + " header updates, " + assets.unchanged() + " unchanged, "
          + assets.delete().size() + " to delete");
      List<String> urls = assets.urls();
      for (int i = 0; i < assets.upload().size(); i++) {
        out.println("    upload " + assets.upload().get(i) + (i < urls.size() ? "  -> " + urls.get(i) : ""));
      }
      assets.updateHeaders().forEach(key -> out.println("    headers " + key));
      assets.delete().forEach(key -> out.println("    delete " + key));
    }

    out.println();
    out.println("== 7. deployment request: " + report.deploymentRequest().status() + ": " + report.deploymentRequest().reason()
        + (report.deploymentRequest().cc() == null ? "" : "; cc the release owner, " + report.deploymentRequest().cc()));
    if (report.deploymentRequest().text() != null) {
      report.deploymentRequest().text().lines().forEach(line -> out.println("  " + line));
    }

    out.println();
    out.println("== 8. merge-back: " + report.mergeBack().status() + ": " + report.mergeBack().reason());
    for (MergeBackRef ref : report.mergeBack().refs()) {
      out.println("  " + ref.ref() + "  " + ref.status() + (ref.how() == null ? "" : " (" + ref.how() + ")")
          + (ref.since() == null ? "" : " since " + ref.since()) + (ref.stale() ? " STALE" : ""));
    }

    out.println();
    out.println("In order:");
    for (int i = 0; i < report.order().size(); i++) {
      out.println("  " + (i + 1) + ". " + report.order().get(i));
    }
    out.println(report.ok() ? "rehearsal: nothing stops this release" : "rehearsal: NOT READY, see the failed checks above");
    out.flush();
  }

  private static String day(RehearsalReport report) {
    return report.date().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + report.date()
        + (report.example() ? " (the example's day)" : "");
  }

  /** Preflight's own table, two spaces in. */
  private static PrintWriter indented(PrintWriter out) {
    return new PrintWriter(new java.io.Writer() {
      private boolean lineStart = true;

      @Override
      public void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
          if (lineStart) {
            out.print("  ");
          }
          out.print(buffer[i]);
          lineStart = buffer[i] == '\n';
        }
      }

      @Override
      public void flush() {
        out.flush();
      }

      @Override
      public void close() {
        flush();
      }
    }, true);
  }

  static void publish(ActionsIO actions, RehearsalReport report) {
    actions.output("ok", report.ok());
    actions.output("failed", String.join(",", report.preflight().failed().stream().map(CheckResult::name).toList()));
    actions.output("next-tag", report.cut().tag() == null ? "" : report.cut().tag());
    actions.output("owner", report.owner() == null ? "" : report.owner().name());
    actions.summary(summary(report));
  }

  static String summary(RehearsalReport report) {
    StringBuilder md = new StringBuilder("### Release rehearsal: ").append(report.ok() ? "✅ ready" : "❌ not ready")
        .append("\n\n").append(Markdown.cell(report.repository())).append(", ").append(day(report))
        .append(". Nothing was changed.");
    Duty owner = report.owner();
    if (owner != null) {
      md.append(" Release owner: ").append(Markdown.cell(owner.label())).append(" (until ").append(owner.until())
          .append("); next: ").append(Markdown.cell(report.nextOwner().label())).append('.');
    }
    md.append("\n\n");
    Markdown.Table steps = Markdown.table("#", "What would happen");
    for (int i = 0; i < report.order().size(); i++) {
      steps.row(String.valueOf(i + 1), Markdown.cell(report.order().get(i)));
    }
    md.append(steps.render()).append("\n#### Preflight\n\n").append(PreflightOutput.table(report.preflight()));
    for (Changelog changelog : report.cut().changelogs()) {
      md.append("\n<details><summary>changelog: ").append(Markdown.cell(changelog.name())).append(" (")
          .append(changelog.commits()).append(" commits)</summary>\n\n").append(changelog.markdown()).append("\n</details>\n");
    }
    if (report.deploymentRequest().text() != null) {
      md.append("\n<details><summary>deployment request</summary>\n\n```text\n")
          .append(report.deploymentRequest().text()).append("```\n</details>\n");
    }
    return md.toString();
  }
}
