package dev.trainyard.cli.training;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trainyard.assets.SourceTree;
import dev.trainyard.cli.CliEnvironment;
import dev.trainyard.cli.Trainyard;
import dev.trainyard.files.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The class-data training's S3 round trip ({@code .ci/cds-train-inside.sh}): {@code upload-assets}
 * against a loopback bucket, once to upload and once more as a no-op, so the archive holds the
 * classes of a real response (signing, the HTTP client's reply, the XML listing, the manifest)
 * and not only those of a connection refused. Without them a no-op sync loads about a thousand
 * classes from the jars. The bucket keeps objects in memory and checks nothing: it is not a test
 * double and nothing but the training runs it.
 *
 * <pre>java -cp CLASSPATH dev.trainyard.cli.training.S3RoundTrip</pre>
 */
public final class S3RoundTrip {
  private static final String BUCKET = "training";

  private record StoredObject(byte[] body, String etag, Instant lastModified, Map<String, String> headers) {}

  private final Map<String, StoredObject> objects = new ConcurrentSkipListMap<>();

  private S3RoundTrip() {}

  public static void main(String[] args) throws IOException {
    List<Run> runs = run();
    for (Run run : runs) {
      if (run.exitCode() != 0) {
        System.err.print(run.output());
      }
    }
    System.exit(runs.stream().mapToInt(Run::exitCode).max().orElse(0));
  }

  /** One {@code upload-assets} run of the training: its exit code, and stdout and stderr together. */
  record Run(int exitCode, String output) {}

  /** Uploads four files to a new loopback bucket, then syncs them again (a no-op). */
  static List<Run> run() throws IOException {
    Path work = Files.createTempDirectory("trainyard-training-");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    try {
      Path assets = Files.createDirectories(work.resolve("assets/icons"));
      Files.writeString(assets.resolve("a.svg"), "<svg/>");
      Files.writeString(assets.resolve("b.css"), "a{}");
      Files.writeString(work.resolve("assets/index.html"), "<p>training</p>");
      // Above the size sent from memory: the upload that streams a file from disk is trained too.
      Files.write(work.resolve("assets/video.mp4"), new byte[(int) SourceTree.IN_MEMORY_LIMIT + 1]);
      S3RoundTrip bucket = new S3RoundTrip();
      server.createContext("/", bucket::handle);
      server.start();
      String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
      Map<String, String> env = Map.of(
          "AWS_ACCESS_KEY_ID", "training", "AWS_SECRET_ACCESS_KEY", "training-secret", "AWS_REGION", "us-east-1");
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        int code = Trainyard.run(new CliEnvironment(env, work, writer, writer, Clock.systemUTC(), false),
            "upload-assets", "--source", "assets", "--target", "s3://" + BUCKET + "/site", "--endpoint", endpoint,
            "--path-style", "--json");
        runs.add(new Run(code, output.toString()));
      }
      return runs;
    } finally {
      server.stop(0);
      FileTrees.delete(work);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      String key = path.startsWith("/" + BUCKET + "/") ? path.substring(BUCKET.length() + 2) : "";
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      byte[] body = exchange.getRequestBody().readAllBytes();
      switch (exchange.getRequestMethod()) {
        case "PUT" -> put(exchange, key, body);
        case "GET" -> {
          if (key.isEmpty() && query.containsKey("list-type")) {
            list(exchange, query.getOrDefault("prefix", ""));
          } else {
            get(exchange, key, true);
          }
        }
        case "HEAD" -> get(exchange, key, false);
        default -> reply(exchange, 501, null);
      }
    }
  }

  private void put(HttpExchange exchange, String key, byte[] body) throws IOException {
    String etag = "\"" + HexFormat.of().formatHex(md5(body)) + "\"";
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-amz-meta-") || lower.equals("content-type") || lower.equals("cache-control")) {
        headers.put(lower, values.get(0));
      }
    });
    objects.put(key, new StoredObject(body, etag, Instant.now().truncatedTo(ChronoUnit.SECONDS), headers));
    exchange.getResponseHeaders().set("ETag", etag);
    reply(exchange, 200, null);
  }

  private void get(HttpExchange exchange, String key, boolean withBody) throws IOException {
    StoredObject object = objects.get(key);
    if (object == null) {
      byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
          + "<Message>The specified key does not exist.</Message></Error>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/xml");
      reply(exchange, 404, withBody ? error : null);
      return;
    }
    object.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.getResponseHeaders().set("ETag", object.etag());
    exchange.getResponseHeaders().set("Last-Modified",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(object.lastModified().atZone(ZoneOffset.UTC)));
    if (withBody) {
      reply(exchange, 200, object.body());
    } else {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(object.body().length));
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private void list(HttpExchange exchange, String prefix) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET + "</Name><Prefix>")
        .append(prefix).append("</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
    int count = 0;
    for (Map.Entry<String, StoredObject> entry : objects.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        StoredObject object = entry.getValue();
        xml.append("<Contents><Key>").append(entry.getKey()).append("</Key><LastModified>")
            .append(object.lastModified()).append("</LastModified><ETag>").append(object.etag())
            .append("</ETag><Size>").append(object.body().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        count++;
      }
    }
    xml.append("<KeyCount>").append(count).append("</KeyCount></ListBucketResult>");
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    reply(exchange, 200, xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
    if (body != null) {
      exchange.getResponseBody().write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> parameters = new TreeMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        parameters.put(name, value);
      }
    }
    return parameters;
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has MD5", e);
    }
  }
}
