package dev.trainyard.cli.commands;

import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import dev.trainyard.release.PublishResult;
import java.io.PrintWriter;

/** What {@code publish-release} writes: its {@code --json} record, the text, step outputs and summary. */
final class PublishReleaseOutput {
  private PublishReleaseOutput() {}

  /** The documented {@code --json} shape. */
  record Json(String tag, String name, String url, long releaseId, boolean published, boolean alreadyPublished,
      PullRequest pullRequest) {
    static Json of(PublishResult result) {
      return new Json(result.tag(), result.name(), result.url(), result.releaseId(), true, result.alreadyPublished(),
          PullRequest.of(result.pullRequest()));
    }
  }

  record PullRequest(long number, String url, String state, boolean merged, String head, String base) {
    static PullRequest of(PublishResult.ReleasePullRequest pr) {
      return pr == null ? null : new PullRequest(pr.number(), pr.url(), pr.state(), pr.merged(), pr.head(), pr.base());
    }
  }

  static String line(PublishResult result) {
    String what = result.tag() + (result.name() == null || result.name().equals(result.tag()) ? ""
        : " (\"" + result.name() + "\")");
    return result.alreadyPublished() ? "already published: " + what + " " + result.url() + "; nothing to do"
        : "published " + what + ": " + result.url() + " (release pull request #" + result.pullRequest().number()
            + " merged)";
  }

  static void printText(PrintWriter out, PublishResult result) {
    out.println(line(result));
    out.flush();
  }

  static void publish(ActionsIO actions, PublishResult result) {
    actions.output("release-url", result.url());
    actions.output("already-published", result.alreadyPublished());
    if (result.pullRequest() != null) {
      actions.output("pr-url", result.pullRequest().url());
    }
    StringBuilder md = new StringBuilder("### trainyard publish-release: ").append(Markdown.cell(result.tag()))
        .append("\n\n");
    Markdown.Table table = Markdown.table("", "")
        .row("release", Markdown.link(result.name() == null ? result.tag() : result.name(), result.url()))
        .row("tag", Markdown.codeCell(result.tag()))
        .row("state", result.alreadyPublished() ? "published already; nothing changed" : "published now");
    if (result.pullRequest() != null) {
      table.row("release pull request", Markdown.link("#" + result.pullRequest().number(), result.pullRequest().url())
          + " (merged)");
    }
    actions.summary(md.append(table.render()).toString());
  }
}
