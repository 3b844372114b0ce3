package dev.trainyard.cli.commands;

import dev.trainyard.ci.CiCheck;
import dev.trainyard.ci.CiResult;
import dev.trainyard.ci.CiState;
import dev.trainyard.ci.RequiredChecks;
import dev.trainyard.ci.RerunRequest;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What {@code verify-ci} writes: its {@code --json} record, the text, step outputs and summary. */
final class VerifyCiOutput {
  private VerifyCiOutput() {}

  /** The documented {@code --json} shape; field names are part of the interface scripts rely on. */
  record Json(String state, String repository, String ref, String sha, List<String> reasons, List<Check> checks,
      List<Rerun> reruns, int polls, int requests, int rateLimitedRequests, long elapsedSeconds,
      List<String> required, RequiredFrom requiredFrom) {
    static Json of(CiResult result) {
      return new Json(result.state().wireName(), result.repository().toString(), result.ref(), result.sha(),
          result.reasons(), result.checks().stream().map(Check::of).toList(),
          result.reruns().stream().map(Rerun::of).toList(), result.polls(), result.requests(),
          result.rateLimitedRequests(), result.elapsed().toSeconds(), result.requiredNames(),
          RequiredFrom.of(result.required()));
    }
  }

  /** Where {@code --required auto} read the branch's required checks; null without it. */
  record RequiredFrom(String branch, List<Source> sources) {
    static RequiredFrom of(RequiredChecks required) {
      return required == null ? null : new RequiredFrom(required.branch(), required.sources().stream()
          .map(s -> new Source(s.name(), s.readable(), s.httpStatus(), s.via(), s.checks())).toList());
    }
  }

  record Source(String source, boolean readable, int httpStatus, String via, int checks) {}

  record Check(String name, String kind, String state, String conclusion, String outcome, String url,
      String startedAt, String completedAt, Long durationSeconds, String app, long id) {
    static Check of(CiCheck check) {
      return new Check(check.name(), check.kind().wireName(), check.status(), check.conclusion(),
          check.outcome().wireName(), check.url(), text(check.startedAt()), text(check.completedAt()),
          check.duration() == null ? null : check.duration().toSeconds(), check.app(), check.id());
    }

    private static String text(Instant instant) {
      return instant == null ? null : instant.toString();
    }
  }

  record Rerun(long workflowRunId, int failedAttempt, List<String> checks) {
    static Rerun of(RerunRequest rerun) {
      return new Rerun(rerun.workflowRunId(), rerun.attempt(), rerun.checks());
    }
  }

  static void printText(PrintWriter out, CiResult result) {
    out.println(result.summaryLine());
    if (result.required() != null) {
      out.println("  " + requiredLine(result.required()));
    }
    for (CiCheck check : result.checks()) {
      out.println("  " + textRow(check));
    }
  }

  static void publish(ActionsIO actions, CiResult result) {
    actions.output("state", result.state().wireName());
    actions.output("sha", result.sha());
    actions.summary(summary(result));
    if (!result.success()) {
      actions.error(result.summaryLine());
    }
  }

  static String summary(CiResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### CI for ").append(Markdown.code(result.ref())).append(" (").append(Markdown.code(result.shortSha()))
        .append("): ").append(icon(result.state())).append(' ').append(result.state().wireName()).append("\n\n");
    for (String reason : result.reasons()) {
      md.append("- ").append(Markdown.cell(reason)).append('\n');
    }
    for (RerunRequest rerun : result.reruns()) {
      md.append("- re-ran failed jobs of workflow run ").append(rerun.workflowRunId())
          .append(" (attempt ").append(rerun.attempt() + 1).append("): ")
          .append(Markdown.cell(String.join(", ", rerun.checks()))).append('\n');
    }
    if (result.required() != null) {
      md.append("- ").append(Markdown.cell(requiredLine(result.required()))).append('\n');
    }
    if (!result.reasons().isEmpty() || !result.reruns().isEmpty() || result.required() != null) {
      md.append('\n');
    }
    if (result.checks().isEmpty()) {
      md.append("No check runs or commit statuses were reported for this commit.\n");
      return md.toString();
    }
    Markdown.Table table = Markdown.table("Check", "Kind", "Conclusion", "Counts as", "Duration", "Link");
    for (CiCheck check : result.checks()) {
      table.row(Markdown.cell(check.name()), check.kind().wireName(), Markdown.cell(check.stateLabel()),
          check.outcome().wireName().replace('_', ' '),
          check.duration() == null || check.duration().isZero() ? "" : human(check.duration()),
          check.url() == null ? "" : Markdown.link("details", check.url()));
    }
    md.append(table.render());
    md.append("\n").append(result.polls()).append(" poll").append(result.polls() == 1 ? "" : "s").append(", ")
        .append(result.requests()).append(" requests, ").append(result.rateLimitedRequests())
        .append(" counted against the rate limit.\n");
    return md.toString();
  }

  /** "required by the rulesets and branch protection of main: build, e2e". */
  static String requiredLine(RequiredChecks required) {
    if (required.unknown()) {
      return "required checks of " + required.branch() + " unknown: neither rulesets nor branch protection is readable"
          + " with this token";
    }
    return "required by the " + required.readFrom() + " of " + required.branch() + ": "
        + (required.names().isEmpty() ? "none" : String.join(", ", required.names()));
  }

  private static String textRow(CiCheck check) {
    String mark = switch (check.outcome()) {
      case PASSED -> "ok     ";
      case FAILED -> "FAILED ";
      case PENDING, RERUN_REQUESTED -> "pending";
      default -> "-      ";
    };
    String extra = check.outcome().counts() ? "" : " (" + check.outcome().wireName().replace('_', ' ') + ")";
    return mark + " " + check.name() + " [" + check.kind().wireName() + ": " + check.stateLabel() + "]" + extra;
  }

  private static String icon(CiState state) {
    return switch (state) {
      case SUCCESS -> "✅";
      case FAILURE -> "❌";
      case PENDING -> "⏳";
      case TIMEOUT -> "⌛";
    };
  }

  private static String human(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + "s" : seconds / 60 + "m " + seconds % 60 + "s";
  }
}
