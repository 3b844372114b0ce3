package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import dev.trainyard.assets.gcs.GcsObjectStore;
import dev.trainyard.assets.gcs.GcsSettings;
import dev.trainyard.assets.s3.S3ObjectStore;
import dev.trainyard.assets.s3.S3Settings;
import dev.trainyard.report.Reporter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code upload-assets} entry point: turns the effective configuration (file plus flags) into a
 * sync request, connects to the store the target names, and runs the sync.
 */
public final class AssetUpload {
  private AssetUpload() {}

  /**
   * @param workingDirectory the repository root the source folder is relative to
   * @param env the process environment (credentials, region, project)
   */
  public static SyncResult run(AssetsConfig config, Path workingDirectory, boolean dryRun, boolean force,
      Map<String, String> env, Reporter reporter) {
    return run(config, workingDirectory, dryRun, force, reporter, target -> connect(target, config, env));
  }

  static SyncResult run(AssetsConfig config, Path workingDirectory, boolean dryRun, boolean force, Reporter reporter,
      Function<AssetTarget, ObjectStore> stores) {
    SyncRequest request = request(config, workingDirectory, dryRun, force);
    try (ObjectStore store = stores.apply(request.target())) {
      return new AssetSync(store, reporter).run(request);
    }
  }

  public static SyncRequest request(AssetsConfig config, Path workingDirectory, boolean dryRun, boolean force) {
    AssetTarget target = AssetTarget.parse(config.target());
    Path source = workingDirectory.resolve(config.source() == null ? "assets" : config.source()).normalize();
    return new SyncRequest(
        source,
        config.folders(),
        target,
        new Selection(config.pathFilters(), Boolean.TRUE.equals(config.includeHidden())),
        new HeaderPolicy(config.cacheControl(), config.headerRules(), MimeTypes.standard()),
        dryRun,
        Boolean.TRUE.equals(config.delete()),
        force,
        config.maxDeleteShare() == null ? SyncRequest.DEFAULT_MAX_DELETE_SHARE : config.maxDeleteShare(),
        config.concurrency() == null ? SyncRequest.DEFAULT_CONCURRENCY : config.concurrency(),
        !Boolean.FALSE.equals(config.verifyHeaders()),
        config.cdnUrl(),
        !Boolean.FALSE.equals(config.manifest()));
  }

  static ObjectStore connect(AssetTarget target, AssetsConfig config, Map<String, String> env) {
    int concurrency = config.concurrency() == null ? SyncRequest.DEFAULT_CONCURRENCY : config.concurrency();
    return switch (target.scheme()) {
      case S3 -> S3ObjectStore.connect(target.bucket(),
          S3Settings.defaults(endpoint(config.endpoint()), Boolean.TRUE.equals(config.pathStyle()), config.region(), env, concurrency));
      case GCS -> GcsObjectStore.connect(target.bucket(), GcsSettings.defaults(config.endpoint(), env));
    };
  }

  private static URI endpoint(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw TrainyardException.invalidInput("--endpoint '" + value + "' is not a URL", "write e.g. http://127.0.0.1:9000");
    }
  }
}
