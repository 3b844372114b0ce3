package dev.trainyard.assets.upload;

import dev.trainyard.assets.AssetSync;
import dev.trainyard.assets.AssetTarget;
import dev.trainyard.assets.ObjectStore;
import dev.trainyard.assets.SyncResult;
import dev.trainyard.assets.UploadRequest;
import dev.trainyard.assets.file.FolderObjectStore;
import dev.trainyard.assets.gcs.GcsObjectStore;
import dev.trainyard.assets.gcs.GcsSettings;
import dev.trainyard.assets.s3.S3ObjectStore;
import dev.trainyard.assets.s3.S3Settings;
import dev.trainyard.report.Reporter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code upload-assets} entry point: connects to the store the target names and runs the sync
 * the resolved request describes. It lives beside, not in, {@code assets}: the sync only knows the
 * {@link ObjectStore} interface, and the stores ({@code assets.s3}, {@code assets.gcs}, {@code assets.file})
 * implement it.
 */
public final class AssetUpload {
  private AssetUpload() {}

  /**
   * Connects on another thread while the sync walks and hashes the source: building an SDK client
   * costs a short sync a good part of its time, and the listing is the first thing that needs it.
   *
   * @param env the process environment (credentials, region, project)
   */
  public static SyncResult run(UploadRequest request, Map<String, String> env, Reporter reporter) {
    CompletableFuture<ObjectStore> store = new CompletableFuture<>();
    Thread connecting = new Thread(() -> {
      try {
        store.complete(connect(request, env));
      } catch (Throwable e) {
        store.completeExceptionally(e);
      }
    }, "trainyard-connect");
    connecting.setDaemon(true);
    connecting.start();
    try {
      return new AssetSync(store, reporter).run(request.sync());
    } finally {
      // A sync refused before the listing leaves the connection to finish: wait, then release it.
      try {
        store.join().close();
      } catch (RuntimeException e) {
        // the failure to connect was the sync's to report
      }
    }
  }

  static ObjectStore connect(UploadRequest request, Map<String, String> env) {
    AssetTarget target = request.sync().target();
    return switch (target.scheme()) {
      case S3 -> S3ObjectStore.connect(target.bucket(), S3Settings.defaults(
          request.endpoint() == null ? null : URI.create(request.endpoint()), request.pathStyle(), request.region(),
          env, request.sync().concurrency()));
      case GCS -> GcsObjectStore.connect(target.bucket(), GcsSettings.defaults(request.endpoint(), env));
      case FILE -> FolderObjectStore.open(Path.of(target.bucket()));
    };
  }
}
