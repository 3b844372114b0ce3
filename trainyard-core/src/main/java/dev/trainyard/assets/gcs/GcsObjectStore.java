package dev.trainyard.assets.gcs;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.StorageRetryStrategy;
import dev.trainyard.TrainyardException;
import dev.trainyard.assets.LocalAsset;
import dev.trainyard.assets.ObjectHeaders;
import dev.trainyard.assets.ObjectStore;
import dev.trainyard.assets.RemoteObject;
import dev.trainyard.http.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloud Storage through google-cloud-storage over the JSON API. A listing already carries MD5,
 * headers and metadata, so planning needs no per-object request. Every write is conditional on the
 * generation we compared (or on the object not existing), which makes retries safe and never
 * overwrites a concurrent writer's object.
 */
public final class GcsObjectStore implements ObjectStore {
  private static final String STORAGE_SCOPE = "https://www.googleapis.com/auth/devstorage.full_control";
  private final Storage storage;
  private final String bucket;
  private final GcsSettings settings;
  /** Reads an HTTP-date {@code Retry-After} in error messages the way the retry strategy read it. */
  private final Clock clock;

  private GcsObjectStore(Storage storage, String bucket, GcsSettings settings, Clock clock) {
    this.storage = storage;
    this.bucket = bucket;
    this.settings = settings;
    this.clock = clock;
  }

  /** The longest a single call waits in total for servers' {@code Retry-After}, as on S3. */
  static final java.time.Duration MAX_RETRY_AFTER_WAIT = java.time.Duration.ofSeconds(60);

  public static GcsObjectStore connect(String bucket, GcsSettings settings) {
    return connect(bucket, settings, Sleeper.SYSTEM, Clock.systemUTC());
  }

  static GcsObjectStore connect(String bucket, GcsSettings settings, Sleeper sleeper, Clock clock) {
    return connect(bucket, settings, sleeper, clock, null);
  }

  /** @param credentialsTransport the transport of the credentials' token exchanges; null for the library's (tests pass one that trusts their server's certificate) */
  static GcsObjectStore connect(String bucket, GcsSettings settings, Sleeper sleeper, Clock clock,
      HttpTransportFactory credentialsTransport) {
    int timeoutMillis = (int) settings.attemptTimeout().toMillis();
    var retry = RetrySettings.newBuilder()
        .setMaxAttempts(settings.maxAttempts())
        .setInitialRetryDelayDuration(java.time.Duration.ofMillis(100))
        .setRetryDelayMultiplier(2.0)
        .setMaxRetryDelayDuration(java.time.Duration.ofSeconds(5))
        .setTotalTimeoutDuration(settings.attemptTimeout().multipliedBy(settings.maxAttempts()).plusSeconds(30))
        .build();
    var builder = StorageOptions.http()
        .setRetrySettings(retry)
        // Our writes carry generation preconditions, so the uniform strategy may retry them too.
        .setStorageRetryStrategy(new RetryAfterRetryStrategy(StorageRetryStrategy.getUniformStorageRetryStrategy(),
            settings.maxAttempts(), MAX_RETRY_AFTER_WAIT, sleeper, clock))
        .setTransportOptions(HttpTransportOptions.newBuilder()
            .setConnectTimeout(10_000)
            .setReadTimeout(timeoutMillis)
            .build());
    if (settings.endpoint() != null) {
      builder.setHost(settings.endpoint());
    }
    String project = settings.projectId();
    if (project != null) {
      builder.setProjectId(project);
    } else if (settings.anonymous()) {
      builder.setProjectId("trainyard");
    }
    if (settings.anonymous()) {
      builder.setCredentials(NoCredentials.getInstance());
    } else if (settings.credentialsFile() != null) {
      builder.setCredentials(credentialsFrom(settings.credentialsFile(), credentialsTransport));
    } else if (settings.endpoint() == null) {
      // Without credentials the client would go on anonymously and fail later with less to go on.
      try {
        builder.setCredentials(com.google.auth.oauth2.GoogleCredentials.getApplicationDefault());
      } catch (java.io.IOException e) {
        throw noCredentials(e);
      }
    }
    try {
      return new GcsObjectStore(builder.build().getService(), bucket, settings, clock);
    } catch (RuntimeException e) {
      throw TrainyardException.remote(
          "cannot set up Cloud Storage access: " + oneLine(e),
          "authenticate first (google-github-actions/auth in a workflow, gcloud auth application-default login locally)", e);
    }
  }

  /** One line: which credentials were looked for and how to provide them. */
  static TrainyardException noCredentials(Throwable cause) {
    return new TrainyardException(dev.trainyard.FailureKind.INVALID_INPUT,
        "no Google Cloud credentials: looked for GOOGLE_APPLICATION_CREDENTIALS, gcloud's application default"
            + " credentials (~/.config/gcloud/application_default_credentials.json) and the metadata server, and found none",
        "in GitHub Actions run google-github-actions/auth (workload identity federation; the job needs"
            + " 'permissions: id-token: write') before this step; locally run 'gcloud auth application-default login'",
        cause);
  }

  /**
   * The credentials file named by {@code GOOGLE_APPLICATION_CREDENTIALS}, read the way Application
   * Default Credentials would read it (google-github-actions/auth writes an {@code external_account}
   * file there for Workload Identity Federation), but from the environment the CLI passed in.
   */
  private static GoogleCredentials credentialsFrom(Path file, HttpTransportFactory transport) {
    try (InputStream in = Files.newInputStream(file)) {
      GoogleCredentials credentials = transport == null ? GoogleCredentials.fromStream(in) : GoogleCredentials.fromStream(in, transport);
      return credentials.createScoped(STORAGE_SCOPE);
    } catch (IOException | RuntimeException e) {
      throw TrainyardException.invalidInput(
          "cannot read the Google credentials file " + file + " (GOOGLE_APPLICATION_CREDENTIALS): " + oneLine(e),
          "run google-github-actions/auth before this step, or unset GOOGLE_APPLICATION_CREDENTIALS");
    }
  }

