package dev.trainyard.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.trainyard.deploy.dockerflow.DockerflowClient;
import dev.trainyard.deploy.dockerflow.EndpointUrls;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.Sleeper;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * verify-deploy for 20 services whose versions flip at staggered times, against a naive loop that
 * reads every service's version every interval (no ETag, no waves) until all run the tag. Two
 * passes per scenario: a timed one in real time (WireMock journal off, 50 ms per answer like a real
 * endpoint) measuring the time from the last flip to the verdict and the JVM's CPU time, after one
 * dropped warm-up round, and an untimed one in simulated time counting the requests from WireMock's
 * journal. Run with {@code bench/verify-deploy/run.sh};
 * it writes {@code bench/verify-deploy/RESULTS.md}. Not a test: nothing is asserted.
 */
@EnabledIfSystemProperty(named = "trainyard.bench.out", matches = ".+")
class VerifyDeployBenchmark {
  static final String TAG = "v1.212.0";
  static final int SERVICES = 20;
  static final Duration INTERVAL = Duration.ofSeconds(Long.getLong("trainyard.bench.interval", 5));
  static final Duration FIRST_FLIP = Duration.ofSeconds(1);
  static final Duration STAGGER = Duration.ofMillis(Long.getLong("trainyard.bench.stagger-ms", 500));
  static final int ANSWER_MILLIS = 50;
  static final int RUNS = Integer.getInteger("trainyard.bench.runs", 3);
  static final ObjectMapper JSON = new ObjectMapper();

  /** A scenario: the plan (waves) and when each service flips, in plan order. */
  record Scenario(String name, DeployPlan plan, List<Duration> flips) {
    Duration lastFlip() {
      return flips.stream().max(Duration::compareTo).orElseThrow();
    }
  }

  static List<DeployService> services() {
    List<DeployService> services = new ArrayList<>();
    services.add(DeployService.of("auth-server", List.of("auth/**"), DatabaseUse.FALSE, List.of()));
    for (int i = 1; i <= 4; i++) {
      services.add(DeployService.of("db-service-" + i, List.of("db" + i + "/**"), DatabaseUse.TRUE, List.of()));
    }
    for (int i = 1; i <= SERVICES - 6; i++) {
      services.add(DeployService.of(String.format(Locale.ROOT, "service-%02d", i), List.of("s" + i + "/**"),
          DatabaseUse.FALSE, List.of()));
    }
    services.add(DeployService.of("content-server", List.of("content/**"), DatabaseUse.FALSE, List.of()));
    return services;
  }

  static DeployPlan plan(String environment) {
    DeployOrderRequest request = new DeployOrderRequest(DeployEnvironment.of(DeployConfig.DEFAULTS, environment, "--env"),
        services(), true, null, new NextVersionRequest(new VersionScheme.Train(1), false, null, "main", null, true));
    return new DeployPlanner(Clock.systemUTC(), Reporter.silent()).plan(null, request);
  }

