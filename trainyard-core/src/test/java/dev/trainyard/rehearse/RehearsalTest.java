package dev.trainyard.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.assets.testing.S3Server;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.preflight.CheckStatus;
import dev.trainyard.preflight.PreflightRequest;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-01-20T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  private Rehearsal rehearsal() {
    return new Rehearsal(Reporter.silent(), NOW,
        root -> new ConfigLoader().load(root.resolve(ConfigLoader.DEFAULT_FILE_NAME), true).rehearsalSections(), tmp);
  }

  private RehearsalReport example() {
    return rehearsal().run(RehearsalRequest.resolve(null,
        new RehearsalFlags(true, null, false), Path.of("."), GitHubEndpoint.defaults(), PreflightRequest.Bugzilla.defaults(), Map.of(), NOW));
  }

  @Test
  void theExampleRehearsesEveryDutyOfTrainFour() {
    RehearsalReport report = example();
    assertThat(report.ok()).isTrue();
    assertThat(report.example()).isTrue();
    assertThat(report.date()).isEqualTo(Rehearsal.EXAMPLE_DATE);
    assertThat(report.owner().name()).isEqualTo("Grace Hopper");
    assertThat(report.nextOwner().name()).isEqualTo("Linus Example");
    assertThat(report.preflight().checks()).filteredOn(c -> c.status() == CheckStatus.FAIL).isEmpty();
    assertThat(report.preflight().checks()).filteredOn(c -> c.name().equals("release-date"))
        .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));

    assertThat(report.cut().status()).isEqualTo(StepStatus.PLANNED);
    assertThat(report.cut().tag()).isEqualTo("v1.4.0");
    assertThat(report.cut().branch()).isEqualTo("train-4");
    assertThat(report.cut().files()).hasSize(6);
    assertThat(report.cut().changelogs()).extracting(RehearsalReport.Changelog::name)
        .containsExactly("auth-server", "content-server", "sync-server");

    assertThat(report.deployOrder().status()).isEqualTo(StepStatus.PLANNED);
    assertThat(report.deployOrder().environment()).isEqualTo("production");
    assertThat(report.deployOrder().services()).extracting(RehearsalReport.DeployedService::name)
        .containsExactly("auth-server", "sync-server", "content-server");

    assertThat(report.assets().status()).isEqualTo(StepStatus.PLANNED);
    assertThat(report.assets().target()).isEqualTo("file://build/cdn");
    assertThat(report.assets().remoteListed()).isTrue();
    assertThat(report.assets().upload()).containsExactly("legal/terms.pdf", "product-icons/fox.svg", "product-icons/owl.svg");
    assertThat(report.assets().urls()).contains("https://cdn.example.invalid/product-icons/fox.svg");

    assertThat(report.deploymentRequest().status()).isEqualTo(StepStatus.PLANNED);
    assertThat(report.deploymentRequest().reason()).isEqualTo("after the tag, deploy-bug files a new deployment request"
        + " in Bugzilla, Cloud Services :: Operations: Deployment Requests on https://bugzilla.mozilla.org");
    assertThat(report.deploymentRequest().cc()).isEqualTo("Grace Hopper <grace@example.invalid>");
    assertThat(report.deploymentRequest().text()).contains("Summary: Please deploy yard train 4 (v1.4.0) to stage");
    assertThat(report.deploymentRequest().text()).contains("- Release owner: Grace Hopper (@grace-example)");

    assertThat(report.mergeBack().status()).isEqualTo(StepStatus.PLANNED);
    assertThat(report.mergeBack().reason()).startsWith("all 7 release refs merged into main; after the cut, open train-4 -> main: ");
    assertThat(report.order()).hasSize(8);
    assertThat(report.order().get(1)).startsWith("cut v1.4.0: branch train-4 from ");
  }

  @Test
  void theExampleIsTheSameEveryTimeAndLeavesNothingBehind() throws IOException {
    assertThat(example()).isEqualTo(example());
    assertThat(rehearsalFolders(tmp)).isZero();
  }

  private static long rehearsalFolders(Path temp) throws IOException {
    try (Stream<Path> entries = Files.list(temp)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("trainyard-rehearsal-")).count();
    }
  }

  @Test
  void aRepositoryWithoutCredentialsGetsTheLocalAssetPlanAndNothingIsChanged() throws Exception {
    String yaml = """
        release: {scheme: semver}
        assets: {target: 's3://cdn-bucket/static', cdn-url: 'https://cdn.example.org'}
        """;
    try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
      repo.commit("feat: first", ".trainyard.yml", yaml, "assets/app.css", "body{}\n");
      repo.tag("0.1.0");
      repo.commit("fix: second", "assets/app.css", "body{margin:0}\n");
      String head = repo.repository().resolve("HEAD").name();
      TrainyardConfig config = new ConfigLoader().parse(yaml, ".trainyard.yml");
      RehearsalReport report = rehearsal().run(RehearsalRequest.resolve(config.rehearsalSections(),
          RehearsalFlags.NONE, repo.dir(), GitHubEndpoint.defaults(), PreflightRequest.Bugzilla.defaults(), Map.of(), NOW));

      assertThat(report.ok()).isTrue();
      assertThat(report.cut().tag()).isEqualTo("0.1.1");
      assertThat(report.assets().remoteListed()).isFalse();
      assertThat(report.assets().reason()).isEqualTo("no AWS credentials here: s3://cdn-bucket/static was not listed; "
          + "the local plan, as if the bucket were empty");
      assertThat(report.assets().upload()).containsExactly("static/app.css");
      assertThat(report.deploymentRequest().status()).isEqualTo(StepStatus.NOT_AVAILABLE);
      assertThat(report.owner()).isNull();
      // A rehearsal changes nothing: no branch, no tag, no commit, no file.
      assertThat(repo.repository().resolve("HEAD").name()).isEqualTo(head);
      assertThat(repo.repository().getRefDatabase().getRefs()).hasSize(3);
      assertThat(repo.git().status().call().isClean()).isTrue();
    }
  }

  @Test
  void withCredentialsTheAssetPlanIsMadeAgainstTheRealBucketListingAndTheBucketIsUnchanged() throws Exception {
    try (S3Server server = S3Server.start(); S3Client direct = server.client();
        GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
      direct.createBucket(b -> b.bucket("cdn-bucket"));
      direct.putObject(b -> b.bucket("cdn-bucket").key("static/app.css").contentType("text/css"),
          RequestBody.fromString("body{margin:0}\n"));
      String yaml = "release: {scheme: semver}\n"
          + "assets: {target: 's3://cdn-bucket/static', cdn-url: 'https://cdn.example.org', endpoint: '"
          + server.endpoint() + "', path-style: true}\n";
      repo.commit("feat: first", ".trainyard.yml", yaml, "assets/app.css", "body{}\n");
      repo.tag("0.1.0");
      repo.commit("fix: second", "assets/app.css", "body{margin:0}\n", "assets/logo.svg", "<svg/>\n");
      RehearsalSections sections = new ConfigLoader().parse(yaml, ".trainyard.yml").rehearsalSections();

      RehearsalReport report = rehearsal().run(RehearsalRequest.resolve(sections, RehearsalFlags.NONE, repo.dir(),
          GitHubEndpoint.defaults(), PreflightRequest.Bugzilla.defaults(), S3Server.credentialsEnv(), NOW));

      assertThat(report.assets().remoteListed()).isTrue();
      assertThat(report.assets().reason()).isEqualTo("planned against the bucket's listing");
      // app.css is in the bucket already: only the new file would be uploaded.
      assertThat(report.assets().upload()).containsExactly("static/logo.svg");
      assertThat(report.assets().unchanged() + report.assets().updateHeaders().size()).isEqualTo(1);
      assertThat(direct.listObjectsV2(b -> b.bucket("cdn-bucket")).contents()).extracting(S3Object::key)
          .containsExactly("static/app.css");

      Map<String, String> wrongKey = new HashMap<>(S3Server.credentialsEnv());
      wrongKey.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
      RehearsalReport refused = rehearsal().run(RehearsalRequest.resolve(sections, RehearsalFlags.NONE, repo.dir(),
          GitHubEndpoint.defaults(), PreflightRequest.Bugzilla.defaults(), wrongKey, NOW));
      assertThat(refused.assets().remoteListed()).isFalse();
      assertThat(refused.assets().reason()).startsWith("could not list s3://cdn-bucket/static (")
          .endsWith("); the local plan, as if the bucket were empty").doesNotContain("not-the-secret");
      assertThat(refused.assets().upload()).containsExactly("static/app.css", "static/logo.svg");
    }
  }

  @Test
  void nothingToReleaseIsNotReadyAndSaysSo() {
    try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
      repo.commit("feat: first", "a.txt", "a\n");
      repo.tag("v1.1.0", "Train release 1");
      RehearsalReport report = rehearsal().run(RehearsalRequest.resolve(
          TrainyardConfig.defaults().rehearsalSections(), RehearsalFlags.NONE, repo.dir(), GitHubEndpoint.defaults(), PreflightRequest.Bugzilla.defaults(), Map.of(), NOW));
      assertThat(report.ok()).isFalse();
      assertThat(report.cut().status()).isEqualTo(StepStatus.NOTHING_TO_DO);
      assertThat(report.cut().reason()).isEqualTo("already released: v1.1.0 is HEAD's release");
      assertThat(report.assets().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(report.deploymentRequest().status()).isEqualTo(StepStatus.SKIPPED);
    }
  }
}
