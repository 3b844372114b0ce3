package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.assets.testing.RecordingProxy.Fault;
import dev.trainyard.assets.testing.S3Fixture;
import dev.trainyard.assets.testing.S3Server;
import dev.trainyard.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** upload-assets end to end through the CLI against a real S3 API server on loopback. */
class UploadAssetsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final S3Fixture s3 = new S3Fixture();

  @TempDir Path repo;
  private String bucket;

  @BeforeEach
  void bucket() throws IOException {
    bucket = s3.freshBucket("cli");
    write("assets/product-icons/vpn.svg", "<svg>vpn</svg>");
    write("assets/product-icons/relay.png", "png");
    write("assets/product-icons/notes.md", "not an icon");
    write("assets/legal/terms.pdf", "%PDF terms");
  }

  @Test
  void jsonReportsKeysBytesAndUrlsAndActionsGetOutputsAndSummary() throws IOException {
    Path outputs = repo.resolve("gh-output");
    Path summary = repo.resolve("gh-summary");
    CliRunner.Result result = cli()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", outputs.toString())
        .env("GITHUB_STEP_SUMMARY", summary.toString())
        .run("upload-assets", "--target", "s3://" + bucket + "/static", "--endpoint", s3.proxy().endpoint().toString(),
            "--path-style", "--cache-control", "public,max-age=86400", "--exclude", "*", "--include", "*.svg",
            "--include", "*.pdf", "--cdn-url", "https://cdn.example.com", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("uploaded")).extracting(JsonNode::asText)
        .containsExactly("static/legal/terms.pdf", "static/product-icons/vpn.svg");
    assertThat(json.get("updated")).isEmpty();
    assertThat(json.get("unchanged")).isEmpty();
    assertThat(json.get("deleted")).isEmpty();
    assertThat(json.get("failed")).isEmpty();
    assertThat(json.get("bytes").asLong()).isEqualTo(10 + 14);
    assertThat(json.get("urls")).extracting(JsonNode::asText).containsExactly(
        "https://cdn.example.com/static/legal/terms.pdf", "https://cdn.example.com/static/product-icons/vpn.svg");
    assertThat(Files.readString(outputs)).contains("uploaded-count", "bytes").contains("https://cdn.example.com/static/legal/terms.pdf");
    assertThat(Files.readString(summary)).contains("| uploaded | `static/product-icons/vpn.svg` | <https://cdn.example.com/static/product-icons/vpn.svg> |");
    assertThat(s3.direct().headObject(b -> b.bucket(bucket).key("static/product-icons/vpn.svg")).cacheControl())
        .isEqualTo("public,max-age=86400");

    CliRunner.Result again = cli().run("upload-assets", "--target", "s3://" + bucket + "/static", "--endpoint",
        s3.proxy().endpoint().toString(), "--path-style", "--cache-control", "public,max-age=86400", "--exclude", "*",
        "--include", "*.svg", "--include", "*.pdf", "--json");
    assertThat(JSON.readTree(again.out()).get("unchanged")).hasSize(2);
  }

  @Test
  void configSectionDrivesTheSyncAndInputsOverrideIt() throws IOException {
    write(".trainyard.yml", """
        assets:
          source: assets
          target: s3://%s
          path-style: true
          folders: [product-icons, legal]
          cache-control: public,max-age=86400
          filters:
            - exclude: "*"
            - include: "product-icons/**/*.{svg,png}"
            - include: "legal/**/*.pdf"
          rules:
            - match: "legal/**"
              content-disposition: attachment
        """.formatted(bucket));

    CliRunner.Result result = cli().env("INPUT_ENDPOINT", s3.proxy().endpoint().toString()).run("upload-assets", "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("plan for s3://" + bucket + ": 3 to upload")
        .contains("  legal/terms.pdf", "  product-icons/relay.png", "  product-icons/vpn.svg")
        .doesNotContain("notes.md");
    assertThat(s3.direct().listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();

    assertThat(cli().env("INPUT_ENDPOINT", s3.proxy().endpoint().toString()).run("upload-assets").exitCode()).isZero();
    assertThat(s3.direct().headObject(b -> b.bucket(bucket).key("legal/terms.pdf")).contentDisposition()).isEqualTo("attachment");
    assertThat(s3.direct().headObject(b -> b.bucket(bucket).key("product-icons/vpn.svg")).contentDisposition()).isNull();
  }

  @Test
  void failedKeysExitOneAndARerunFinishes() throws IOException {
    s3.proxy().faults((method, target) -> method.equals("PUT") && target.contains("vpn.svg") ? Fault.INTERNAL_ERROR : Fault.NONE);
    String[] args = {"upload-assets", "--source", "assets/product-icons", "--target", "s3://" + bucket + "/icons",
        "--endpoint", s3.proxy().endpoint().toString(), "--path-style", "--concurrency", "2", "--json"};

    CliRunner.Result broken = cli().run(args);

    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
    JsonNode json = JSON.readTree(broken.out());
    assertThat(json.get("failed")).singleElement().satisfies(f -> {
      assertThat(f.get("key").asText()).isEqualTo("icons/vpn.svg");
      assertThat(f.get("error").asText()).contains("500");
    });
    assertThat(json.get("uploaded")).extracting(JsonNode::asText).containsExactly("icons/notes.md", "icons/relay.png");

    s3.proxy().faults((m, t) -> Fault.NONE);
    CliRunner.Result rerun = cli().run(args);
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(JSON.readTree(rerun.out()).get("uploaded")).extracting(JsonNode::asText).containsExactly("icons/vpn.svg");
  }

  @Test
  void refusedDeleteIsAUsageErrorAndDeletesNothing() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      s3.direct().putObject(b -> b.bucket(bucket).key("icons/old-" + n + ".svg"), RequestBody.fromString("old"));
    }
    CliRunner.Result result = cli().run("upload-assets", "--source", "assets/product-icons", "--target",
        "s3://" + bucket + "/icons", "--endpoint", s3.proxy().endpoint().toString(), "--path-style", "--delete");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("refusing --delete: it would remove 5 of 5 remote objects").contains("--force");
    assertThat(result.err()).doesNotContain("Exception");
    assertThat(s3.direct().listObjectsV2(b -> b.bucket(bucket).prefix("icons/")).contents()).hasSize(5);
  }

  @Test
  void shardsFromTheInputSplitTheKeysAndSaySoInJsonAndSummary() throws IOException {
    List<String> all = new ArrayList<>();
    for (int k = 1; k <= 2; k++) {
      Path summary = repo.resolve("summary-" + k);
      CliRunner.Result result = cli().env("INPUT_SHARD", k + "/2").env("GITHUB_ACTIONS", "true")
          .env("GITHUB_STEP_SUMMARY", summary.toString()).env("GITHUB_OUTPUT", repo.resolve("out-" + k).toString())
          .run("upload-assets", "--target", "s3://" + bucket + "/s", "--endpoint", s3.proxy().endpoint().toString(),
              "--path-style", "--json");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      JsonNode json = JSON.readTree(result.out());
      assertThat(json.get("shard").asText()).isEqualTo(k + "/2");
      json.get("uploaded").forEach(key -> all.add(key.asText()));
      assertThat(Files.readString(summary)).contains("### upload-assets (shard " + k + " of 2)");
    }
    assertThat(all).containsExactlyInAnyOrder("s/legal/terms.pdf", "s/product-icons/notes.md",
        "s/product-icons/relay.png", "s/product-icons/vpn.svg");
  }

  @Test
  void badTargetIsAUsageError() {
    CliRunner.Result result = cli().run("upload-assets", "--target", "ftp://bucket/x");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--target 'ftp://bucket/x' is neither");
  }

  private CliRunner cli() {
    CliRunner runner = new CliRunner(repo);
    S3Server.credentialsEnv().forEach(runner::env);
    return runner;
  }

  private void write(String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