  static List<Scenario> scenarios() {
    DeployPlan production = plan("production");
    List<Duration> inOrder = new ArrayList<>();
    for (int i = 0; i < SERVICES; i++) {
      inOrder.add(FIRST_FLIP.plus(STAGGER.multipliedBy(i)));
    }
    DeployPlan stage = plan("stage");
    List<Duration> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new Random(42));
    return List.of(
        new Scenario("production: 4 waves (1, 4, 14, 1 services), flips in deploy order " + STAGGER.toMillis()
            + " ms apart", production, inOrder),
        new Scenario("stage: 1 wave of 20, flips in random order " + STAGGER.toMillis() + " ms apart", stage, shuffled));
  }

  /** The endpoints of one run: every service serves the old version until its flip. */
  static final class Endpoints {
    final WireMockServer server;
    final Map<String, StubMapping> conditional = new ConcurrentHashMap<>();

    Endpoints(boolean journal, int delayMillis) {
      var options = wireMockConfig().dynamicPort().containerThreads(40);
      server = new WireMockServer(journal ? options : options.disableRequestJournal());
      server.start();
      this.delay = delayMillis;
    }

    final int delay;

    URI version(String service) {
      return URI.create(server.baseUrl() + "/" + service + "/__version__");
    }

    void serveOld(String service) {
      String path = "/" + service + "/__version__";
      server.stubFor(get(path).atPriority(10).willReturn(okJson(body("1.211.3", "0ld")).withHeader("ETag", "\"old-" + service + "\"")
          .withFixedDelay(delay)));
      conditional.put(service, server.stubFor(get(path).atPriority(5).withHeader("If-None-Match", equalTo("\"old-" + service + "\""))
          .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"old-" + service + "\"").withFixedDelay(delay))));
      server.stubFor(get("/" + service + "/__heartbeat__").willReturn(okJson("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}")
          .withFixedDelay(delay)));
    }

    void flip(String service) {
      String path = "/" + service + "/__version__";
      server.removeStub(conditional.remove(service));
      server.stubFor(get(path).atPriority(3).willReturn(okJson(body("1.212.0", "4c2b7e9d8f1a")).withHeader("ETag", "\"new-" + service + "\"")
          .withFixedDelay(delay)));
      server.stubFor(get(path).atPriority(1).withHeader("If-None-Match", equalTo("\"new-" + service + "\""))
          .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"new-" + service + "\"").withFixedDelay(delay)));
    }

    static String body(String version, String commit) {
      return "{\"source\":\"https://github.com/example-org/yard\",\"version\":\"" + version + "\",\"commit\":\"" + commit
          + "\",\"build\":\"https://ci.example.com/builds/1\"}";
    }

    VersionPoll poll(DeployPlan plan, Duration timeout) {
      List<VersionPoll.Target> targets = new ArrayList<>();
      for (PlannedService s : plan.services()) {
        URI url = version(s.name());
        targets.add(new VersionPoll.Target(s.name(), s.wave(), url, EndpointUrls.heartbeatBeside(url)));
      }
      return new VersionPoll(plan.environment().name(), plan.environment().failure(), TAG, null, timeout, INTERVAL,
          targets, null);
    }

    void stop() {
      server.stop();
    }
  }

  /** The naive loop: every service every interval, unconditionally, until all run the tag; then heartbeats. */
  static int naive(HttpClient client, Endpoints endpoints, DeployPlan plan, Sleeper sleeper, Clock clock, Duration timeout)
      throws Exception {
    AtomicInteger requests = new AtomicInteger();
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      boolean all = true;
      for (PlannedService s : plan.services()) {
        requests.incrementAndGet();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoints.version(s.name())).GET()
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String version = response.statusCode() == 200 ? JSON.readTree(response.body()).path("version").asText() : "";
        all &= DeployVerifier.sameVersion(version, TAG);
      }
      if (all) {
        for (PlannedService s : plan.services()) {
          requests.incrementAndGet();
          client.send(HttpRequest.newBuilder(EndpointUrls.heartbeatBeside(endpoints.version(s.name()))).GET().build(),
              HttpResponse.BodyHandlers.discarding());
        }
        return requests.get();
      }
      if (!clock.instant().isBefore(deadline)) {
        return -requests.get();
      }
      sleeper.sleep(INTERVAL);
    }
  }

  /** One timed run: last flip to verdict, and the CPU the whole JVM used from the start to the verdict. */
  record Timed(String approach, long lastFlipToVerdictMillis, long cpuMillis, boolean live) {}

  private static final List<String> APPROACHES = List.of("trainyard verify-deploy", "naive loop");

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  record Counted(String approach, int requests, long notModified, String verdictAt) {}

  @Test
  void measure() throws Exception {
    List<String> lines = new ArrayList<>();
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    lines.add("# verify-deploy: time from the last flip to the verdict, and requests");
    lines.add("");
    lines.add("Command: `bench/verify-deploy/run.sh` (runs `VerifyDeployBenchmark`: `./mvnw -q -B -pl trainyard-core -am test "
        + "-Dtest=VerifyDeployBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dtrainyard.bench.out=bench/verify-deploy/RESULTS.md`).");
    lines.add("");
    lines.add("20 services behind WireMock over real HTTP, each serving a Dockerflow `/__version__` with an ETag (304 to a "
        + "matching `If-None-Match`) and a `/__heartbeat__`. Each service flips from `1.211.3` to `1.212.0` at its own time: "
        + "the first " + FIRST_FLIP.toSeconds() + " s after the start, then one every " + STAGGER.toMillis() + " ms. "
        + "Poll interval " + INTERVAL.toSeconds() + " s for both approaches. The naive loop is what a shell script does: "
        + "read every service's version every interval, unconditionally and one after another, until all report the tag, "
        + "then read every heartbeat.");
    lines.add("");
    lines.add("- **Timed pass** (real time, " + RUNS + " runs per approach and scenario, the two approaches alternating, after "
        + "one warm-up round of the first scenario that is reported but not counted; run k shifts every flip by (k-1)/" + RUNS
        + " of an interval, so the last flip falls at different points of the pollers' cycles): each answer takes " + ANSWER_MILLIS
        + " ms (a fixed WireMock delay, like a real endpoint's round trip), WireMock's request journal is off; the time is from "
        + "the moment the last service flips to the moment the approach returns its verdict. CPU is the whole JVM's from the "
        + "start of a run to its verdict: the approach, and WireMock answering it in the same process (no proxy anywhere).");
    lines.add("- **Counting pass** (simulated time, an injected clock and sleeper, no delays): the same flips, requests counted "
        + "from WireMock's journal, so counting costs the timed pass nothing.");
    lines.add("");
    lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + ", load average before: `" + loadBefore + "`.");
    lines.add("");
    List<Scenario> scenarios = scenarios();
    List<String> warmUp = new ArrayList<>();
    for (String approach : APPROACHES) {
      Timed t = timedRun(scenarios.get(0), approach, Duration.ZERO);
      warmUp.add(approach + " " + t.lastFlipToVerdictMillis() + " ms (CPU " + t.cpuMillis() + " ms, "
          + (t.live() ? "live" : "NOT live") + ")");
    }
    lines.add("Warm-up round (" + scenarios.get(0).name().split(":")[0] + ", dropped): " + String.join("; ", warmUp) + ".");
    lines.add("");
    for (Scenario scenario : scenarios) {
      lines.add("## " + scenario.name());
      lines.add("");
      lines.add("Waves: " + scenario.plan().waves().stream().map(List::size).toList() + "; last flip at "
          + scenario.lastFlip().toMillis() / 1000.0 + " s.");
      lines.add("");
      lines.add("| approach | run (flips shifted by) | last flip -> verdict (ms) | JVM CPU (ms) | verdict |");
      lines.add("|---|---:|---:|---:|---|");
      List<Timed> timed = new ArrayList<>();
      for (int run = 1; run <= RUNS; run++) {
        for (String approach : APPROACHES) {
          Timed t = timedRun(scenario, approach, phase(run));
          timed.add(t);
          lines.add("| " + approach + " | " + run + " (+" + phase(run).toMillis() + " ms) | " + t.lastFlipToVerdictMillis()
              + " | " + t.cpuMillis() + " | " + (t.live() ? "live" : "NOT live") + " |");
        }
      }
      for (String approach : APPROACHES) {
        List<Timed> mine = timed.stream().filter(t -> t.approach().equals(approach)).toList();
        lines.add("| " + approach + " | median | " + median(mine.stream().map(Timed::lastFlipToVerdictMillis).toList())
            + " | " + median(mine.stream().map(Timed::cpuMillis).toList()) + " | |");
        lines.add("| " + approach + " | worst | " + mine.stream().mapToLong(Timed::lastFlipToVerdictMillis).max().orElse(-1)
            + " | " + mine.stream().mapToLong(Timed::cpuMillis).max().orElse(-1) + " | |");
      }
      lines.add("");
      lines.add("| approach | HTTP requests | of which 304 | verdict at (simulated) |");
      lines.add("|---|---:|---:|---|");
      for (String approach : APPROACHES) {
        Counted c = countedRun(scenario, approach);
        lines.add("| " + approach + " | " + c.requests() + " | " + c.notModified() + " | " + c.verdictAt() + " |");
      }
      lines.add("");
    }
    lines.add("Load average after: `" + Files.readString(Path.of("/proc/loadavg")).trim() + "`. Numbers are from one "
        + "run of the script; request counts are deterministic, times are not.");
    Path out = Path.of(System.getProperty("trainyard.bench.out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Run {@code run} (from 1) shifts every flip by (run - 1) / RUNS of an interval, so the runs see the
   * last flip at different moments of the pollers' cycles instead of one lucky or unlucky phase.
   */
  static Duration phase(int run) {
    return INTERVAL.multipliedBy(run - 1).dividedBy(RUNS);
  }

  private Timed timedRun(Scenario scenario, String approach, Duration phase) throws Exception {
    Endpoints endpoints = new Endpoints(false, ANSWER_MILLIS);
    ScheduledExecutorService flipper = Executors.newSingleThreadScheduledExecutor();
    try {
      List<PlannedService> services = scenario.plan().services();
      services.forEach(s -> endpoints.serveOld(s.name()));
      AtomicLong lastFlip = new AtomicLong();
      AtomicInteger flipped = new AtomicInteger();
      long cpuStart = processCpuNanos();
      for (int i = 0; i < services.size(); i++) {
        String name = services.get(i).name();
        flipper.schedule(() -> {
          endpoints.flip(name);
          if (flipped.incrementAndGet() == services.size()) {
            lastFlip.set(System.nanoTime());
          }
        }, scenario.flips().get(i).plus(phase).toMillis(), TimeUnit.MILLISECONDS);
      }
      boolean live;
      if (approach.startsWith("trainyard")) {
        Clock clock = Clock.systemUTC();
        DeployVerifier verifier = new DeployVerifier(DockerflowClient.create(Duration.ofSeconds(5), Duration.ofSeconds(10),
            clock), Sleeper.SYSTEM, clock, Reporter.silent());
        live = verifier.poll(endpoints.poll(scenario.plan(), Duration.ofMinutes(3))).live();
      } else {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        live = naive(client, endpoints, scenario.plan(), Sleeper.SYSTEM, Clock.systemUTC(), Duration.ofMinutes(3)) > 0;
      }
      long verdict = System.nanoTime();
      long cpu = processCpuNanos() - cpuStart;
      return new Timed(approach, lastFlip.get() == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(verdict - lastFlip.get()),
          TimeUnit.NANOSECONDS.toMillis(cpu), live);
    } finally {
      flipper.shutdownNow();
      endpoints.stop();
    }
  }

  private Counted countedRun(Scenario scenario, String approach) throws Exception {
    Endpoints endpoints = new Endpoints(true, 0);
    try {
      FakeTime time = new FakeTime();
      List<PlannedService> services = scenario.plan().services();
      services.forEach(s -> endpoints.serveOld(s.name()));
      for (int i = 0; i < services.size(); i++) {
        String name = services.get(i).name();
        time.at(scenario.flips().get(i), () -> endpoints.flip(name));
      }
      if (approach.startsWith("trainyard")) {
        DeployVerifier verifier = new DeployVerifier(DockerflowClient.create(Duration.ofSeconds(5), Duration.ofSeconds(10),
            time.clock()), time, time.clock(), Reporter.silent());
        verifier.poll(endpoints.poll(scenario.plan(), Duration.ofMinutes(3)));
      } else {
        naive(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), endpoints, scenario.plan(), time,
            time.clock(), Duration.ofMinutes(3));
      }
      var events = endpoints.server.getAllServeEvents();
      long notModified = events.stream().filter(e -> e.getResponse().getStatus() == 304).count();
      return new Counted(approach, events.size(), notModified, time.elapsed().toSeconds() + " s (last flip "
          + scenario.lastFlip().toSeconds() + " s)");
    } finally {
      endpoints.stop();
    }
  }
}
