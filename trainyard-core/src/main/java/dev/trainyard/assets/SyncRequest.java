package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One sync of a source folder (or a set of its subfolders) to a bucket prefix.
 *
 * @param folders subfolders of {@code source} to sync, each to {@code prefix/folder}; empty syncs the
 *     whole source folder to the prefix
 * @param maxDeleteShare the largest share of the selected remote objects {@code --delete} may remove
 *     without {@code --force}
 * @param verifyHeaders read the headers of objects whose content is unchanged (S3: one HEAD each) so
 *     that changed rules reach them; false trusts the content hash alone, like {@code aws s3 sync}
 * @param cdnUrl base URL the bucket is served from; null reports no URLs
 * @param manifest keep a {@link HeaderManifest} under each S3 prefix so that header checks need no
 *     HEAD per object
 * @param shard the keys this run owns ({@link Shard#ALL}: every key)
 */
public record SyncRequest(
    Path source,
    List<String> folders,
    AssetTarget target,
    Selection selection,
    HeaderPolicy headerPolicy,
    boolean dryRun,
    boolean delete,
    boolean force,
    double maxDeleteShare,
    int concurrency,
    boolean verifyHeaders,
    String cdnUrl,
    boolean manifest,
    Shard shard) {

  public static final double DEFAULT_MAX_DELETE_SHARE = 0.25;
  public static final int DEFAULT_CONCURRENCY = 16;

  public SyncRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(headerPolicy, "headerPolicy");
    shard = shard == null ? Shard.ALL : shard;
    folders = folders == null ? List.of() : List.copyOf(folders);
    for (String folder : folders) {
      if (folder.isBlank() || folder.startsWith("/") || folder.contains("\\") || List.of(folder.split("/")).contains("..")) {
        throw TrainyardException.invalidInput(
            "folder '" + folder + "' must be a relative path inside the source without '..'",
            "list subfolders of the source, e.g. folders: [product-icons, legal]");
      }
    }
    if (!(maxDeleteShare >= 0 && maxDeleteShare <= 1)) {
      throw TrainyardException.invalidInput(
          "max-delete-share " + maxDeleteShare + " is not between 0 and 1", "e.g. 0.25 allows deleting a quarter");
    }
    if (concurrency < 1 || concurrency > 256) {
      throw TrainyardException.invalidInput(
          "--concurrency " + concurrency + " is not between 1 and 256", "the default, 16, suits most buckets");
    }
    if (cdnUrl != null && cdnUrl.isBlank()) {
      cdnUrl = null;
    }
  }

  /** A request for every key (no shard). */
  public SyncRequest(Path source, List<String> folders, AssetTarget target, Selection selection,
      HeaderPolicy headerPolicy, boolean dryRun, boolean delete, boolean force, double maxDeleteShare,
      int concurrency, boolean verifyHeaders, String cdnUrl, boolean manifest) {
    this(source, folders, target, selection, headerPolicy, dryRun, delete, force, maxDeleteShare, concurrency,
        verifyHeaders, cdnUrl, manifest, Shard.ALL);
  }

  /** A request that keeps the header manifest. */
  public SyncRequest(Path source, List<String> folders, AssetTarget target, Selection selection,
      HeaderPolicy headerPolicy, boolean dryRun, boolean delete, boolean force, double maxDeleteShare,
      int concurrency, boolean verifyHeaders, String cdnUrl) {
    this(source, folders, target, selection, headerPolicy, dryRun, delete, force, maxDeleteShare, concurrency,
        verifyHeaders, cdnUrl, true);
  }

  /** The same request, planned only. */
  public SyncRequest dryRunCopy() {
    return new SyncRequest(source, folders, target, selection, headerPolicy, true, delete, force, maxDeleteShare,
        concurrency, verifyHeaders, cdnUrl, manifest, shard);
  }

  /** The same request with or without the header manifest. */
  public SyncRequest withManifest(boolean keep) {
    return new SyncRequest(source, folders, target, selection, headerPolicy, dryRun, delete, force, maxDeleteShare,
        concurrency, verifyHeaders, cdnUrl, keep, shard);
  }

  /** The same request for one shard of the keys. */
  public SyncRequest forShard(Shard of) {
    return new SyncRequest(source, folders, target, selection, headerPolicy, dryRun, delete, force, maxDeleteShare,
        concurrency, verifyHeaders, cdnUrl, manifest, of);
  }

  /** The folders to sync, "" standing for the whole source. */
  public List<String> foldersOrRoot() {
    return folders.isEmpty() ? List.of("") : folders.stream().map(AssetTarget::trimSlashes).toList();
  }
}
