package dev.trainyard.deploy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.deploy.dockerflow.DockerflowClient;
import dev.trainyard.deploy.dockerflow.HeartbeatReading;
import dev.trainyard.deploy.dockerflow.HeartbeatState;
import dev.trainyard.deploy.dockerflow.Reading;
import dev.trainyard.deploy.dockerflow.VersionDocument;
import dev.trainyard.http.Sleeper;
import dev.trainyard.report.Reporter;
import dev.trainyard.deploy.dockerflow.EndpointUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Waits until the tag is live: each service's Dockerflow version endpoint, wave by wave in deploy
 * order, until it reports the tag (or its commit), then its heartbeat.
 *
 * <p>The services of one wave are read concurrently; a wave is waited for only while it has
 * services that are not live, and the next wave is read as soon as it is, so the verdict comes
 * within one interval of the last service going live. A service that cannot go live (no endpoint,
 * TLS failure, ...) stops the wait for the waves after it when the environment's failure policy is
 * {@code stop}. When the wait ends early, every service not yet read is read once, so the table
 * shows where each one stands.
 */
public final class DeployVerifier {
  private static final int MAX_THREADS = 16;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final DockerflowClient client;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Reporter reporter;

  public DeployVerifier(DockerflowClient client, Sleeper sleeper, Clock clock, Reporter reporter) {
    this.client = Objects.requireNonNull(client, "client");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** The state of one service while waiting. */
  private static final class Watch {
    final VersionPoll.Target target;
    VersionDocument document;
    boolean matched;
    HeartbeatState heartbeat = HeartbeatState.UNCHECKED;
    String detail;
    boolean gaveUp;
    int looks;
    Instant next = Instant.MIN;
    Duration retryAfter;

    Watch(VersionPoll.Target target) {
      this.target = target;
    }

    boolean settled() {
      return gaveUp || (matched && heartbeat.settled());
    }
  }

  /** A verifier on the wall clock that reads endpoints over the network. */
  public static DeployVerifier connect(Reporter reporter) {
    Clock clock = Clock.systemUTC();
    return new DeployVerifier(DockerflowClient.create(CONNECT_TIMEOUT, REQUEST_TIMEOUT, clock), Sleeper.SYSTEM, clock,
        reporter);
  }

  /**
   * Plans the environment as {@code deploy-order} does, then waits until every planned service runs
   * the expected version.
   *
   * @param repo the repository: the plan's range and the tag's commit come from it
   */
  public VerifyDeployResult verify(GitRepository repo, VerifyDeployRequest request) {
    DeployPlan plan = new DeployPlanner(clock, reporter).plan(repo, request.order());
    String tagCommit = repo == null ? null
        : repo.tag(request.expectedVersion()).map(tag -> tag.commit().name()).orElse(null);
    if (tagCommit == null && request.expectedCommit() == null) {
      reporter.info("tag " + request.expectedVersion() + " is not in the clone: a service counts as live by its version alone");
    }
    if (plan.services().isEmpty()) {
      reporter.info("no service is planned for " + plan.environment().name() + "; nothing to verify");
    }
    return poll(VersionPoll.of(request, plan, tagCommit));
  }

  /** Waits until every target of {@code request} runs its version (the poller itself). */
  public VerifyDeployResult poll(VersionPoll request) {
    Instant start = clock.instant();
    Instant deadline = start.plus(request.timeout());
    int requestsBefore = client.requests();
    Map<String, Watch> watches = new LinkedHashMap<>();
    Map<Integer, List<Watch>> waves = new java.util.TreeMap<>();
    for (VersionPoll.Target target : request.targets()) {
      Watch watch = new Watch(target);
      watches.put(target.name(), watch);
      if (target.versionUrl() == null) {
        watch.detail = "not checked: no version-url for " + request.environment();
        reporter.warn(target.name() + ": no version-url for " + request.environment() + "; it is not verified");
      } else {
        waves.computeIfAbsent(target.wave(), k -> new ArrayList<>()).add(watch);
      }
    }

    boolean timedOut = false;
    String stoppedBy = null;
    List<Watch> unread = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Math.min(MAX_THREADS, waves.values().stream().mapToInt(List::size).max().orElse(1))), daemon());
    try {
      for (Map.Entry<Integer, List<Watch>> wave : waves.entrySet()) {
        if (timedOut || stoppedBy != null) {
          unread.addAll(wave.getValue());
          continue;
        }
        reporter.info("wave " + wave.getKey() + ": waiting for " + names(wave.getValue()) + " to run "
            + request.expectedVersion());
        List<Watch> active = new ArrayList<>(wave.getValue());
        while (true) {
          Instant now = clock.instant();
          List<Watch> due = active.stream().filter(w -> !w.next.isAfter(now)).toList();
          look(pool, due, request);
          Instant after = clock.instant();
          for (Watch watch : due) {
            Duration pause = request.interval();
            if (watch.detail != null && watch.retryAfter != null && watch.retryAfter.compareTo(pause) > 0) {
              pause = watch.retryAfter;
            }
            // Looks start one interval apart (not one interval after the last answer), so a service
            // that goes live is seen at most one interval later however slow its endpoint is.
            watch.next = now.plus(pause);
          }
          active.removeIf(Watch::settled);
          if (active.isEmpty()) {
            break;
          }
          if (!after.isBefore(deadline)) {
            timedOut = true;
            break;
          }
          Instant wake = active.stream().map(w -> w.next).min(Instant::compareTo).orElse(after);
          if (wake.isAfter(deadline)) {
            wake = deadline;
          }
          for (Watch watch : active) {
            reporter.debug(watch.target.name() + ": " + describe(watch, request));
          }
          sleep(Duration.between(after, wake));
        }
        if (request.failure() == FailurePolicy.STOP) {
          stoppedBy = wave.getValue().stream().filter(w -> w.gaveUp).map(w -> w.target.name()).findFirst().orElse(null);
        }
      }
      if (!unread.isEmpty()) {
        look(pool, unread, request);
      }
    } finally {
      pool.shutdownNow();
    }

