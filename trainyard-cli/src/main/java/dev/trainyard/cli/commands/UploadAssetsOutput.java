package dev.trainyard.cli.commands;

import dev.trainyard.assets.SyncResult;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.markdown.Markdown;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code upload-assets} writes besides its {@code --json} (the {@link SyncResult} record
 * itself): the text for a terminal, the step outputs and the step summary.
 */
final class UploadAssetsOutput {
  private static final int SUMMARY_ROWS = 200;

  private UploadAssetsOutput() {}

  static void printText(PrintWriter out, SyncResult result) {
    out.println((result.dryRun() ? "plan for " : "synced to ") + result.target()
        + (result.shard() == null ? "" : " (shard " + result.shard() + ")") + ": "
        + result.uploaded().size() + (result.dryRun() ? " to upload, " : " uploaded, ")
        + result.updated().size() + " header update(s), "
        + result.unchanged().size() + " unchanged, "
        + result.deleted().size() + (result.dryRun() ? " to delete, " : " deleted, ")
        + humanBytes(result.bytes()) + (result.dryRun() ? " to send" : " sent")
        + (result.failed().isEmpty() ? "" : ", " + result.failed().size() + " FAILED"));
    section(out, result.dryRun() ? "upload" : "uploaded", result.uploaded());
    section(out, result.dryRun() ? "update headers" : "headers updated", result.updated());
    section(out, result.dryRun() ? "delete" : "deleted", result.deleted());
    if (!result.urls().isEmpty()) {
      out.println("CDN URLs of changed files:");
      result.urls().forEach(url -> out.println("  " + url));
    }
    if (!result.failed().isEmpty()) {
      out.println("failed (re-run to finish; unchanged files are skipped):");
      result.failed().forEach(f -> out.println("  " + f.key() + " (" + f.action().name().toLowerCase(Locale.ROOT) + "): " + f.error()));
    }
    out.flush();
  }

  private static void section(PrintWriter out, String title, List<String> keys) {
    if (!keys.isEmpty()) {
      out.println(title + ":");
      keys.forEach(k -> out.println("  " + k));
    }
  }

  static void publish(ActionsIO actions, SyncResult result) {
    actions.output("uploaded-count", result.uploaded().size());
    actions.output("updated-count", result.updated().size());
    actions.output("unchanged-count", result.unchanged().size());
    actions.output("deleted-count", result.deleted().size());
    actions.output("failed-count", result.failed().size());
    actions.output("bytes", result.bytes());
    actions.output("urls", CommandContext.toJson(result.urls()).replaceAll("\\s*\\n\\s*", ""));
    actions.summary(summary(result));
  }

  static String summary(SyncResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### upload-assets").append(result.dryRun() ? " (dry run)" : "")
        .append(result.shard() == null ? "" : " (shard " + result.shard().replace("/", " of ") + ")").append(": ")
        .append(Markdown.code(result.target().toString())).append("\n\n");
    md.append(Markdown.numericTable("uploaded", "headers updated", "unchanged", "deleted", "failed", "bytes")
        .row(String.valueOf(result.uploaded().size()), String.valueOf(result.updated().size()),
            String.valueOf(result.unchanged().size()), String.valueOf(result.deleted().size()),
            String.valueOf(result.failed().size()), humanBytes(result.bytes()))
        .render()).append('\n');
    List<String[]> rows = new ArrayList<>();
    int urlIndex = 0;
    boolean hasUrls = !result.urls().isEmpty();
    for (String key : result.uploaded()) {
      rows.add(new String[] {"uploaded", key, hasUrls ? result.urls().get(urlIndex++) : ""});
    }
    for (String key : result.updated()) {
      rows.add(new String[] {"headers", key, hasUrls ? result.urls().get(urlIndex++) : ""});
    }
    result.deleted().forEach(key -> rows.add(new String[] {"deleted", key, ""}));
    result.failed().forEach(f -> rows.add(new String[] {"**failed**", f.key(), f.error()}));
    if (!rows.isEmpty()) {
      Markdown.Table changes = Markdown.table("change", "key", "CDN URL / error");
      rows.stream().limit(SUMMARY_ROWS).forEach(r -> changes.row(r[0], Markdown.codeCell(r[1]),
          r[2].startsWith("http") ? Markdown.autolink(r[2]) : Markdown.cell(r[2])));
      md.append(changes.render());
      if (rows.size() > SUMMARY_ROWS) {
        md.append("\n… and ").append(rows.size() - SUMMARY_ROWS).append(" more (see the job log or --json).\n");
      }
    }
    return md.toString();
  }

  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
