package dev.trainyard.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.deploy.dockerflow.DockerflowClient;
import dev.trainyard.git.GitRepository;
import dev.trainyard.http.FakeTime;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole verify-deploy path: configuration and flags resolved, the plan from git, then the poll. */
class VerifyDeployTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  final FakeTime time = new FakeTime();

  String config() {
    return """
        deploy:
          environments:
            stage: {authorization-env: STAGE_VERSION_AUTH}
          services:
            - name: auth-server
              paths: [packages/auth-server/**]
              version-url: {stage: %1$s/auth/__version__, production: %1$s/prod-auth/__version__}
            - name: content-server
              paths: [packages/content-server/**]
              version-url: {stage: %1$s/content/__version__, production: %1$s/prod-content/__version__}
            - name: worker
              paths: [packages/worker/**]
        """.formatted(server.baseUrl());
  }

  @Test
  void onATagPushTheChangedServicesAreWaitedForAndMatchedByTheTagsCommit() {
    RevCommit tagged;
    try (GitFixture git = GitFixture.init(dir)) {
      git.commit("chore: layout", ".trainyard.yml", config(), "packages/auth-server/a.js", "1", "packages/content-server/c.js", "1",
          "packages/worker/w.py", "1");
      git.tag("v1.1.0");
      git.commit("fix(auth): x", "packages/auth-server/a.js", "2");
      tagged = git.commit("fix(worker): y", "packages/worker/w.py", "2");
      git.tag("v1.2.0");
      git.checkout("v1.2.0");
    }
    // auth reports a build name, not the tag, but the tag's commit.
    server.stubFor(get("/auth/__version__").willReturn(okJson(
        "{\"version\":\"build-77\",\"commit\":\"" + tagged.name() + "\",\"source\":\"s\",\"build\":\"b\"}")));
    server.stubFor(get("/auth/__heartbeat__").willReturn(okJson("{\"status\":\"ok\",\"checks\":{}}")));
    TrainyardConfig config = new ConfigLoader().parse(config(), ".trainyard.yml");

    VerifyDeployRequest request = VerifyDeployRequest.resolve(config.deployOrDefaults(), config.deployDefaults(null),
        new VerifyDeployFlags("stage", null, null, "5m", "10s", null, false, null),
        Map.of("GITHUB_REF_TYPE", "tag", "GITHUB_REF_NAME", "v1.2.0", "STAGE_VERSION_AUTH", "Bearer s3cret"));
    DeployVerifier verifier = new DeployVerifier(DockerflowClient.create(Duration.ofSeconds(2), Duration.ofSeconds(5),
        time.clock()), time, time.clock(), Reporter.silent());
    VerifyDeployResult result;
    try (GitRepository repo = GitRepository.open(dir)) {
      result = verifier.verify(repo, request);
    }

    assertThat(request.expectedVersion()).isEqualTo("v1.2.0");
    assertThat(request.authorization()).isEqualTo("Bearer s3cret");
    assertThat(result.live()).isTrue();
    assertThat(result.expectedCommit()).isEqualTo(tagged.name());
    assertThat(result.services()).extracting(ServiceStatus::name).containsExactly("auth-server", "worker");
    assertThat(result.services().get(1).live()).as("worker has no version-url: not checked").isNull();
    assertThat(result.services().get(1).detail()).isEqualTo("not checked: no version-url for stage");
    server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/auth/__version__"))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer s3cret")));
  }

  @Test
  void flagsAreCheckedAndNamed() {
    TrainyardConfig config = new ConfigLoader().parse(config(), ".trainyard.yml");
    DeployConfig deploy = config.deployOrDefaults();
    DeployDefaults defaults = config.deployDefaults(null);
    Map<String, String> env = Map.of("STAGE_VERSION_AUTH", "x");
    assertThatThrownBy(() -> VerifyDeployRequest.resolve(deploy, defaults,
        new VerifyDeployFlags("stage", null, null, null, null, null, false, null), env))
        .isInstanceOf(TrainyardException.class).hasMessage("no version to verify");
    assertThatThrownBy(() -> VerifyDeployRequest.resolve(deploy, defaults,
        new VerifyDeployFlags("stage", "v1", null, "25h", null, null, false, null), env))
        .hasMessage("--timeout must be between 0 and 24h, got '25h'");
    assertThatThrownBy(() -> VerifyDeployRequest.resolve(deploy, defaults,
        new VerifyDeployFlags("stage", "v1", null, null, "0s", null, false, null), env))
        .hasMessage("--interval must be between 1s and 1h, got '0s'");
    assertThatThrownBy(() -> VerifyDeployRequest.resolve(deploy, defaults,
        new VerifyDeployFlags("stage", "v1", null, "soon", null, null, false, null), env))
        .hasMessage("--timeout must be a duration like 10s, 15m or 1h30m, got 'soon'");
    assertThatThrownBy(() -> VerifyDeployRequest.resolve(deploy, defaults,
        new VerifyDeployFlags("stage", "v1", "xyz", null, null, null, false, null), env))
        .hasMessage("--commit: 'xyz' is not a commit hash (7 to 40 hex digits)");
    assertThatThrownBy(() -> VerifyDeployRequest.resolve(deploy, defaults,
        new VerifyDeployFlags("stage", "v1", null, null, null, null, false, null), Map.of()))
        .hasMessage("deploy.environments.stage.authorization-env names STAGE_VERSION_AUTH, which is not set");
    assertThatThrownBy(() -> new VerifyDeployFlags("stage", null, null, null, null, null, false, "stage,production"))
        .hasMessage("--compare reads every service once and does not take --env");
    assertThatThrownBy(() -> CompareRequest.resolve(deploy, defaults, VerifyDeployFlags.comparing("stage"), env))
        .hasMessage("--compare takes two environments separated by a comma, got 'stage'");
    assertThatThrownBy(() -> CompareRequest.resolve(deploy, defaults, VerifyDeployFlags.comparing("stage,stage"), env))
        .hasMessage("--compare names stage twice");
    assertThatThrownBy(() -> CompareRequest.resolve(deploy, defaults, VerifyDeployFlags.comparing("stage,prod"), env))
        .hasMessage("--compare: unknown environment 'prod'");
    assertThat(VerifyDeployRequest.resolve(deploy, defaults,
        new VerifyDeployFlags("production", "v1", null, "1h30m", "PT20S", null, false, null), env))
        .satisfies(r -> {
          assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(90));
          assertThat(r.interval()).isEqualTo(Duration.ofSeconds(20));
          assertThat(r.authorization()).isNull();
        });
  }

  @Test
  void credentialsAreNeverSentInClearTextToAnotherMachine() {
    DockerflowClient client = DockerflowClient.create(Duration.ofSeconds(2), Duration.ofSeconds(5), time.clock());

    // 192.0.2.1 is TEST-NET-1: nothing answers there; the credentials must not even be tried.
    var header = client.version(java.net.URI.create("http://192.0.2.1/__version__"), "Bearer s3cretProbe");
    var userInfo = client.version(java.net.URI.create("http://ops:s3cretProbe@192.0.2.1/__version__"), null);

    for (var reading : java.util.List.of(header, userInfo)) {
      assertThat(reading.status()).isEqualTo(dev.trainyard.deploy.dockerflow.Reading.Status.PERMANENT);
      assertThat(reading.detail()).startsWith("not sending credentials to http://").contains("in clear text")
          .doesNotContain("s3cretProbe");
      assertThat(reading.requests()).isZero();
    }
    // To this machine, plain HTTP carries them (local test servers).
    server.stubFor(get("/local/__version__").willReturn(okJson("{\"version\":\"v1\",\"commit\":\"abc1234\"}")));
    assertThat(client.version(java.net.URI.create(server.baseUrl() + "/local/__version__"), "Bearer s3cretProbe").status())
        .isEqualTo(dev.trainyard.deploy.dockerflow.Reading.Status.OK);
  }
}
