package dev.trainyard.assets.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** How s3proxy's Jetty names the port it bound: {@code ServerConnector@1a2b{HTTP/1.1, (http/1.1)}{127.0.0.1:46059}}. */
  private static final Pattern BOUND = Pattern.compile("ServerConnector@\\S*\\{[^}]*\\}\\{127\\.0\\.0\\.1:(\\d+)\\}");

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
      Path dir = Files.createTempDirectory("s3proxy");
      Path properties = dir.resolve("s3proxy.properties");
      Files.writeString(properties, String.join("\n",
          // Port 0: the server binds a free port itself and logs which. Probing for a free port here and
          // handing it over would leave a window (the child JVM's start-up, seconds on a loaded machine)
          // in which another process can take it, and the server would then fail to bind.
          "s3proxy.endpoint=http://127.0.0.1:0",
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
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new S3Server(process, awaitPort(process, log), log);
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

  /**
   * The port the server bound, from the line its Jetty logs once the connector listens (Jetty starts
   * its connectors after the handlers, so the server answers from then on).
   */
  private static int awaitPort(Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Matcher bound = BOUND.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
      if (bound.find()) {
        return Integer.parseInt(bound.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("s3proxy exited: " + Files.readString(log, StandardCharsets.ISO_8859_1));
      }
      sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("s3proxy did not listen within 60 s: " + Files.readString(log, StandardCharsets.ISO_8859_1));
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
