package dev.trainyard.cli.commands;

import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import dev.trainyard.owner.Duty;
import dev.trainyard.owner.OwnerResult;
import java.io.PrintWriter;

/**
 * What {@code owner} writes. {@code --json} prints the core's {@link OwnerResult}: {@code owner} and
 * {@code next}, each with {@code name}, {@code github}, {@code from}, {@code until} (the documented
 * interface), plus {@code bugzilla} and {@code swapped}.
 */
final class OwnerOutput {
  private OwnerOutput() {}

  static void printText(PrintWriter out, OwnerResult result) {
    out.println("release owner on " + result.date() + ": " + describe(result.owner()));
    out.println("next: " + describe(result.next()));
  }

  /** {@code Ada (@ada), 2026-11-16 to 2026-11-22 (swap)}. */
  static String describe(Duty duty) {
    return duty.label() + ", " + duty.from() + " to " + duty.until() + (duty.swapped() ? " (swap)" : "");
  }

  static void publish(ActionsIO actions, OwnerResult result) {
    actions.output("owner", result.owner().name());
    actions.output("owner-github", result.owner().github() == null ? "" : result.owner().github());
    actions.output("next", result.next().name());
    actions.output("next-github", result.next().github() == null ? "" : result.next().github());
    actions.summary(summary(result));
  }

  static String summary(OwnerResult result) {
    return "### Release owner on " + result.date() + "\n\n"
        + Markdown.table("", "Who", "GitHub", "From", "Until")
            .row("on duty", Markdown.cell(result.owner().name() + (result.owner().swapped() ? " (swap)" : "")),
                github(result.owner()), result.owner().from().toString(), result.owner().until().toString())
            .row("next", Markdown.cell(result.next().name() + (result.next().swapped() ? " (swap)" : "")),
                github(result.next()), result.next().from().toString(), result.next().until().toString())
            .render();
  }

  static String github(Duty duty) {
    return duty.github() == null ? "" : "@" + duty.github();
  }
}
