package dev.trainyard.assets.s3;

import dev.trainyard.TrainyardException;
import dev.trainyard.assets.LocalAsset;
import dev.trainyard.assets.ObjectHeaders;
import dev.trainyard.assets.ObjectStore;
import dev.trainyard.assets.RemoteObject;
import dev.trainyard.http.Sleeper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 (and S3-compatible stores) through the AWS SDK v2 sync client on a bounded pool: the caller
 * runs many requests at once, each with bounded retries, exponential backoff (longer for throttling
 * replies such as 503 SlowDown) stretched to a server's {@code Retry-After}, and per-attempt timeouts
 * sized to the body.
 */
public final class S3ObjectStore implements ObjectStore {
  /** Assumed slowest useful upload rate, for sizing the per-attempt timeout of large bodies. */
  private static final long MIN_BYTES_PER_SECOND = 512 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final S3Settings settings;

  S3ObjectStore(S3Client s3, String bucket, S3Settings settings) {
    this.s3 = s3;
    this.bucket = bucket;
    this.settings = settings;
  }

  public static S3ObjectStore connect(String bucket, S3Settings settings) {
    return connect(bucket, settings, Sleeper.SYSTEM, Clock.systemUTC());
  }

  /** @param sleeper waits between attempts (tests record the delays instead) */
  public static S3ObjectStore connect(String bucket, S3Settings settings, Sleeper sleeper, Clock clock) {
    // Half jitter, as RetryPolicy does for the HTTP clients: the SDK's full jitter can draw a zero
    // wait, which answers a 503 SlowDown with an immediate retry.
    var standard = AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(settings.maxAttempts())
        .backoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(100), Duration.ofSeconds(5)))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(500), Duration.ofSeconds(20)))
        .build();
    var retry = new RetryAfterStrategy(standard, settings.maxRetryWait(), sleeper, clock);
    boolean plainHttp = settings.endpoint() != null && "http".equalsIgnoreCase(settings.endpoint().getScheme());
    var http = ApacheHttpClient.builder()
        // Apache would add Expect: 100-continue to every PUT; ExpectContinueOnlyForLargeBodies decides.
        .expectContinueEnabled(false)
        .maxConnections(settings.maxConnections())
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(settings.attemptTimeout());
    if (plainHttp) {
      // No trust store read and no TLS set up before the first request to an HTTP endpoint.
      http.socketFactory(new TlsOnFirstUse());
    }
    var builder = S3Client.builder()
        .region(region(settings))
        .credentialsProvider(credentials(settings.env()))
        .forcePathStyle(settings.pathStyle())
        // We send Content-MD5 ourselves; the SDK's default CRC trailers break several S3-compatible stores.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(http)
        .overrideConfiguration(o -> o
            .addExecutionInterceptor(new ExpectContinueOnlyForLargeBodies())
            .retryStrategy(retry)
            .apiCallAttemptTimeout(settings.attemptTimeout())
            .apiCallTimeout(callTimeout(settings, settings.attemptTimeout())));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
      if (plainHttp) {
        builder.putAuthScheme(new UnsignedPayloadOverHttp());
      }
    }
    return new S3ObjectStore(builder.build(), bucket, settings);
  }

  private static Region region(S3Settings settings) {
    String configured = firstNonBlank(settings.region(), settings.env().get("AWS_REGION"), settings.env().get("AWS_DEFAULT_REGION"));
    if (configured != null) {
      return Region.of(configured);
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      if (settings.endpoint() != null) {
        // S3-compatible stores ignore the region but SigV4 still needs one.
        return Region.US_EAST_1;
      }
      throw TrainyardException.invalidInput(
          "no AWS region configured", "set AWS_REGION (aws-actions/configure-aws-credentials does) or assets.region");
    }
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
      String token = env.get("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(token == null || token.isBlank()
          ? AwsBasicCredentials.create(id, secret)
          : AwsSessionCredentials.create(id, secret, token));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public List<RemoteObject> list(String prefix) {
    try {
      List<RemoteObject> objects = new ArrayList<>();
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
        objects.add(RemoteObject.listed(object.key(), object.size(), object.eTag(), object.lastModified()));
      }
      return objects;
    } catch (SdkException e) {
      if (missingCredentials(e)) {
        throw noCredentials(e);
      }
      throw TrainyardException.remote(
          "cannot list s3://" + bucket + "/" + prefix + ": " + describe(e),
          "check the bucket name, the credentials (AWS_* variables or the workflow's OIDC step) and --endpoint", e);
    }
  }

  @Override
  public RemoteObject describe(RemoteObject listed) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(r -> r.bucket(bucket).key(listed.key()));
    } catch (SdkException e) {
      throw TrainyardException.remote("cannot read the headers of s3://" + bucket + "/" + listed.key() + ": " + describe(e), null, e);
    }
    Map<String, String> metadata = head.metadata();
    ObjectHeaders headers = new ObjectHeaders(
        head.contentType() == null ? "" : head.contentType(),
        head.cacheControl(),
        head.contentDisposition(),
        null,
        head.storageClassAsString());
    return new RemoteObject(listed.key(), head.contentLength(), head.eTag(), metadata.get(RemoteObject.MD5_METADATA), headers, metadata, null, head.lastModified());
  }

  @Override
  public long upload(LocalAsset asset, String key, RemoteObject existing) {
    return upload(asset, null, key, existing);
  }

  @Override
  public long upload(LocalAsset asset, byte[] content, String key, RemoteObject existing) {
    try {
      if (asset.size() > settings.multipartThreshold()) {
        uploadInParts(asset, key);
      } else {
        s3.putObject(
            putRequest(asset, key).toBuilder()
                .contentLength(asset.size())
                .contentMD5(base64(HexFormat.of().parseHex(asset.md5Hex())))
                .overrideConfiguration(timeoutsFor(asset.size()))
                .build(),
            content == null
                ? RequestBody.fromFile(asset.file())
                // Not RequestBody.fromBytes, which copies the array.
                : RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content), content.length,
                    asset.headers().contentType()));
      }
      return asset.size();
    } catch (SdkException e) {
      throw TrainyardException.remote("upload of " + key + " failed: " + describe(e), null, e);
    }
  }

  private PutObjectRequest putRequest(LocalAsset asset, String key) {
    ObjectHeaders headers = asset.headers();
    return PutObjectRequest.builder()
        .bucket(bucket)
        .key(key)
        .contentType(headers.contentType())
        .cacheControl(headers.cacheControl())
        .contentDisposition(headers.contentDisposition())
        .acl(headers.acl())
        .storageClass(headers.storageClass())
        .build();
  }

  /**
   * A multipart upload keeps the content MD5 in metadata, since its ETag is not one; each part carries
   * its own Content-MD5, and a failure aborts the upload so no parts linger.
   */
  private void uploadInParts(LocalAsset asset, String key) {
    ObjectHeaders headers = asset.headers();
    var create = CreateMultipartUploadRequest.builder()
        .bucket(bucket)
        .key(key)
        .contentType(headers.contentType())
        .cacheControl(headers.cacheControl())
        .contentDisposition(headers.contentDisposition())
        .acl(headers.acl())
        .storageClass(headers.storageClass())
        .metadata(Map.of(RemoteObject.MD5_METADATA, asset.md5Hex()))
        .build();
    String uploadId = s3.createMultipartUpload(create).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long partSize = settings.partSize();
      int number = 1;
      for (long offset = 0; offset < asset.size(); offset += partSize, number++) {
        long length = Math.min(partSize, asset.size() - offset);
        long start = offset;
        int partNumber = number;
        String partMd5 = base64(md5Of(asset.file(), start, length));
        ContentStreamProvider provider = () -> slice(asset.file(), start, length);
        String etag = s3.uploadPart(
                r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                    .contentLength(length).contentMD5(partMd5).overrideConfiguration(timeoutsFor(length)),
                RequestBody.fromContentProvider(provider, length, headers.contentType()))
            .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      }
      s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
      } catch (SdkException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw e;
    }
  }

  @Override
  public void replaceHeaders(RemoteObject existing, ObjectHeaders headers) {
    Map<String, String> metadata = existing.userMetadata() == null ? Map.of() : existing.userMetadata();
    String storageClass = headers.storageClass() != null
        ? headers.storageClass()
        : existing.headers() == null ? null : existing.headers().storageClass();
    var copy = CopyObjectRequest.builder()
        .sourceBucket(bucket)
        .sourceKey(existing.key())
        .destinationBucket(bucket)
        .destinationKey(existing.key())
        .metadataDirective(MetadataDirective.REPLACE)
        .metadata(metadata)
        .contentType(headers.contentType())
        .cacheControl(headers.cacheControl())
        .contentDisposition(headers.contentDisposition())
        .acl(headers.acl())
        .storageClass(storageClass);
    if (existing.etag() != null) {
      // Only rewrite the object we compared: if someone replaced it meanwhile, fail instead.
      copy.copySourceIfMatch("\"" + existing.etag() + "\"");
    }
    try {
      s3.copyObject(copy.build());
    } catch (SdkException e) {
      throw TrainyardException.remote("header update of " + existing.key() + " failed: " + describe(e), null, e);
    }
  }

  @Override
  public Map<String, String> delete(List<String> keys) {
    Map<String, String> failures = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return failures;
    }
    List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
    try {
      DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
      response.errors().forEach(error -> failures.put(error.key(), error.code() + ": " + error.message()));
    } catch (SdkException e) {
      String reason = describe(e);
      keys.forEach(k -> failures.put(k, reason));
    }
    return failures;
  }

  @Override
  public String readText(String key) {
    try {
      return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      throw TrainyardException.remote("cannot read s3://" + bucket + "/" + key + ": " + describe(e), null, e);
    }
  }

  @Override
  public void writeText(String key, String text, String contentType, String cacheControl) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl)
              .contentLength((long) bytes.length).contentMD5(base64(md5(bytes))),
          RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw TrainyardException.remote("cannot write s3://" + bucket + "/" + key + ": " + describe(e), null, e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has MD5", e);
    }
  }

  private AwsRequestOverrideConfiguration timeoutsFor(long bodyBytes) {
    Duration attempt = settings.attemptTimeout().plusSeconds(bodyBytes / MIN_BYTES_PER_SECOND);
    return AwsRequestOverrideConfiguration.builder()
        .apiCallAttemptTimeout(attempt)
        .apiCallTimeout(callTimeout(settings, attempt))
        .build();
  }

  /** Every attempt may use its whole timeout, plus the waiting between attempts. */
  private static Duration callTimeout(S3Settings settings, Duration attempt) {
    return attempt.multipliedBy(settings.maxAttempts()).plus(settings.maxRetryWait()).plusSeconds(5);
  }

  /** The SDK's default chain found nothing: its message lists every provider it tried, at length. */
  static boolean missingCredentials(SdkException e) {
    return !(e instanceof S3Exception) && e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials");
  }

  /** One line instead of the SDK's provider-chain dump: what was looked for and how to provide it. */
  static TrainyardException noCredentials(Throwable cause) {
    return new TrainyardException(dev.trainyard.FailureKind.INVALID_INPUT,
        "no AWS credentials: looked for AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a web identity token"
            + " (AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN), a profile (AWS_PROFILE, ~/.aws/credentials)"
            + " and container or instance credentials, and found none",
        "in GitHub Actions run aws-actions/configure-aws-credentials with role-to-assume (OIDC; the job needs"
            + " 'permissions: id-token: write') before this step, or set the AWS_* variables from secrets;"
            + " locally set AWS_PROFILE or the AWS_* variables", cause);
  }

  static String describe(SdkException e) {
    if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null) {
      var details = s3e.awsErrorDetails();
      List<String> notes = new ArrayList<>();
      if (details.errorMessage() != null && !details.errorMessage().isBlank()) {
        notes.add(details.errorMessage());
      }
      if (details.sdkHttpResponse() != null) {
        // Says why a throttled request was given up rather than retried.
        details.sdkHttpResponse().firstMatchingHeader("Retry-After").ifPresent(v -> notes.add("Retry-After: " + v.trim()));
      }
      return "HTTP " + s3e.statusCode() + " " + details.errorCode() + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
    }
    if (e instanceof S3Exception s3e) {
      return "HTTP " + s3e.statusCode();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private static InputStream slice(Path file, long offset, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      InputStream whole = Channels.newInputStream(channel);
      return new java.io.FilterInputStream(whole) {
        private long remaining = length;

        @Override
        public int read() throws IOException {
          if (remaining <= 0) {
            return -1;
          }
          int b = super.read();
          if (b >= 0) {
            remaining--;
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
          if (remaining <= 0) {
            return -1;
          }
          int n = super.read(buffer, off, (int) Math.min(len, remaining));
          if (n > 0) {
            remaining -= n;
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] md5Of(Path file, long offset, long length) {
    try (InputStream in = slice(file, offset, length)) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md5.update(buffer, 0, n);
      }
      return md5.digest();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has MD5", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
