package dev.trainyard.mergeback;

import dev.trainyard.markdown.Markdown;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Markdown for the tracking issue, and the pieces the CLI's step summary shares with it. The issue body holds only facts that
 * change when the repository changes (no "checked at", no ages in days), so a re-run on an
 * unchanged repository renders the identical body and the issue is not touched.
 */
public final class MergeBackMarkdown {
  /** Hidden in the rendered issue; how a later run finds the issue it opened. */
  public static final String MARKER = "<!-- trainyard:merge-back -->";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private MergeBackMarkdown() {}

  public static String issueTitle(MergeBackReport report) {
    int stale = report.stale().size();
    if (stale == 0 && report.forkSync() != null && !report.forkSync().inSync()) {
      return "Merge-back: fork " + shortRef(report.forkSync().remoteRef()) + " is " + report.forkSync().state().label();
    }
    return "Merge-back: " + stale + " release ref" + (stale == 1 ? "" : "s") + " not merged into "
        + shortRef(report.mainRef());
  }

  /** The tracking issue's body while something is stale. */
  public static String issueBody(MergeBackReport report) {
    StringBuilder md = new StringBuilder(MARKER).append('\n');
    List<RefResult> stale = report.stale();
    if (!stale.isEmpty()) {
      md.append("These release refs have not been merged back into ").append(Markdown.code(shortRef(report.mainRef())))
          .append(" for more than ").append(human(report.staleAfter())).append(":\n\n");
      table(md, stale, false);
      md.append("\nOpen a pull request from each ref into ").append(Markdown.code(shortRef(report.mainRef())))
          .append(" and merge it. This issue is updated by the scheduled `trainyard merge-back` check and ")
          .append("closed when everything is merged.\n");
    }
    forkSync(md, report.forkSync());
    return md.toString();
  }

  /** What the issue says when it is closed. */
  public static String allClearBody(MergeBackReport report) {
    return MARKER + "\nAll release refs are merged back into " + Markdown.code(shortRef(report.mainRef()))
        + (report.forkSync() != null ? " and the fork is in sync" : "") + ".\n";
  }

  /** The table of refs the issue and the step summary share. */
  public static void table(StringBuilder md, List<RefResult> refs, boolean markStale) {
    Markdown.Table table = Markdown.table("Ref", "Status", "Since", "Missing commits", "Authors");
    for (RefResult r : refs) {
      table.row(Markdown.codeCell(r.shortName()),
          r.status().label() + (markStale && r.stale() ? " (stale)" : ""),
          r.since() == null ? "" : DAY.format(r.since()),
          missing(r.missing()),
          Markdown.cell(r.authors().stream().map(MergeBackMarkdown::nameOnly).collect(Collectors.joining(", "))));
    }
    md.append(table.render());
  }

  /** The fork's line, shared by the issue and the step summary; nothing without a fork check. */
  public static void forkSync(StringBuilder md, ForkSyncResult fork) {
    if (fork == null) {
      return;
    }
    md.append("\n**Fork** ").append(Markdown.code(shortRef(fork.remoteRef()))).append(" is **")
        .append(fork.state().label()).append("** against ").append(Markdown.code(shortRef(fork.ourRef())));
    if (!fork.onlyOnOurs().isEmpty()) {
      md.append("; it lacks ").append(fork.onlyOnOurs().size()).append(" commit")
          .append(fork.onlyOnOurs().size() == 1 ? "" : "s").append(" (").append(missing(fork.onlyOnOurs())).append(")");
    }
    if (!fork.onlyOnFork().isEmpty()) {
      md.append("; it has ").append(fork.onlyOnFork().size()).append(" commit")
          .append(fork.onlyOnFork().size() == 1 ? "" : "s").append(" we lack (")
          .append(missing(fork.onlyOnFork())).append(")");
    }
    md.append(".\n");
  }

  private static String missing(List<String> hashes) {
    if (hashes.isEmpty()) {
      return "";
    }
    String shown = hashes.stream().limit(5).map(h -> Markdown.code(h.substring(0, Math.min(10, h.length()))))
        .collect(Collectors.joining(", "));
    return hashes.size() > 5 ? shown + " and " + (hashes.size() - 5) + " more" : shown;
  }

  /** Names only: an issue body is public, and mentioning people's addresses there helps nobody. */
  private static String nameOnly(String author) {
    int lt = author.indexOf(" <");
    return lt < 0 ? author : author.substring(0, lt);
  }

  public static String shortRef(String ref) {
    for (String prefix : List.of("refs/heads/", "refs/remotes/", "refs/tags/")) {
      if (ref.startsWith(prefix)) {
        return ref.substring(prefix.length());
      }
    }
    return ref;
  }

  public static String human(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + " day" + (d.toDays() == 1 ? "" : "s");
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + " hour" + (d.toHours() == 1 ? "" : "s");
    }
    return d.toMinutes() + " minutes";
  }
}
