package dev.trainyard.cli.commands;

import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import dev.trainyard.mergeback.ForkSyncResult;
import dev.trainyard.mergeback.MergeBack;
import dev.trainyard.mergeback.MergeBackMarkdown;
import dev.trainyard.mergeback.MergeBackReport;
import dev.trainyard.mergeback.RefResult;
import dev.trainyard.mergeback.RefStatus;
import dev.trainyard.mergeback.TrackingIssue;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What {@code merge-back} writes: its {@code --json} record, the text, step outputs and summary. */
final class MergeBackOutput {
  private MergeBackOutput() {}

  /** The documented --json shape; field names are part of the interface scripts rely on. */
  record Json(String main, String mainTip, Instant checkedAt, Duration staleAfter, List<JsonRef> refs,
      int skipped, int stale, ForkSyncResult forkSync, TrackingIssue.Result trackingIssue,
      List<MergeBackReport.Problem> problems) {
    static Json of(MergeBack.Outcome outcome) {
      MergeBackReport report = outcome.report();
      return new Json(report.mainRef(), report.mainTip(), report.checkedAt(), report.staleAfter(),
          report.refs().stream().map(JsonRef::of).toList(), report.skipped(), report.stale().size(),
          report.forkSync(), outcome.issue(), report.problems());
    }
  }

  record JsonRef(String ref, String kind, String tip, String status, String how, List<String> missing,
      Instant since, List<String> authors, boolean stale, String evidence) {
    static JsonRef of(RefResult r) {
      return new JsonRef(r.ref(), r.kind().label(), r.tip(), r.status().label(),
          r.how() == null ? null : r.how().label(), r.missing(), r.since(), r.authors(), r.stale(), r.evidence());
    }
  }

  static void printText(PrintWriter out, MergeBack.Outcome outcome) {
    MergeBackReport report = outcome.report();
    TrackingIssue.Result issue = outcome.issue();
    int width = report.refs().stream().mapToInt(r -> r.shortName().length()).max().orElse(10);
    for (RefResult r : report.refs()) {
      String state = r.status() == RefStatus.MERGED ? "merged (" + r.how().label() + ")" : r.status().label();
      out.printf("%-" + width + "s  %-22s %s%n", r.shortName(), state + (r.stale() ? " STALE" : ""),
          r.status() == RefStatus.MERGED ? r.evidence()
              : r.missing().size() + " missing since " + r.since() + " by " + String.join(", ", r.authors()));
    }
    if (report.refs().isEmpty()) {
      out.println("no release refs in scope");
    }
    long merged = report.refs().stream().filter(r -> r.status() == RefStatus.MERGED).count();
    out.printf("%d of %d release refs merged into %s; %d stale (after %s)%s%n", merged, report.refs().size(),
        report.mainRef(), report.stale().size(), MergeBackMarkdown.human(report.staleAfter()),
        report.skipped() > 0 ? "; " + report.skipped() + " outside the horizon" : "");
    if (report.forkSync() != null) {
      ForkSyncResult fork = report.forkSync();
      out.printf("fork %s is %s (%d missing there, %d only there)%n", fork.remoteRef(), fork.state().label(),
          fork.onlyOnOurs().size(), fork.onlyOnFork().size());
    }
    if (issue != null) {
      out.printf("tracking issue: %s%s%n", issue.outcome().label(), issue.number() > 0 ? " #" + issue.number() : "");
    }
  }

  static void publish(ActionsIO actions, MergeBack.Outcome outcome) {
    MergeBackReport report = outcome.report();
    actions.summary(summary(report));
    actions.output("stale-count", report.stale().size());
    actions.output("unmerged-count", report.notMerged().size());
    actions.output("stale-refs", String.join("\n", report.stale().stream().map(RefResult::ref).toList()));
    if (outcome.issue() != null && outcome.issue().number() > 0) {
      actions.output("issue-number", outcome.issue().number());
    }
  }

  /** Every ref that is not merged, stale or not, plus a line for the merged ones. */
  static String summary(MergeBackReport report) {
    StringBuilder md = new StringBuilder();
    md.append("### Merge-back into ").append(Markdown.code(MergeBackMarkdown.shortRef(report.mainRef()))).append("\n\n");
    List<RefResult> open = report.notMerged();
    long merged = report.refs().size() - open.size();
    md.append(merged).append(" of ").append(report.refs().size()).append(" release refs merged");
    if (report.skipped() > 0) {
      md.append(" (").append(report.skipped()).append(" older refs outside the horizon not checked)");
    }
    md.append(". Stale after ").append(MergeBackMarkdown.human(report.staleAfter())).append(".\n\n");
    if (!open.isEmpty()) {
      MergeBackMarkdown.table(md, open, true);
    }
    MergeBackMarkdown.forkSync(md, report.forkSync());
    return md.toString();
  }
}
