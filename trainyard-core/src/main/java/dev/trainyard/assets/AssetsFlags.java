package dev.trainyard.assets;

import java.util.List;

/**
 * The {@code upload-assets} flags as given, null (or empty) where not given. {@link
 * UploadRequest#resolve} puts them over the {@code assets:} configuration.
 *
 * @param filters the {@code --include}/{@code --exclude} patterns in command-line order; when given,
 *     they replace the configured filters (they are one ordered list)
 * @param contentType {@code --content-type}; with {@code --content-disposition}, {@code --acl} and
 *     {@code --storage-class} it forms one rule for every path, applied after the configured rules
 * @param shard {@code --shard K/N} as given (no configuration key: a shard belongs to one matrix job)
 */
public record AssetsFlags(
    String source,
    String target,
    List<String> folders,
    String endpoint,
    Boolean pathStyle,
    String region,
    String cdnUrl,
    String cacheControl,
    String contentType,
    String contentDisposition,
    String acl,
    String storageClass,
    List<AssetsConfig.Filter> filters,
    Boolean includeHidden,
    boolean dryRun,
    Boolean delete,
    boolean force,
    Double maxDeleteShare,
    Integer concurrency,
    String shard) {

  /** No flags at all: the configuration (or the defaults) as it stands, synced for real. */
  public static final AssetsFlags NONE = new AssetsFlags(null, null, null, null, null, null, null, null, null, null,
      null, null, null, null, false, null, false, null, null, null);

  public AssetsFlags {
    folders = folders == null ? List.of() : List.copyOf(folders);
    filters = filters == null ? List.of() : List.copyOf(filters);
  }
}