    List<ServiceStatus> statuses = new ArrayList<>();
    for (Watch watch : watches.values()) {
      statuses.add(status(watch, request, timedOut, stoppedBy, unread.contains(watch)));
    }
    boolean live = statuses.stream().allMatch(s -> s.live() == null || s.ok());
    Duration elapsed = Duration.between(start, clock.instant());
    return new VerifyDeployResult(request.environment(), request.expectedVersion(), request.expectedCommit(), live,
        timedOut && !live, statuses, elapsed, client.requests() - requestsBefore);
  }

  /** Looks a transient failure gets in {@link #compare}: a rollout in progress may answer 503 briefly. */
  static final int COMPARE_LOOKS = 3;
  static final Duration COMPARE_PAUSE = Duration.ofSeconds(2);
  private static final Duration COMPARE_MAX_PAUSE = Duration.ofSeconds(30);

  /** Reads every service's version in two environments, concurrently, and says which lag. */
  public CompareResult compare(CompareRequest request) {
    int requestsBefore = client.requests();
    List<Future<CompareResult.Side>> froms = new ArrayList<>();
    List<Future<CompareResult.Side>> tos = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Math.min(MAX_THREADS, 2 * request.targets().size())), daemon());
    List<CompareResult.Row> rows = new ArrayList<>();
    try {
      for (CompareRequest.Target target : request.targets()) {
        froms.add(pool.submit(() -> side(target.fromUrl(), request.fromAuthorization())));
        tos.add(pool.submit(() -> side(target.toUrl(), request.toAuthorization())));
      }
      for (int i = 0; i < request.targets().size(); i++) {
        rows.add(row(request.targets().get(i).name(), get(froms.get(i)), get(tos.get(i))));
      }
    } finally {
      pool.shutdownNow();
    }
    boolean lags = rows.stream().anyMatch(r -> Boolean.TRUE.equals(r.lags()));
    return new CompareResult(request.from(), request.to(), rows, lags, client.requests() - requestsBefore);
  }

  private CompareResult.Side side(java.net.URI url, String authorization) {
    if (url == null) {
      return new CompareResult.Side(null, null, null, null);
    }
    String shownUrl = EndpointUrls.redact(url);
    for (int look = 1; ; look++) {
      Reading reading = client.version(url, authorization);
      if (reading.status() == Reading.Status.OK) {
        return new CompareResult.Side(shownUrl, reading.document().version(), reading.document().commit(), null);
      }
      if (reading.status() == Reading.Status.PERMANENT || look >= COMPARE_LOOKS) {
        return new CompareResult.Side(shownUrl, null, null, reading.detail()
            + (reading.status() == Reading.Status.TRANSIENT ? " (" + look + " looks)" : ""));
      }
      Duration pause = reading.retryAfter() != null && reading.retryAfter().compareTo(COMPARE_PAUSE) > 0
          ? (reading.retryAfter().compareTo(COMPARE_MAX_PAUSE) > 0 ? COMPARE_MAX_PAUSE : reading.retryAfter())
          : COMPARE_PAUSE;
      sleep(pause);
    }
  }

  private static CompareResult.Side get(Future<CompareResult.Side> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainyardException(FailureKind.REMOTE, "verify-deploy interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new TrainyardException(FailureKind.INTERNAL, "verify-deploy: " + e.getCause(), null, e.getCause());
    }
  }

  static CompareResult.Row row(String name, CompareResult.Side from, CompareResult.Side to) {
    if (from.url() == null || to.url() == null) {
      return new CompareResult.Row(name, from, to, CompareResult.State.NOT_CONFIGURED, null);
    }
    if (from.error() != null || to.error() != null) {
      return new CompareResult.Row(name, from, to, CompareResult.State.UNKNOWN, null);
    }
    boolean sameVersion = from.version() != null && to.version() != null && sameVersion(from.version(), to.version());
    boolean sameCommit = from.commit() != null && to.commit() != null && from.commit().equalsIgnoreCase(to.commit());
    if (sameVersion || sameCommit) {
      return new CompareResult.Row(name, from, to, CompareResult.State.SAME, false);
    }
    java.util.Optional<Integer> order = VersionOrder.compare(to.version(), from.version());
    if (order.isPresent() && order.get() > 0) {
      return new CompareResult.Row(name, from, to, CompareResult.State.AHEAD, false);
    }
    return new CompareResult.Row(name, from, to, CompareResult.State.LAGS, true);
  }

  /** Reads each watch's version (and heartbeat once the version matches) concurrently. */
  private void look(ExecutorService pool, List<Watch> due, VersionPoll request) {
    List<Future<?>> running = new ArrayList<>();
    for (Watch watch : due) {
      running.add(pool.submit(() -> lookOnce(watch, request)));
    }
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrainyardException(FailureKind.REMOTE, "verify-deploy interrupted");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new TrainyardException(FailureKind.INTERNAL, "verify-deploy: " + cause, null, cause);
      }
    }
  }

  private void lookOnce(Watch watch, VersionPoll request) {
    VersionPoll.Target target = watch.target;
    watch.retryAfter = null;
    if (!watch.matched) {
      Reading reading = client.version(target.versionUrl(), request.authorization());
      watch.looks++;
      switch (reading.status()) {
        case OK -> {
          watch.document = reading.document();
          watch.matched = matches(reading.document(), request);
          watch.detail = watch.matched ? null : "runs " + shown(reading.document()) + ", not " + request.expectedVersion();
        }
        case TRANSIENT -> {
          watch.detail = reading.detail();
          watch.retryAfter = reading.retryAfter();
        }
        case PERMANENT -> {
          watch.detail = reading.detail();
          watch.gaveUp = true;
        }
      }
      if (!watch.matched) {
        return;
      }
      reporter.info(target.name() + " runs " + request.expectedVersion());
    }
    if (target.heartbeatUrl() == null) {
      watch.heartbeat = HeartbeatState.ABSENT;
      return;
    }
    HeartbeatReading heartbeat = client.heartbeat(target.heartbeatUrl(), request.authorization());
    watch.heartbeat = heartbeat.state();
    watch.detail = heartbeat.state().settled() && heartbeat.state() != HeartbeatState.WARNING ? null
        : "heartbeat " + heartbeat.state().id() + (heartbeat.detail() == null ? "" : ": " + heartbeat.detail());
    watch.retryAfter = heartbeat.retryAfter();
  }

  /** The version matches the tag (with or without a leading v) or the commit matches. */
  static boolean matches(VersionDocument document, VersionPoll request) {
    if (document.version() != null && sameVersion(document.version(), request.expectedVersion())) {
      return true;
    }
    String expected = request.expectedCommit();
    String actual = document.commit() == null ? null : document.commit().toLowerCase(Locale.ROOT);
    return expected != null && actual != null && actual.length() >= 7
        && (expected.startsWith(actual) || actual.startsWith(expected));
  }

  static boolean sameVersion(String actual, String expected) {
    return strip(actual).equals(strip(expected));
  }

  private static String strip(String version) {
    String v = version.trim();
    return v.length() > 1 && (v.charAt(0) == 'v' || v.charAt(0) == 'V') && Character.isDigit(v.charAt(1))
        ? v.substring(1) : v;
  }

  private ServiceStatus status(Watch watch, VersionPoll request, boolean timedOut, String stoppedBy,
      boolean readOnceAtTheEnd) {
    VersionPoll.Target target = watch.target;
    if (target.versionUrl() == null) {
      return new ServiceStatus(target.name(), target.wave(), null, request.expectedVersion(), null, null, null,
          HeartbeatState.UNCHECKED, watch.detail, 0);
    }
    String detail = watch.detail;
    if (!watch.settled() && readOnceAtTheEnd && detail != null) {
      detail = detail + (stoppedBy != null ? "; not waited for: " + stoppedBy + " cannot go live and "
          + request.environment() + " stops after a failed service" : "; read once after the deadline");
    } else if (!watch.settled() && timedOut && detail != null) {
      detail = detail + (request.timeout().isZero() ? "; looked once (--timeout 0)"
          : "; still not live after " + human(request.timeout()));
    }
    VersionDocument document = watch.document;
    return new ServiceStatus(target.name(), target.wave(), EndpointUrls.redact(target.versionUrl()),
        request.expectedVersion(), document == null ? null : document.version(), document == null ? null : document.commit(),
        watch.matched, watch.heartbeat, detail, watch.looks);
  }

  private static String shown(VersionDocument document) {
    if (document.version() != null) {
      return document.version() + (document.commit() == null ? "" : " (" + abbreviate(document.commit()) + ")");
    }
    return "commit " + abbreviate(document.commit());
  }

  private static String abbreviate(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }

  private static String describe(Watch watch, VersionPoll request) {
    return watch.detail != null ? watch.detail : watch.matched ? "runs " + request.expectedVersion() : "waiting";
  }

  private static String names(List<Watch> watches) {
    return String.join(", ", watches.stream().map(w -> w.target.name()).toList());
  }

  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m " + seconds % 60 + "s";
  }

  private void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainyardException(FailureKind.REMOTE, "verify-deploy interrupted while waiting");
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "verify-deploy");
      thread.setDaemon(true);
      return thread;
    };
  }
}
