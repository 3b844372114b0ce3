package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code upload-assets} run: the sync and how to reach the store. Built by {@link #resolve},
 * the one place where flags, the {@code assets:} configuration and the defaults meet.
 *
 * @param endpoint an S3-compatible or Cloud Storage endpoint instead of the provider's, or null
 * @param pathStyle S3 path-style addressing
 * @param region AWS region, or null for the SDK's default chain
 */
public record UploadRequest(SyncRequest sync, String endpoint, boolean pathStyle, String region) {
  public static final String DEFAULT_SOURCE = "assets";
  static final int MAX_CONCURRENCY = 256;

  public UploadRequest {
    Objects.requireNonNull(sync, "sync");
  }

  /**
   * Flags over configuration over defaults. Throws only {@link TrainyardException}, naming the flag
   * or the configuration key that holds the bad value.
   *
   * @param workingDirectory the repository root the source folder is relative to
   */
  public static UploadRequest resolve(AssetsConfig config, AssetsFlags flags, Path workingDirectory) {
    AssetsConfig c = config == null ? AssetsConfig.DEFAULTS : config;
    if (flags.maxDeleteShare() != null) {
      checkMaxDeleteShare(flags.maxDeleteShare(), "--max-delete-share");
    }
    if (flags.concurrency() != null) {
      checkConcurrency(flags.concurrency(), "--concurrency");
    }
    String endpoint = flags.endpoint() != null ? checkEndpoint(flags.endpoint(), "--endpoint")
        : checkEndpoint(c.endpoint(), "assets.endpoint");
    String source = first(flags.source(), c.source(), DEFAULT_SOURCE);
    List<AssetsConfig.Filter> filters = flags.filters().isEmpty() ? c.filters() : flags.filters();
    SyncRequest sync = new SyncRequest(
        workingDirectory.resolve(source).normalize(),
        flags.folders().isEmpty() ? c.folders() : flags.folders(),
        AssetTarget.parse(first(flags.target(), c.target(), null)).resolvedAgainst(workingDirectory),
        new Selection(filters.stream().map(AssetsConfig.Filter::toPathFilter).toList(),
            Boolean.TRUE.equals(first(flags.includeHidden(), c.includeHidden(), false))),
        new HeaderPolicy(first(flags.cacheControl(), c.cacheControl(), null), rules(c, flags), MimeTypes.standard()),
        flags.dryRun(),
        Boolean.TRUE.equals(first(flags.delete(), c.delete(), false)),
        flags.force(),
        first(flags.maxDeleteShare(), c.maxDeleteShare(), SyncRequest.DEFAULT_MAX_DELETE_SHARE),
        first(flags.concurrency(), c.concurrency(), SyncRequest.DEFAULT_CONCURRENCY),
        !Boolean.FALSE.equals(c.verifyHeaders()),
        first(flags.cdnUrl(), c.cdnUrl(), null),
        !Boolean.FALSE.equals(c.manifest()),
        flags.shard() == null ? Shard.ALL : Shard.parse(flags.shard(), "--shard"));
    return new UploadRequest(sync, endpoint,
        Boolean.TRUE.equals(first(flags.pathStyle(), c.pathStyle(), false)), first(flags.region(), c.region(), null));
  }

  /** The configured header rules, then the one rule the header flags make (so flags win). */
  private static List<HeaderRule> rules(AssetsConfig config, AssetsFlags flags) {
    List<HeaderRule> rules = new ArrayList<>(config.headerRules());
    if (flags.contentType() != null || flags.contentDisposition() != null || flags.acl() != null
        || flags.storageClass() != null) {
      rules.add(new AssetsConfig.Rule("**", null, flags.contentType(), flags.contentDisposition(), flags.acl(),
          flags.storageClass()).toHeaderRule());
    }
    return rules;
  }

  static void checkMaxDeleteShare(double share, String name) {
    if (!(share >= 0 && share <= 1)) {
      throw TrainyardException.invalidInput(
          name + " must be between 0 and 1, got " + share, "e.g. 0.25 lets --delete remove a quarter of the objects");
    }
  }

  static void checkConcurrency(int concurrency, String name) {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw TrainyardException.invalidInput(
          name + " must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency,
          "the default, " + SyncRequest.DEFAULT_CONCURRENCY + ", suits most buckets");
    }
  }

  private static String checkEndpoint(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI.create(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw TrainyardException.invalidInput(name + " '" + value + "' is not a URL", "write e.g. http://127.0.0.1:9000");
    }
  }

  private static <T> T first(T flag, T configured, T fallback) {
    return flag != null ? flag : configured != null ? configured : fallback;
  }
}
