package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import dev.trainyard.match.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code assets:} section of {@code .trainyard.yml}, for {@code upload-assets}. Every key is
 * optional; flags override it ({@link UploadRequest#resolve}).
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

  /**
   * This section with every unset key at the value upload-assets uses (what {@code trainyard config}
   * prints). Keys without a default stay null: target, endpoint, cdn-url and cache-control (none
   * unless given) and region (from AWS_REGION / AWS_DEFAULT_REGION at run time).
   */
  public AssetsConfig withDefaults() {
    return new AssetsConfig(source != null ? source : UploadRequest.DEFAULT_SOURCE, target, folders, endpoint,
        pathStyle != null ? pathStyle : Boolean.FALSE, region, cdnUrl, cacheControl, filters, rules,
        includeHidden != null ? includeHidden : Boolean.FALSE,
        delete != null ? delete : Boolean.FALSE,
        maxDeleteShare != null ? maxDeleteShare : SyncRequest.DEFAULT_MAX_DELETE_SHARE,
        concurrency != null ? concurrency : SyncRequest.DEFAULT_CONCURRENCY,
        verifyHeaders != null ? verifyHeaders : Boolean.TRUE,
        manifest != null ? manifest : Boolean.TRUE);
  }

  public AssetsConfig {
    folders = folders == null ? List.of() : List.copyOf(folders);
    filters = filters == null ? List.of() : List.copyOf(filters);
    rules = rules == null ? List.of() : List.copyOf(rules);
    if (maxDeleteShare != null) {
      UploadRequest.checkMaxDeleteShare(maxDeleteShare, "assets.max-delete-share");
    }
    if (concurrency != null) {
      UploadRequest.checkConcurrency(concurrency, "assets.concurrency");
    }
  }

  /** One entry of {@code filters:}: exactly one of {@code include} or {@code exclude}. */
  public record Filter(String include, String exclude) {
    public Filter {
      if ((include == null) == (exclude == null)) {
        throw TrainyardException.invalidInput("each filter needs exactly one of 'include' or 'exclude'",
            "write '- include: \"*.svg\"' or '- exclude: \"*\"'");
      }
      Glob.path(include != null ? include : exclude);
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
        throw TrainyardException.invalidInput("each rule needs 'match', a path pattern such as 'legal/**'", null);
      }
      Glob.path(match);
    }

    public HeaderRule toHeaderRule() {
      return new HeaderRule(Glob.path(match), cacheControl, contentType, contentDisposition, acl, storageClass);
    }
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
