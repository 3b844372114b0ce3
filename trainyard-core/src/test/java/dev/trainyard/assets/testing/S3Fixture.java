package dev.trainyard.assets.testing;

import dev.trainyard.assets.testing.RecordingProxy.Fault;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A test class's S3: one {@link S3Server}, a {@link RecordingProxy} in front of it (the client under
 * test talks to the proxy, so its requests are counted and faults injected) and a client straight to
 * the server for setting up and checking. Register it once per class:
 * {@code @RegisterExtension static final S3Fixture s3 = new S3Fixture();}
 */
public final class S3Fixture implements BeforeAllCallback, AfterAllCallback {
  private final AtomicInteger buckets = new AtomicInteger();
  private S3Server server;
  private RecordingProxy proxy;
  private S3Client direct;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = S3Server.start();
    proxy = new RecordingProxy(server.port());
    direct = server.client();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    direct.close();
    proxy.close();
    server.close();
  }

  public S3Server server() {
    return server;
  }

  public RecordingProxy proxy() {
    return proxy;
  }

  /** A client straight to the server, past the proxy. */
  public S3Client direct() {
    return direct;
  }

  /**
   * A new empty bucket, {@code prefix-N}, with the proxy back to normal: no faults, no
   * {@code Retry-After}, nothing recorded.
   */
  public String freshBucket(String prefix) {
    String bucket = prefix + "-" + buckets.incrementAndGet();
    direct.createBucket(b -> b.bucket(bucket));
    proxy.faults((method, target) -> Fault.NONE);
    proxy.retryAfter(null);
    proxy.reset();
    return bucket;
  }
}