  @Override
  public List<RemoteObject> list(String prefix) {
    try {
      List<RemoteObject> objects = new ArrayList<>();
      Iterable<Blob> blobs = prefix.isEmpty()
          ? storage.list(bucket).iterateAll()
          : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll();
      for (Blob blob : blobs) {
        objects.add(toRemote(blob));
      }
      return objects;
    } catch (StorageException e) {
      throw TrainyardException.remote(
          "cannot list gs://" + bucket + "/" + prefix + ": " + describe(e),
          "check the bucket name and the credentials (google-github-actions/auth)", e);
    }
  }

  private static RemoteObject toRemote(Blob blob) {
    String md5 = blob.getMd5() == null ? null : HexFormat.of().formatHex(Base64.getDecoder().decode(blob.getMd5()));
    ObjectHeaders headers = new ObjectHeaders(
        blob.getContentType() == null ? "" : blob.getContentType(),
        blob.getCacheControl(),
        blob.getContentDisposition(),
        null,
        blob.getStorageClass() == null ? null : blob.getStorageClass().name());
    return new RemoteObject(blob.getName(), blob.getSize() == null ? 0 : blob.getSize(), blob.getEtag(), md5, headers,
        blob.getMetadata(), blob.getGeneration(),
        blob.getUpdateTimeOffsetDateTime() == null ? null : blob.getUpdateTimeOffsetDateTime().toInstant());
  }

  @Override
  public RemoteObject describe(RemoteObject listed) {
    return listed;
  }

  @Override
  public long upload(LocalAsset asset, String key, RemoteObject existing) {
    return upload(asset, null, key, existing);
  }

  @Override
  public long upload(LocalAsset asset, byte[] content, String key, RemoteObject existing) {
    ObjectHeaders headers = asset.headers();
    BlobId id = existing == null || existing.version() == null
        ? BlobId.of(bucket, key)
        : BlobId.of(bucket, key, existing.version());
    BlobInfo info = BlobInfo.newBuilder(id)
        .setContentType(headers.contentType())
        .setCacheControl(headers.cacheControl())
        .setContentDisposition(headers.contentDisposition())
        .setMd5(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(asset.md5Hex())))
        .build();
    boolean replacing = id.getGeneration() != null;
    try {
      if (asset.size() > settings.resumableThreshold()) {
        storage.createFrom(info, asset.file(), Storage.BlobWriteOption.md5Match(),
            replacing ? Storage.BlobWriteOption.generationMatch() : Storage.BlobWriteOption.doesNotExist());
      } else {
        // The library computes MD5 and CRC32C of the bytes and the service verifies them.
        storage.create(info, content != null ? content : Files.readAllBytes(asset.file()),
            replacing ? Storage.BlobTargetOption.generationMatch() : Storage.BlobTargetOption.doesNotExist());
      }
      return asset.size();
    } catch (StorageException e) {
      throw TrainyardException.remote("upload of " + key + " failed: " + describe(e), null, e);
    } catch (IOException e) {
      throw TrainyardException.invalidInput("cannot read " + asset.file() + ": " + e.getMessage(), null);
    }
  }

  @Override
  public void replaceHeaders(RemoteObject existing, ObjectHeaders headers) {
    BlobInfo patch = BlobInfo.newBuilder(BlobId.of(bucket, existing.key(), existing.version()))
        .setContentType(headers.contentType())
        .setCacheControl(headers.cacheControl())
        .setContentDisposition(headers.contentDisposition())
        .build();
    try {
      storage.update(patch, Storage.BlobTargetOption.generationMatch());
    } catch (StorageException e) {
      throw TrainyardException.remote("header update of " + existing.key() + " failed: " + describe(e), null, e);
    }
  }

  @Override
  public Map<String, String> delete(List<String> keys) {
    Map<String, String> failures = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        storage.delete(BlobId.of(bucket, key));
      } catch (StorageException e) {
        failures.put(key, describe(e));
      }
    }
    return failures;
  }

  @Override
  public boolean headersInListing() {
    return true;
  }

  @Override
  public String readText(String key) {
    try {
      Blob blob = storage.get(BlobId.of(bucket, key));
      return blob == null ? null : new String(blob.getContent(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (StorageException e) {
      throw TrainyardException.remote("cannot read gs://" + bucket + "/" + key + ": " + describe(e), null, e);
    }
  }

  @Override
  public void writeText(String key, String text, String contentType, String cacheControl) {
    BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, key)).setContentType(contentType).setCacheControl(cacheControl).build();
    try {
      storage.create(info, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (StorageException e) {
      throw TrainyardException.remote("cannot write gs://" + bucket + "/" + key + ": " + describe(e), null, e);
    }
  }

  @Override
  public void close() {
    try {
      storage.close();
    } catch (Exception e) {
      // Nothing is pending once a sync returns; a failure to release the transport changes nothing.
    }
  }

  private String describe(StorageException e) {
    String described = "HTTP " + e.getCode() + " " + (e.getReason() == null ? "" : e.getReason() + " ") + oneLine(e);
    var asked = RetryAfterRetryStrategy.retryAfter(e, clock);
    if (asked.isPresent() && asked.get().compareTo(MAX_RETRY_AFTER_WAIT) > 0) {
      described += " (not retried: the server asked to retry after " + asked.get().toSeconds() + " s (Retry-After), more than the "
          + MAX_RETRY_AFTER_WAIT.toSeconds() + " s one request may wait)";
    }
    return described;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
