package dev.trainyard.assets.s3;

import dev.trainyard.TrainyardException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach an S3 bucket. {@code env} is the process environment as the CLI passes it: the
 * usual {@code AWS_*} variables (as aws-actions/configure-aws-credentials exports them) win, then the
 * SDK's default chains (profiles, container and instance roles, web identity).
 *
 * @param endpoint an S3-compatible endpoint (MinIO, s3proxy, R2...), null for AWS
 * @param maxRetryWait bound on all waiting between the attempts of one request, a server's
 *     {@code Retry-After} included; a server asking for more fails that request at once
 * @param multipartThreshold files larger than this go up in parts of {@code partSize}
 */
public record S3Settings(
    URI endpoint,
    boolean pathStyle,
    String region,
    Map<String, String> env,
    int maxConnections,
    int maxAttempts,
    Duration attemptTimeout,
    Duration maxRetryWait,
    long multipartThreshold,
    long partSize) {

  public static final long MIB = 1024 * 1024;
  public static final long DEFAULT_PART_SIZE = 16 * MIB;

  public S3Settings {
    env = env == null ? Map.of() : Map.copyOf(env);
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
      throw TrainyardException.invalidInput(
          "--endpoint '" + endpoint + "' is not an absolute URL", "write e.g. --endpoint http://127.0.0.1:9000");
    }
    if (partSize < 5 * MIB) {
      throw TrainyardException.invalidInput("part size " + partSize + " is below S3's 5 MiB minimum", null);
    }
    if (multipartThreshold < partSize) {
      multipartThreshold = partSize;
    }
    if (maxAttempts < 1 || maxConnections < 1) {
      throw new IllegalArgumentException("maxAttempts and maxConnections must be positive");
    }
  }

  /**
   * Defaults: 16 MiB parts above 16 MiB, 4 attempts, 30 s per attempt plus time for the body, at most
   * 60 s of waiting between the attempts of one request.
   */
  public static S3Settings defaults(URI endpoint, boolean pathStyle, String region, Map<String, String> env, int concurrency) {
    return new S3Settings(
        endpoint, pathStyle, region, env, Math.max(concurrency, 1) * 2, 4, Duration.ofSeconds(30),
        Duration.ofSeconds(60), DEFAULT_PART_SIZE, DEFAULT_PART_SIZE);
  }

  public S3Settings withMaxAttempts(int attempts) {
    return new S3Settings(endpoint, pathStyle, region, env, maxConnections, attempts, attemptTimeout, maxRetryWait,
        multipartThreshold, partSize);
  }

  public S3Settings withAttemptTimeout(Duration timeout) {
    return new S3Settings(endpoint, pathStyle, region, env, maxConnections, maxAttempts, timeout, maxRetryWait,
        multipartThreshold, partSize);
  }

  public S3Settings withMaxRetryWait(Duration wait) {
    return new S3Settings(endpoint, pathStyle, region, env, maxConnections, maxAttempts, attemptTimeout, wait,
        multipartThreshold, partSize);
  }
}
