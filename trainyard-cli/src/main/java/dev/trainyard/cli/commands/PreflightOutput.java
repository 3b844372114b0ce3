package dev.trainyard.cli.commands;

import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import dev.trainyard.preflight.CheckResult;
import dev.trainyard.preflight.CheckStatus;
import dev.trainyard.preflight.PreflightReport;
import java.io.PrintWriter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * What {@code preflight} writes. {@code --json} prints the core's {@link PreflightReport}: {@code ok}
 * and {@code checks} (each {@code name}, {@code status}, {@code reason}) are the documented interface.
 */
final class PreflightOutput {
  private PreflightOutput() {}

  static void printText(PrintWriter out, PreflightReport report) {
    out.println(heading(report));
    int width = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(10);
    for (CheckResult check : report.checks()) {
      out.printf("  %-4s  %-" + width + "s  %s%n", label(check.status()), check.name(), check.reason());
    }
    out.println(verdict(report));
  }

  /** {@code preflight for v1.4.0 (train) on Tuesday 2026-11-24; release owner Ada (@ada)}. */
  static String heading(PreflightReport report) {
    return "preflight for " + (report.nextTag() == null ? "the next release" : report.nextTag()) + " (" + report.scheme()
        + (report.patch() ? ", patch" : "") + ") on " + report.date().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
        + " " + report.date() + (report.owner() == null ? "" : "; release owner " + report.owner().label());
  }

  static String verdict(PreflightReport report) {
    return (report.ok() ? "ready: " : "NOT READY: ") + report.tally()
        + (report.ok() ? "" : " (" + String.join(", ", report.failed().stream().map(CheckResult::name).toList()) + ")");
  }

  /** Failures stand out in a terminal and in a log. */
  static String label(CheckStatus status) {
    return status == CheckStatus.FAIL ? "FAIL" : status.id();
  }

  static void publish(ActionsIO actions, PreflightReport report) {
    actions.output("ok", report.ok());
    actions.output("failed", String.join(",", report.failed().stream().map(CheckResult::name).toList()));
    actions.output("next-tag", report.nextTag() == null ? "" : report.nextTag());
    actions.output("owner", report.owner() == null ? "" : report.owner().name());
    actions.summary(summary(report));
    for (CheckResult failed : report.failed()) {
      actions.error("preflight " + failed.name() + ": " + failed.reason());
    }
  }

  static String summary(PreflightReport report) {
    return "### " + Markdown.cell(heading(report)) + "\n\n" + table(report) + "\n" + Markdown.cell(verdict(report)) + "\n";
  }

  /** The checks as a Markdown table, shared with the rehearsal's summary. */
  static String table(PreflightReport report) {
    Markdown.Table table = Markdown.table("Check", "Status", "Reason");
    for (CheckResult check : report.checks()) {
      table.row(Markdown.code(check.name()), icon(check.status()) + " " + check.status().id(), Markdown.cell(check.reason()));
    }
    return table.render();
  }

  static String icon(CheckStatus status) {
    return switch (status) {
      case PASS -> "✅";
      case WARN -> "⚠️";
      case FAIL -> "❌";
      case SKIP -> "➖";
    };
  }
}
