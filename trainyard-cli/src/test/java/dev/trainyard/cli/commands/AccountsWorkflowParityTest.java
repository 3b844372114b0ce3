package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.assets.HeaderManifest;
import dev.trainyard.assets.testing.S3Server;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The accounts team's real CDN upload (three {@code aws s3 sync} calls, DESIGN.md) and the same
 * workflow as one trainyard configuration must leave the same objects with the same headers on the
 * same S3 server. Needs aws-cli on PATH ({@code apt-get install -y awscli}; .ci/run installs it).
 */
class AccountsWorkflowParityTest {
  private static final String CACHE = "public,max-age=86400";
  private static S3Server server;
  private static S3Client direct;

  @TempDir Path repo;

  @BeforeAll
  static void start() {
    ExternalTools.require("awscli", "aws");
    server = S3Server.start();
    direct = server.client();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      direct.close();
      server.close();
    }
  }

  @Test
  void trainyardConfigMatchesTheAwsCliCommands() throws Exception {
    write("assets/product-icons/mozilla-vpn.svg", "<svg>vpn</svg>");
    write("assets/product-icons/relay.png", "png relay");
    write("assets/product-icons/2024/monitor.svg", "<svg>monitor</svg>");
    write("assets/product-icons/README.md", "how to add icons");
    write("assets/product-icons/.DS_Store", "finder");
    write("assets/other/badge.svg", "<svg>badge</svg>");
    write("assets/other/photo.jpg", "jpeg");
    write("assets/legal/terms.pdf", "%PDF terms");
    write("assets/legal/privacy-notice.pdf", "%PDF privacy");
    write("assets/legal/draft.docx", "draft");
    direct.createBucket(b -> b.bucket("aws-cli"));
    direct.createBucket(b -> b.bucket("trainyard"));

    // .github/workflows/upload-assets-to-cdn.yml, with the bucket and endpoint swapped in.
    aws("s3", "sync", "--cache-control", CACHE, "--exclude", "*", "--include", "*.svg", "--include", "*.png",
        "assets/product-icons", "s3://aws-cli/product-icons");
    aws("s3", "sync", "--cache-control", CACHE, "--exclude", "*", "--include", "*.svg", "--include", "*.png",
        "assets/other", "s3://aws-cli/other");
    aws("s3", "sync", "--cache-control", CACHE, "--exclude", "*", "--include", "*.pdf",
        "--content-disposition", "attachment", "assets/legal", "s3://aws-cli/legal");

    write(".trainyard.yml", """
        assets:
          source: assets
          target: s3://trainyard
          path-style: true
          folders: [product-icons, other, legal]
          cache-control: public,max-age=86400
          filters:
            - exclude: "*"
            - include: "product-icons/**/*.{svg,png}"
            - include: "other/**/*.{svg,png}"
            - include: "legal/**/*.pdf"
          rules:
            - match: "legal/**"
              content-disposition: attachment
        """);
    CliRunner runner = new CliRunner(repo);
    S3Server.credentialsEnv().forEach(runner::env);
    CliRunner.Result result = runner.run("upload-assets", "--endpoint", server.endpoint().toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();

    Map<String, String> awsObjects = describeBucket("aws-cli");
    Map<String, String> ourObjects = describeBucket("trainyard");
    assertThat(awsObjects).hasSize(6);
    // trainyard also keeps one header manifest per synced prefix; everything else must be identical.
    assertThat(ourObjects.keySet()).filteredOn(k -> k.endsWith(HeaderManifest.NAME)).containsExactlyInAnyOrder(
        "legal/" + HeaderManifest.NAME, "other/" + HeaderManifest.NAME, "product-icons/" + HeaderManifest.NAME);
    ourObjects.keySet().removeIf(k -> k.endsWith(HeaderManifest.NAME));
    assertThat(ourObjects).isEqualTo(awsObjects);
  }

  /** Key -> content MD5, Content-Type, Cache-Control, Content-Disposition, Content-Encoding, user metadata. */
  private Map<String, String> describeBucket(String bucket) {
    Map<String, String> objects = new TreeMap<>();
    direct.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(object -> {
      HeadObjectResponse head = direct.headObject(b -> b.bucket(bucket).key(object.key()));
      byte[] body = direct.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray();
      String md5 = HexFormat.of().formatHex(md5(body));
      objects.put(object.key(), String.join(" | ", md5, head.contentType(), String.valueOf(head.cacheControl()),
          String.valueOf(head.contentDisposition()), String.valueOf(head.contentEncoding()), head.metadata().toString()));
    });
    return objects;
  }

  private void aws(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", server.endpoint().toString(), "--only-show-errors"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.putAll(S3Server.credentialsEnv());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", repo.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", repo.resolve("no-aws-credentials").toString());
    env.remove("AWS_PROFILE");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("aws-cli finished").isTrue();
    assertThat(process.exitValue()).as("aws " + String.join(" ", args) + "\n" + output).isZero();
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("MD5").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
