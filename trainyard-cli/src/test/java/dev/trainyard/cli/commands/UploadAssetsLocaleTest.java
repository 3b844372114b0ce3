package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.assets.testing.S3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * upload-assets of a file named {@code ünï.svg} in a child JVM started with trainyard's own JVM flags
 * (src/main/jib/app/jvm.args), under the C locale and under C.UTF-8. Java 17 decodes file names in
 * the locale's charset whatever the flags say, which is why the launcher and the image run the JVM
 * in C.UTF-8 (.ci/image-test.sh checks those two under LC_ALL=C). Here: what each locale does to the
 * JVM itself, against a real S3 server.
 */
class UploadAssetsLocaleTest {
  /** "ünï.svg" as the UTF-8 bytes the shell writes, so the name does not depend on this JVM's locale. */
  private static final String NAME_IN_PRINTF = "\\303\\274n\\303\\257.svg";
  private static final String NAME = "\u00fcn\u00ef.svg";
  private static S3Server server;
  private static S3Client s3;

  @TempDir Path repo;

  @BeforeAll
  static void startServer() {
    server = S3Server.start();
    s3 = server.client();
  }

  @AfterAll
  static void stopServer() {
    s3.close();
    server.close();
  }

  @Test
  void underTheCLocaleTheJvmCannotReadTheNameAndTrainyardRefusesInsteadOfUploadingAWrongKey() throws Exception {
    s3.createBucket(b -> b.bucket("locale-c"));
    writeAssets();

    Run run = upload("locale-c", "C");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines().filter(line -> line.startsWith("trainyard: "))).singleElement().asString()
        .contains("cannot be decoded in this JVM's file-name encoding");
    assertThat(run.err()).contains("LC_ALL=C.UTF-8");
    assertThat(keys("locale-c")).isEmpty();
  }

  @Test
  void inCUtf8TheKeyIsTheNameAsWritten() throws Exception {
    s3.createBucket(b -> b.bucket("locale-utf8"));
    writeAssets();

    Run run = upload("locale-utf8", "C.UTF-8");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(keys("locale-utf8")).contains("static/" + NAME, "static/plain.svg");
    assertThat(run.out()).contains("\"static/" + NAME + "\"");
  }

  private void writeAssets() throws IOException, InterruptedException {
    Path assets = Files.createDirectories(repo.resolve("assets"));
    Files.writeString(assets.resolve("plain.svg"), "<svg>plain</svg>");
    Process shell = new ProcessBuilder("sh", "-c", "printf '<svg>u</svg>' > \"$(printf '" + NAME_IN_PRINTF + "')\"")
        .directory(assets.toFile()).inheritIO().start();
    assertThat(shell.waitFor()).isZero();
  }

  private List<String> keys(String bucket) {
    return s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
  }

  private Run upload(String bucket, String locale) throws IOException, InterruptedException {
    Path flags = Path.of("src/main/jib/app/jvm.args").toAbsolutePath();
    assertThat(flags).exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + flags,
        "-cp", System.getProperty("java.class.path"), "dev.trainyard.cli.Main",
        "upload-assets", "--target", "s3://" + bucket + "/static", "--endpoint", "http://127.0.0.1:" + server.port(),
        "--path-style", "--json"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG") || name.startsWith("AWS_")
        || name.startsWith("GITHUB_") || name.startsWith("INPUT_"));
    env.put("LC_ALL", locale);
    env.put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
    env.put("AWS_REGION", "us-east-1");
    Path out = repo.resolve("out.txt");
    Path err = repo.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("trainyard finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
