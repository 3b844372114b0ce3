package dev.trainyard.cli.commands;

import dev.trainyard.assets.AssetUpload;
import dev.trainyard.assets.AssetsConfig;
import dev.trainyard.assets.SyncResult;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** Syncs the assets folder to the bucket behind the CDN. */
@Command(name = "upload-assets", description = {
    "Sync an assets folder to the S3 or Cloud Storage bucket behind a CDN: assets/foo -> https://<cdn>/foo. "
        + "Unchanged files are skipped by content hash (mtimes are ignored), header-only changes are applied "
        + "without re-sending bodies, and --delete refuses to empty a prefix by accident.",
    "Exit codes: 0 done; 1 some keys failed (the others were synced; re-run); 2 bad input or a refused "
        + "--delete; 3 the bucket could not be listed or read."})
public final class UploadAssetsCommand extends BaseCommand {
  private static final int SUMMARY_ROWS = 200;

  @Option(names = "--source", paramLabel = "DIR", description = "Folder to upload (default: assets.source, else 'assets').")
  Path source;

  @Option(names = "--target", paramLabel = "URI", description = "s3://BUCKET/PREFIX or gs://BUCKET/PREFIX.")
  String target;

  @Option(names = "--folder", paramLabel = "NAME", split = ",",
      description = "Subfolder of the source to sync to PREFIX/NAME; repeat for several (default: the whole source).")
  List<String> folders;

  @Option(names = "--endpoint", paramLabel = "URL", description = "S3-compatible or Cloud Storage endpoint instead of the provider's.")
  String endpoint;

