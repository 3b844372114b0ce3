package dev.trainyard.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trainyard.deploy.dockerflow.DockerflowClient;
import dev.trainyard.deploy.dockerflow.HeartbeatState;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.deploy.dockerflow.EndpointUrls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * verify-deploy against WireMock version endpoints over real HTTP, in simulated time: services that
 * go live mid-poll, one that never does, one that answers 503 twice, redirects, ETags, the real-world
 * failure answers. Nothing here asserts on wall-clock time.
 */
class DeployVerifierTest {
  static final String TAG = "v1.212.0";
  static final String COMMIT = "4c2b7e9d8f1a0b3c5d6e7f8091a2b3c4d5e6f708";
  static final String OLD_COMMIT = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension other = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().dynamicHttpsPort()).build();

  final FakeTime time = new FakeTime();
  final RecordingReporter reporter = new RecordingReporter();
  final DockerflowClient client = DockerflowClient.create(Duration.ofSeconds(10), Duration.ofSeconds(20), time.clock());
  final DeployVerifier verifier = new DeployVerifier(client, time, time.clock(), reporter);

  /** A flat Dockerflow version object as the accounts servers publish it. */
  static String version(String version, String commit) {
    return "{\"source\":\"https://github.com/example-org/yard\",\"version\":\"" + version + "\",\"commit\":\""
        + commit + "\",\"build\":\"https://ci.example.com/builds/4711\"}";
  }

  static String heartbeatOk() {
    return "{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"redis\":\"ok\"},\"details\":{}}";
  }

  void live(String service, String version, String commit) {
    server.stubFor(get("/" + service + "/__version__").willReturn(okJson(version(version, commit))));
    server.stubFor(get("/" + service + "/__heartbeat__").willReturn(okJson(heartbeatOk())));
  }

  /** Runs the old version until {@code at}, then the tag. */
  void flipsAt(String service, Duration at) {
    live(service, "1.211.3", OLD_COMMIT);
    time.at(at, () -> live(service, "1.212.0", COMMIT));
  }

  VersionPoll.Target target(String service, int wave) {
    URI url = URI.create(server.baseUrl() + "/" + service + "/__version__");
    return new VersionPoll.Target(service, wave, url, EndpointUrls.heartbeatBeside(url));
  }

  VersionPoll request(FailurePolicy failure, Duration timeout, VersionPoll.Target... targets) {
    return new VersionPoll("production", failure, TAG, COMMIT, timeout, Duration.ofSeconds(10),
        List.of(targets), null);
  }

  static ServiceStatus status(VerifyDeployResult result, String name) {
    return result.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void servicesThatFlipMidPollAreLiveWaveByWave() {
    flipsAt("auth", Duration.ofSeconds(25));
    flipsAt("profile", Duration.ofSeconds(70));
    flipsAt("content", Duration.ofSeconds(40));

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.STOP, Duration.ofMinutes(15),
        target("auth", 1), target("profile", 2), target("content", 3)));

    assertThat(result.live()).isTrue();
    assertThat(result.timedOut()).isFalse();
    assertThat(result.services()).extracting(ServiceStatus::name, ServiceStatus::actual, ServiceStatus::live,
            ServiceStatus::heartbeat)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("auth", "1.212.0", true, HeartbeatState.OK),
            org.assertj.core.groups.Tuple.tuple("profile", "1.212.0", true, HeartbeatState.OK),
            org.assertj.core.groups.Tuple.tuple("content", "1.212.0", true, HeartbeatState.OK));
    assertThat(status(result, "auth").commit()).isEqualTo(COMMIT);
    // content went live while profile was waited for: it is read once, not polled.
    assertThat(status(result, "content").looks()).isEqualTo(1);
    assertThat(status(result, "auth").looks()).isEqualTo(4);
    // The verdict comes at the first look after the last flip (profile at 70 s, looks every 10 s).
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(70));
    assertThat(result.requests()).as("counted like the server's journal").isEqualTo(server.getAllServeEvents().size());
    assertThat(firstRequestIndex("/profile/__version__")).as("wave 2 is read after wave 1 is live")
        .isGreaterThan(lastRequestIndex("/auth/__version__"));
  }

  @Test
  void theIssuesFourServicesInOneRun() {
    flipsAt("auth", Duration.ofSeconds(35));
    String sync = "/sync/__version__";
    server.stubFor(get(sync).inScenario("rollout").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
    server.stubFor(get(sync).inScenario("rollout").whenScenarioStateIs("again")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("flipped"));
    server.stubFor(get(sync).inScenario("rollout").whenScenarioStateIs("flipped")
        .willReturn(okJson(version("1.212.0", COMMIT))));
    server.stubFor(get("/sync/__heartbeat__").willReturn(okJson(heartbeatOk())));
    server.stubFor(get("/moved/__version__").willReturn(aResponse().withStatus(308)
        .withHeader("Location", "/content/__version__")));
    server.stubFor(get("/moved/__heartbeat__").willReturn(okJson(heartbeatOk())));
    live("content", "1.212.0", COMMIT);
    live("profile", "1.211.3", OLD_COMMIT);

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.CONTINUE, Duration.ofMinutes(2),
        target("auth", 1), target("sync", 1), target("moved", 1), target("profile", 1)));

    assertThat(result.live()).isFalse();
    assertThat(result.timedOut()).isTrue();
    assertThat(result.notLive()).extracting(ServiceStatus::name).containsExactly("profile");
    assertThat(status(result, "profile").detail()).isEqualTo("runs 1.211.3 (0a1b2c3), not v1.212.0; still not live after 2m");
    assertThat(result.services()).filteredOn(s -> !s.name().equals("profile"))
        .allSatisfy(s -> assertThat(s.ok()).as(s.name()).isTrue());
    assertThat(status(result, "moved").actual()).isEqualTo("1.212.0");
  }

  @Test
  void aServiceThatNeverFlipsTimesOutAndIsNamed() {
    live("auth", "1.212.0", COMMIT);
    live("profile", "1.211.3", OLD_COMMIT);
    live("content", "1.211.3", OLD_COMMIT);

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.STOP, Duration.ofMinutes(5),
        target("auth", 1), target("profile", 2), target("content", 3)));

    assertThat(result.live()).isFalse();
    assertThat(result.timedOut()).isTrue();
    assertThat(result.notLive()).extracting(ServiceStatus::name).containsExactly("profile", "content");
    assertThat(status(result, "profile").detail())
        .isEqualTo("runs 1.211.3 (0a1b2c3), not v1.212.0; still not live after 5m");
    assertThat(status(result, "content").detail())
        .isEqualTo("runs 1.211.3 (0a1b2c3), not v1.212.0; read once after the deadline");
    assertThat(status(result, "content").looks()).isEqualTo(1);
    assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aServiceThatAnswers503TwiceThenFlipsIsWaitedFor() {
    String path = "/sync/__version__";
    server.stubFor(get(path).inScenario("rollout").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withBody("upstream connect error")).willSetStateTo("second"));
    server.stubFor(get(path).inScenario("rollout").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "20")).willSetStateTo("flipped"));
    server.stubFor(get(path).inScenario("rollout").whenScenarioStateIs("flipped")
        .willReturn(okJson(version("v1.212.0", COMMIT))));
    server.stubFor(get("/sync/__heartbeat__").willReturn(okJson(heartbeatOk())));

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.STOP, Duration.ofMinutes(15), target("sync", 1)));

    assertThat(result.live()).isTrue();
    assertThat(status(result, "sync").looks()).isEqualTo(3);
    assertThat(time.sleeps()).as("the interval, then the server's Retry-After").containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  @Test
  void aRedirectIsFollowedButCredentialsNeverGoToAnotherHost() {
    server.stubFor(get("/old/__version__").willReturn(aResponse().withStatus(301)
        .withHeader("Location", "/auth/__version__")));
    live("auth", "v1.212.0", COMMIT);
    server.stubFor(get("/moved/__version__").willReturn(aResponse().withStatus(302)
        .withHeader("Location", otherHost() + "/profile/__version__")));
    server.stubFor(get("/moved/__heartbeat__").willReturn(aResponse().withStatus(307)
        .withHeader("Location", otherHost() + "/profile/__heartbeat__")));
    other.stubFor(get("/profile/__version__").willReturn(okJson(version("1.212.0", COMMIT))));
    other.stubFor(get("/profile/__heartbeat__").willReturn(okJson(heartbeatOk())));

    URI sameHost = URI.create(server.baseUrl() + "/old/__version__");
    URI moved = URI.create(server.baseUrl().replace("127.0.0.1", "localhost") + "/moved/__version__");
    VersionPoll request = new VersionPoll("production", FailurePolicy.STOP, TAG, COMMIT,
        Duration.ofMinutes(1), Duration.ofSeconds(10), List.of(
            new VersionPoll.Target("auth", 1, sameHost, URI.create(server.baseUrl() + "/auth/__heartbeat__")),
            new VersionPoll.Target("profile", 1, moved, EndpointUrls.heartbeatBeside(moved))),
        "Bearer deploy-secret");

    VerifyDeployResult result = verifier.poll(request);

    assertThat(result.live()).as(result.toString()).isTrue();
    server.verify(getRequestedFor(urlEqualTo("/auth/__version__")).withHeader("Authorization", equalTo("Bearer deploy-secret")));
    other.verify(getRequestedFor(urlEqualTo("/profile/__version__")).withHeader("Authorization", absent()));
    server.verify(getRequestedFor(urlEqualTo("/moved/__version__")).withHeader("Authorization", equalTo("Bearer deploy-secret")));
    other.verify(getRequestedFor(urlEqualTo("/profile/__heartbeat__")).withHeader("Authorization", absent()));
    assertThat(other.getAllServeEvents()).hasSize(2);
  }

  @Test
  void anETagMakesLaterLooksConditional() {
    String path = "/auth/__version__";
    server.stubFor(get(path).willReturn(okJson(version("1.211.3", OLD_COMMIT)).withHeader("ETag", "W/\"old\"")));
    server.stubFor(get(path).withHeader("If-None-Match", equalTo("W/\"old\"")).atPriority(1)
        .willReturn(aResponse().withStatus(304).withHeader("ETag", "W/\"old\"")));
    server.stubFor(get("/auth/__heartbeat__").willReturn(okJson(heartbeatOk())));
    time.at(Duration.ofSeconds(30), () -> server.stubFor(get(path).atPriority(1)
        .willReturn(okJson(version("1.212.0", COMMIT)).withHeader("ETag", "W/\"new\""))));

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.STOP, Duration.ofMinutes(5), target("auth", 1)));

    assertThat(result.live()).isTrue();
    assertThat(status(result, "auth").looks()).isEqualTo(4);
    List<String> conditions = new ArrayList<>();
    List<Integer> answers = new ArrayList<>();
    List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    java.util.Collections.reverse(events);
    for (var event : events) {
      if (event.getRequest().getUrl().equals(path)) {
        conditions.add(event.getRequest().getHeader("If-None-Match"));
        answers.add(event.getResponse().getStatus());
      }
    }
    assertThat(conditions).containsExactly(null, "W/\"old\"", "W/\"old\"", "W/\"old\"");
    assertThat(answers).containsExactly(200, 304, 304, 200);
  }

  @Test
  void nestedVersionObjectsAndACommitMatchCount() {
    server.stubFor(get("/nested/__version__").willReturn(okJson(
        "{\"version\":{\"source\":\"https://github.com/example-org/yard\",\"version\":\"1.212.0\",\"commit\":\"" + COMMIT + "\"}}")));
    server.stubFor(get("/nested/__heartbeat__").willReturn(aResponse().withStatus(404)));
    server.stubFor(get("/bycommit/__version__").willReturn(okJson(
        "{\"build\":{\"version\":\"main-4c2b7e9\",\"commit\":\"4c2b7e9d8f1a\"}}")));
    server.stubFor(get("/bycommit/__heartbeat__").willReturn(okJson(heartbeatOk())));

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.STOP, Duration.ZERO,
        target("nested", 1), target("bycommit", 1)));

    assertThat(result.live()).isTrue();
    assertThat(status(result, "nested").heartbeat()).isEqualTo(HeartbeatState.ABSENT);
    assertThat(status(result, "bycommit").actual()).isEqualTo("main-4c2b7e9");
  }

  @Test
  void aMissingEndpointIsSaidAndStopsTheWaitInProduction() {
    server.stubFor(get("/auth/__version__").willReturn(aResponse().withStatus(404).withBody("Not Found")));
    live("content", "1.211.3", OLD_COMMIT);

    VerifyDeployResult stop = verifier.poll(request(FailurePolicy.STOP, Duration.ofMinutes(15),
        target("auth", 1), target("content", 2)));

    assertThat(stop.live()).isFalse();
    assertThat(stop.timedOut()).isFalse();
    assertThat(status(stop, "auth").detail()).startsWith("no Dockerflow endpoint at " + server.baseUrl()
        + "/auth/__version__ (HTTP 404)");
    assertThat(status(stop, "content").detail()).isEqualTo("runs 1.211.3 (0a1b2c3), not v1.212.0; not waited for: "
        + "auth cannot go live and production stops after a failed service");
    assertThat(time.elapsed()).as("no waiting once auth cannot go live").isZero();
  }

  @Test
  void stageContinuesAfterAServiceThatCannotGoLive() {
    server.stubFor(get("/auth/__version__").willReturn(aResponse().withStatus(404)));
    flipsAt("content", Duration.ofSeconds(20));

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.CONTINUE, Duration.ofMinutes(15),
        target("auth", 1), target("content", 2)));

    assertThat(result.live()).isFalse();
    assertThat(status(result, "content").live()).isTrue();
    assertThat(status(result, "content").looks()).isEqualTo(3);
  }

  @Test
  void htmlErrorPagesResetsAndTimeoutsAreRetriedUntilTheDeadline() {
    String path = "/web/__version__";
    server.stubFor(get(path).inScenario("lb").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
            .withBody("<!DOCTYPE html><html><body>Service Unavailable</body></html>")).willSetStateTo("reset"));
    server.stubFor(get(path).inScenario("lb").whenScenarioStateIs("reset")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset again"));
    // The JDK's client repeats an idempotent request once after a reset, so the reset comes twice.
    server.stubFor(get(path).inScenario("lb").whenScenarioStateIs("reset again")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("slow"));
    server.stubFor(get(path).inScenario("lb").whenScenarioStateIs("slow")
        .willReturn(okJson(version("v1.212.0", COMMIT)).withFixedDelay(60_000)).willSetStateTo("garbage"));
    server.stubFor(get(path).inScenario("lb").whenScenarioStateIs("garbage")
        .willReturn(aResponse().withStatus(200).withBody("OK")).willSetStateTo("live"));
    server.stubFor(get(path).inScenario("lb").whenScenarioStateIs("live")
        .willReturn(okJson(version("v1.212.0", COMMIT))));
    server.stubFor(get("/web/__heartbeat__").willReturn(okJson(heartbeatOk())));
    // Every other answer of this test must arrive within the same timeout: 5 s, so that a loaded CI
    // machine answering one late does not time it out too; the slow one takes a minute.
    DockerflowClient impatient = DockerflowClient.create(Duration.ofSeconds(5), Duration.ofSeconds(5), time.clock());
    List<String> details = new ArrayList<>();
    dev.trainyard.report.Reporter recording = new dev.trainyard.report.Reporter() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {
        details.add(message);
      }
    };

    VerifyDeployResult result = new DeployVerifier(impatient, time, time.clock(), recording)
        .poll(request(FailurePolicy.STOP, Duration.ofMinutes(15), target("web", 1)));

    assertThat(result.live()).isTrue();
    assertThat(details.get(0)).isEqualTo("web: answered an HTML page, not JSON (an error page?)");
    assertThat(details).anySatisfy(line -> assertThat(line).startsWith("web: connection failed: "));
    assertThat(details).contains("web: no complete answer within 5s");
    assertThat(details.get(details.size() - 1)).isEqualTo("web: answered something that is not JSON ('OK')");
  }

  @Test
  void aFailingHeartbeatIsWaitedForAndNamesTheFailingChecks() {
    live("auth", "v1.212.0", COMMIT);
    server.stubFor(get("/auth/__heartbeat__").willReturn(aResponse().withStatus(500).withBody(
        "{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"redis\":\"ok\"},\"details\":{}}")));

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.STOP, Duration.ofSeconds(30), target("auth", 1)));

    assertThat(result.live()).isFalse();
    ServiceStatus auth = status(result, "auth");
    assertThat(auth.live()).isTrue();
    assertThat(auth.heartbeat()).isEqualTo(HeartbeatState.FAILING);
    assertThat(auth.detail()).isEqualTo("heartbeat failing: HTTP 500, failing: database: error; still not live after 30s");
    assertThat(auth.looks()).as("the version is read once; then the heartbeat is polled").isEqualTo(1);
  }

  @Test
  void bodiesOverOneMebibyteAreRefusedWithoutReadingThem() {
    byte[] big = new byte[2 * DockerflowClient.MAX_BODY_BYTES];
    java.util.Arrays.fill(big, (byte) ' ');
    server.stubFor(get("/big/__version__").willReturn(aResponse().withStatus(200).withBody(big)));
    server.stubFor(get("/chunked/__version__").willReturn(aResponse().withStatus(200).withBody(big)
        .withChunkedDribbleDelay(4, 10)));

    VerifyDeployResult result = verifier.poll(request(FailurePolicy.CONTINUE, Duration.ofMinutes(1),
        target("big", 1), target("chunked", 1)));

    assertThat(result.notLive()).extracting(ServiceStatus::detail).allSatisfy(detail ->
        assertThat(detail).contains("is over 1024 KiB and was refused"));
    assertThat(time.elapsed()).isZero();
  }

  @Test
  void onlyHttpRedirectsAreFollowedAndTlsErrorsAreFinal() {
    server.stubFor(get("/file/__version__").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "file:///etc/passwd")));
    URI tls = URI.create("https://localhost:" + other.getRuntimeInfo().getHttpsPort() + "/tls/__version__");

    VerifyDeployResult result = verifier.poll(new VersionPoll("stage", FailurePolicy.CONTINUE, TAG, null,
        Duration.ofMinutes(1), Duration.ofSeconds(10), List.of(target("file", 1),
            new VersionPoll.Target("tls", 1, tls, EndpointUrls.heartbeatBeside(tls))), null));

    assertThat(status(result, "file").detail()).isEqualTo("redirected to a non-HTTP URL (file:), which is refused");
    assertThat(status(result, "tls").detail()).startsWith("TLS error: ");
    assertThat(time.elapsed()).as(result.toString()).isZero();
  }

  @Test
  void compareSaysWhichServicesProductionLags() {
    live("stage-auth", "1.212.0", COMMIT);
    live("prod-auth", "1.211.3", OLD_COMMIT);
    live("stage-content", "v1.212.0", COMMIT);
    live("prod-content", "1.212.0", COMMIT);
    live("stage-sync", "1.211.0", OLD_COMMIT);
    live("prod-sync", "1.211.1", "ffffffffffffffffffffffffffffffffffffffff");
    server.stubFor(get("/prod-profile/__version__").willReturn(aResponse().withStatus(503)));
    live("stage-profile", "1.212.0", COMMIT);

    CompareRequest request = new CompareRequest("stage", "production", List.of(
        compareTarget("auth"), compareTarget("content"), compareTarget("profile"), compareTarget("sync"),
        new CompareRequest.Target("worker", null, URI.create(server.baseUrl() + "/prod-worker/__version__"))), null, null);

    CompareResult result = verifier.compare(request);

    assertThat(result.lags()).isTrue();
    assertThat(result.services()).extracting(CompareResult.Row::name, CompareResult.Row::state, CompareResult.Row::lags)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("auth", CompareResult.State.LAGS, true),
            org.assertj.core.groups.Tuple.tuple("content", CompareResult.State.SAME, false),
            org.assertj.core.groups.Tuple.tuple("profile", CompareResult.State.UNKNOWN, null),
            org.assertj.core.groups.Tuple.tuple("sync", CompareResult.State.AHEAD, false),
            org.assertj.core.groups.Tuple.tuple("worker", CompareResult.State.NOT_CONFIGURED, null));
    assertThat(result.unreadable().get(0).to().error()).isEqualTo("HTTP 503 (3 looks)");
    assertThat(result.services().get(0).to().version()).isEqualTo("1.211.3");
  }

  /** The second server by another host name, so it is another origin. */
  static String otherHost() {
    return "http://127.0.0.1:" + other.getRuntimeInfo().getHttpPort();
  }

  CompareRequest.Target compareTarget(String name) {
    return new CompareRequest.Target(name, URI.create(server.baseUrl() + "/stage-" + name + "/__version__"),
        URI.create(server.baseUrl() + "/prod-" + name + "/__version__"));
  }

  List<LoggedRequest> requests() {
    List<LoggedRequest> newestFirst = new ArrayList<>(server.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  int firstRequestIndex(String url) {
    List<LoggedRequest> all = requests();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).getUrl().equals(url)) {
        return i;
      }
    }
    return -1;
  }

  int lastRequestIndex(String url) {
    List<LoggedRequest> all = requests();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).getUrl().equals(url)) {
        return i;
      }
    }
    return -1;
  }
}
