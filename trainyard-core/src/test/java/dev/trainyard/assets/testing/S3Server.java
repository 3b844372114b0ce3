package dev.trainyard.assets.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server on loopback: s3proxy with its in-memory ("transient") store, started as a
 * child JVM from the jar Maven copies to {@code target/s3proxy/s3proxy.jar}. It checks SigV4
 * signatures, so clients must sign with {@link #ACCESS_KEY}/{@link #SECRET_KEY}.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "trainyard-test";
  public static final String SECRET_KEY = "trainyard-test-secret";

  private final Process process;
  private final int port;
  private final Path log;

  private S3Server(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static S3Server start() {
    Path jar = locateJar();
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("s3proxy");
      Path properties = dir.resolve("s3proxy.properties");
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=http://127.0.0.1:" + port,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=transient",
          "jclouds.identity=" + ACCESS_KEY,
          "jclouds.credential=" + SECRET_KEY,
          ""));
      Path log = dir.resolve("s3proxy.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(List.of(
              java, "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
              "-jar", jar.toString(), "--properties", properties.toString()))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      S3Server server = new S3Server(process, port, log);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      server.awaitListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locateJar() {
    String configured = System.getProperty("s3proxy.jar");
    List<Path> candidates = configured != null
        ? List.of(Path.of(configured))
        : List.of(Path.of("target/s3proxy/s3proxy.jar"), Path.of("../trainyard-core/target/s3proxy/s3proxy.jar"));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("s3proxy jar not found at " + candidates
        + "; run the tests through Maven (./mvnw -pl trainyard-core -am test), which copies it");
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("s3proxy did not listen within 60 s: " + Files.readString(log));
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Environment a trainyard run needs to sign requests for this server. */
  public static Map<String, String> credentialsEnv() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", "us-east-1");
  }

  /** A plain SDK client straight to the server, for arranging and inspecting buckets in tests. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
