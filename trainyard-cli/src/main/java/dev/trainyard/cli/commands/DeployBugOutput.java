package dev.trainyard.cli.commands;

import dev.trainyard.bugs.DeployBugAction;
import dev.trainyard.bugs.DeployBugResult;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import java.io.PrintWriter;

/**
 * What {@code deploy-bug} writes: the text, the step outputs ({@code action}, {@code id}, {@code
 * url}) and the step summary. {@code --json} prints the core's {@link DeployBugResult} as it is:
 * its field names ({@code action}, {@code id}, {@code url}, {@code body}, ...) are the interface.
 */
final class DeployBugOutput {
  private DeployBugOutput() {}

  static void printText(PrintWriter out, DeployBugResult result) {
    out.println(headline(result));
    if (result.action() == DeployBugAction.WOULD_FILE || result.action() == DeployBugAction.FILED) {
      out.println("  where:   " + result.destination());
      out.println("  summary: " + result.summary());
    }
    out.println("  key:     " + result.key() + "   marker: " + result.marker());
    for (String note : result.notes()) {
      out.println("  note:    " + note);
    }
    out.println();
    result.body().lines().forEach(line -> out.println(line.isEmpty() ? "" : "  " + line));
    out.flush();
  }

  static String headline(DeployBugResult result) {
    String request = result.tracker() + " request " + result.id() + (result.url() == null ? "" : " (" + result.url() + ")");
    return switch (result.action()) {
      case FILED -> "Filed " + request + ":";
      case COMMENTED -> "Commented on " + request + ":";
      case UNCHANGED -> "Unchanged: " + request + " already has this text:";
      case WOULD_FILE -> "Would file a new " + result.tracker() + " request (dry run, nothing was written):";
      case WOULD_COMMENT -> result.id() == 0
          ? "Would comment on the release's existing request (dry run, " + result.tracker() + " not asked):"
          : "Would comment on " + request + " (dry run, nothing was written):";
    };
  }

  static void publish(ActionsIO actions, DeployBugResult result) {
    actions.output("action", result.action().id());
    actions.output("id", result.id() == 0 ? "" : String.valueOf(result.id()));
    actions.output("url", result.url() == null ? "" : result.url());
    actions.summary(summary(result));
  }

  static String summary(DeployBugResult result) {
    StringBuilder md = new StringBuilder("### trainyard deploy-bug: ").append(result.action().id()).append("\n\n");
    Markdown.Table table = Markdown.table("", "")
        .row("request", result.url() == null ? "-" : Markdown.link(result.tracker() + " " + result.id(), result.url()))
        .row("where", Markdown.cell(result.destination()))
        .row("key", Markdown.codeCell(result.key()))
        .row("marker", Markdown.codeCell(result.marker()));
    if (result.summary() != null) {
      table.row("summary", Markdown.cell(result.summary()));
    }
    md.append(table.render());
    for (String note : result.notes()) {
      md.append("\n- ").append(Markdown.cell(note));
    }
    md.append("\n\n<details><summary>text</summary>\n\n").append(result.body().strip()).append("\n\n</details>\n");
    return md.toString();
  }
}
