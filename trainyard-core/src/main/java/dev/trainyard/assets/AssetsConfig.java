package dev.trainyard.assets;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code assets:} section of {@code .trainyard.yml}, for {@code upload-assets}. Every key is
 * optional; flags override it.
 *
 * @param source folder to upload, relative to the repository root (default {@code assets})
 * @param target {@code s3://BUCKET/PREFIX} or {@code gs://BUCKET/PREFIX}
 * @param folders subfolders of the source to sync, each to {@code PREFIX/FOLDER}; default: the whole
 *     source folder
 * @param endpoint an S3-compatible or Cloud Storage endpoint URL instead of the provider's own
 * @param pathStyle S3 path-style addressing ({@code http://host/bucket/key}), for S3-compatible stores
 * @param region AWS region; default from {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}
 * @param cdnUrl base URL of the CDN serving the bucket, for the URLs of changed files
 * @param cacheControl Cache-Control for every object unless a rule sets another
 * @param filters include/exclude patterns, applied in order: the last match wins
 * @param rules headers by path pattern, applied in order: later rules override earlier ones
 * @param includeHidden upload hidden files (names starting with a dot); default false
 * @param delete remove remote objects under the synced prefixes that have no local file
 * @param maxDeleteShare largest share of remote objects a sync may delete without --force (0.25)
 * @param concurrency parallel requests (16)
 * @param verifyHeaders read the headers of unchanged objects so changed rules reach them (true)
 * @param manifest S3: keep {@code .trainyard-assets.json} under each prefix so header checks need
 *     one GET instead of a HEAD per object (true)
 */
public record AssetsConfig(
    String source,
    String target,
    List<String> folders,
    String endpoint,
    Boolean pathStyle,
    String region,
    String cdnUrl,
    String cacheControl,
    List<Filter> filters,
    List<Rule> rules,
    Boolean includeHidden,
    Boolean delete,
    Double maxDeleteShare,
    Integer concurrency,
    Boolean verifyHeaders,
    Boolean manifest) {

  public static final AssetsConfig DEFAULTS =
      new AssetsConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public AssetsConfig {
    folders = folders == null ? List.of() : List.copyOf(folders);
    filters = filters == null ? List.of() : List.copyOf(filters);
    rules = rules == null ? List.of() : List.copyOf(rules);
    if (maxDeleteShare != null && !(maxDeleteShare >= 0 && maxDeleteShare <= 1)) {
      throw new IllegalArgumentException("max-delete-share must be between 0 and 1, got " + maxDeleteShare);
    }
    if (concurrency != null && (concurrency < 1 || concurrency > 256)) {
      throw new IllegalArgumentException("concurrency must be between 1 and 256, got " + concurrency);
    }
  }

  /** One entry of {@code filters:}: exactly one of {@code include} or {@code exclude}. */
  public record Filter(String include, String exclude) {
    public Filter {
      if ((include == null) == (exclude == null)) {
        throw new IllegalArgumentException("each filter needs exactly one of 'include' or 'exclude'");
      }
      Glob.of(include != null ? include : exclude);
    }

    public PathFilter toPathFilter() {
      return include != null ? PathFilter.include(include) : PathFilter.exclude(exclude);
    }
  }

  /**
   * One entry of {@code rules:}: headers for the paths {@code match} selects. ACL and storage class
   * apply to S3 only and are sent only when set.
   */
  public record Rule(
      String match,
      String cacheControl,
      String contentType,
      String contentDisposition,
      String acl,
      String storageClass) {
    public Rule {
      if (match == null) {
        throw new IllegalArgumentException("each rule needs 'match', a path pattern such as 'legal/**'");
      }
      Glob.of(match);
    }

    public HeaderRule toHeaderRule() {
      return new HeaderRule(Glob.of(match), cacheControl, contentType, contentDisposition, acl, storageClass);
    }
  }

  /**
   * This section with every value {@code overrides} sets (flags) put over it. Filters given as flags
   * replace the configured ones (they are one ordered list); rules given as flags are applied after
   * the configured ones, so they win where both set a header.
   */
  public AssetsConfig overriddenBy(AssetsConfig overrides) {
    return new AssetsConfig(
        pick(overrides.source, source),
        pick(overrides.target, target),
        overrides.folders.isEmpty() ? folders : overrides.folders,
        pick(overrides.endpoint, endpoint),
        pick(overrides.pathStyle, pathStyle),
        pick(overrides.region, region),
        pick(overrides.cdnUrl, cdnUrl),
        pick(overrides.cacheControl, cacheControl),
        overrides.filters.isEmpty() ? filters : overrides.filters,
        concat(rules, overrides.rules),
        pick(overrides.includeHidden, includeHidden),
        pick(overrides.delete, delete),
        pick(overrides.maxDeleteShare, maxDeleteShare),
        pick(overrides.concurrency, concurrency),
        pick(overrides.verifyHeaders, verifyHeaders),
        pick(overrides.manifest, manifest));
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }

  public List<PathFilter> pathFilters() {
    List<PathFilter> out = new ArrayList<>();
    filters.forEach(f -> out.add(f.toPathFilter()));
    return out;
  }

  public List<HeaderRule> headerRules() {
    return rules.stream().map(Rule::toHeaderRule).toList();
  }
}
