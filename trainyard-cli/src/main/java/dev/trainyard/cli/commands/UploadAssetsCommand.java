package dev.trainyard.cli.commands;

import dev.trainyard.assets.AssetsConfig;
import dev.trainyard.assets.AssetsFlags;
import dev.trainyard.assets.SyncResult;
import dev.trainyard.assets.UploadRequest;
import dev.trainyard.assets.upload.AssetUpload;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    "When some keys fail, the others are still synced and the command fails as a check: re-run it."})
public final class UploadAssetsCommand extends BaseCommand {
  @Option(names = "--source", paramLabel = "DIR", description = "Folder to upload (default: assets.source, else 'assets').")
  Path source;

  @Option(names = "--target", paramLabel = "URI", description = "s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, or file://FOLDER (a local folder).")
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

  @Option(names = "--shard", paramLabel = "K/N",
      description = "Sync only shard K of N of the keys (a stable hash of each key picks its shard): run N jobs, "
          + "e.g. a matrix, for trees that outgrow one runner. Each shard lists, compares, uploads and deletes only its own keys.")
  String shard;

  @Option(names = "--cdn-url", paramLabel = "URL", description = "Base URL the bucket is served from; changed files are reported with their CDN URL.")
  String cdnUrl;

  @Override
  protected int execute(CommandContext context) {
    UploadRequest request = UploadRequest.resolve(context.config().assetsOrDefaults(), flags(), context.workingDirectory());
    SyncResult result = AssetUpload.run(request, context.env(), context.reporter());
    if (context.json()) {
      context.printJson(result);
    } else {
      UploadAssetsOutput.printText(context.out(), result);
    }
    UploadAssetsOutput.publish(context.actions(), result);
    return result.complete() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private AssetsFlags flags() {
    return new AssetsFlags(source == null ? null : source.toString(), target, folders, endpoint, pathStyle, region,
        cdnUrl, cacheControl, contentType, contentDisposition, acl, storageClass, orderedFilters(), includeHidden,
        dryRun, delete, force, maxDeleteShare, concurrency, shard);
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
}