  @Option(names = "--path-style", description = "S3 path-style addressing (http://host/bucket/key), for S3-compatible stores.")
  Boolean pathStyle;

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION / AWS_DEFAULT_REGION).")
  String region;

  @Option(names = "--cache-control", paramLabel = "VALUE", description = "Cache-Control for every object unless a rule sets another.")
  String cacheControl;

  @Option(names = "--content-disposition", paramLabel = "VALUE", description = "Content-Disposition for every selected object, e.g. attachment.")
  String contentDisposition;

  @Option(names = "--content-type", paramLabel = "TYPE", description = "Content-Type for every selected object instead of the MIME table's.")
  String contentType;

  @Option(names = "--acl", paramLabel = "ACL", description = "S3 canned ACL for every object, e.g. public-read (only sent when given).")
  String acl;

  @Option(names = "--storage-class", paramLabel = "CLASS", description = "S3 storage class for every object (only sent when given).")
  String storageClass;

  // No split regex: a multi-line INPUT_EXCLUDE arrives as one value, split into lines below.
  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "Leave out matching paths. With --include, order matters: the last matching pattern wins.")
  List<String> excludes;

  @Option(names = "--include", paramLabel = "GLOB",
      description = "Take matching paths back in, e.g. --exclude '*' --include '*.svg'.")
  List<String> includes;

  @Option(names = "--include-hidden", description = "Also upload hidden files (names starting with a dot).")
  Boolean includeHidden;

  @Option(names = "--dry-run", description = "Print the plan (upload, update headers, unchanged, delete) and change nothing.")
  boolean dryRun;

  @Option(names = "--delete", description = "Delete remote objects under the synced prefixes that have no local file.")
  Boolean delete;

  @Option(names = "--force", description = "Allow --delete to remove more than the allowed share of objects.")
  boolean force;

  @Option(names = "--max-delete-share", paramLabel = "FRACTION", description = "Largest share of objects --delete may remove without --force (default 0.25).")
  Double maxDeleteShare;

  @Option(names = "--concurrency", paramLabel = "N", description = "Parallel requests (default 16).")
  Integer concurrency;

  @Option(names = "--cdn-url", paramLabel = "URL", description = "Base URL the bucket is served from; changed files are reported with their CDN URL.")
  String cdnUrl;

  @Override
  protected int execute(CommandContext context) {
    AssetsConfig config = context.config().assetsOrDefaults().overriddenBy(flags());
    SyncResult result = AssetUpload.run(config, context.workingDirectory(), dryRun, force, context.env(), context.reporter());
    if (context.json()) {
      context.printJson(result);
    } else {
      printText(context.out(), result);
    }
    publish(context, result);
    return result.complete() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private AssetsConfig flags() {
    List<AssetsConfig.Rule> rules = new ArrayList<>();
    if (contentDisposition != null || contentType != null || acl != null || storageClass != null) {
      rules.add(new AssetsConfig.Rule("**", null, contentType, contentDisposition, acl, storageClass));
    }
    return new AssetsConfig(
        source == null ? null : source.toString(),
        target,
        folders,
        endpoint,
        pathStyle,
        region,
        cdnUrl,
        cacheControl,
        orderedFilters(),
        rules,
        includeHidden,
        delete,
        maxDeleteShare,
        concurrency,
        null,
        null);
  }

  /**
   * The include and exclude patterns in command-line order, as aws-cli applies them. Patterns that
   * come from INPUT_EXCLUDE / INPUT_INCLUDE (no order between them) apply excludes first.
   */
  private List<AssetsConfig.Filter> orderedFilters() {
    List<AssetsConfig.Filter> filters = new ArrayList<>();
    Map<String, Integer> used = new LinkedHashMap<>();
    boolean fromCommandLine = false;
    for (ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
      if (arg instanceof OptionSpec option && (option.longestName().equals("--include") || option.longestName().equals("--exclude"))) {
        fromCommandLine = true;
        List<String> values = option.longestName().equals("--include") ? includes : excludes;
        int index = used.merge(option.longestName(), 1, Integer::sum) - 1;
        if (values != null && index < values.size()) {
          filters.addAll(filter(option.longestName(), values.get(index)));
        }
      }
    }
    if (!fromCommandLine) {
      if (excludes != null) {
        excludes.forEach(value -> filters.addAll(filter("--exclude", value)));
      }
      if (includes != null) {
        includes.forEach(value -> filters.addAll(filter("--include", value)));
      }
    }
    return filters;
  }

  private static List<AssetsConfig.Filter> filter(String option, String value) {
    return value.lines().map(String::strip).filter(line -> !line.isEmpty())
        .map(glob -> option.equals("--include") ? new AssetsConfig.Filter(glob, null) : new AssetsConfig.Filter(null, glob))
        .toList();
  }

  private static void printText(PrintWriter out, SyncResult result) {
    out.println((result.dryRun() ? "plan for " : "synced to ") + result.target() + ": "
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

  private static void publish(CommandContext context, SyncResult result) {
    var actions = context.actions();
    actions.output("uploaded-count", result.uploaded().size());
    actions.output("updated-count", result.updated().size());
    actions.output("unchanged-count", result.unchanged().size());
    actions.output("deleted-count", result.deleted().size());
    actions.output("failed-count", result.failed().size());
    actions.output("bytes", result.bytes());
    actions.output("urls", CommandContext.toJson(result.urls()).replaceAll("\\s*\\n\\s*", ""));
    actions.summary(summaryMarkdown(result));
  }

  static String summaryMarkdown(SyncResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### upload-assets").append(result.dryRun() ? " (dry run)" : "").append(": `").append(result.target()).append("`\n\n");
    md.append("| uploaded | headers updated | unchanged | deleted | failed | bytes |\n|---:|---:|---:|---:|---:|---:|\n");
    md.append("| ").append(result.uploaded().size()).append(" | ").append(result.updated().size()).append(" | ")
        .append(result.unchanged().size()).append(" | ").append(result.deleted().size()).append(" | ")
        .append(result.failed().size()).append(" | ").append(humanBytes(result.bytes())).append(" |\n\n");
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
      md.append("| change | key | CDN URL / error |\n|---|---|---|\n");
      rows.stream().limit(SUMMARY_ROWS).forEach(r -> md.append("| ").append(r[0]).append(" | `").append(cell(r[1]))
          .append("` | ").append(r[2].startsWith("http") ? "<" + r[2] + ">" : cell(r[2])).append(" |\n"));
      if (rows.size() > SUMMARY_ROWS) {
        md.append("\n… and ").append(rows.size() - SUMMARY_ROWS).append(" more (see the job log or --json).\n");
      }
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
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
