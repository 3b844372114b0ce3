package dev.trainyard.ci;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.trainyard.ci.GitHubChecksStub.SHA;
import static dev.trainyard.ci.GitHubChecksStub.actionsJob;
import static dev.trainyard.ci.GitHubChecksStub.api;
import static dev.trainyard.ci.GitHubChecksStub.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.FakeTime;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.RetryingHttpClient;
import dev.trainyard.report.Reporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests and rate-limit units spent waiting for CI: trainyard's conditional polling against the
 * approach of the popular "wait for check" actions (list every check run of the ref every interval,
 * unconditionally), both against the same WireMock GitHub. Simulated time, real HTTP. Run with
 * {@code bench/verify-ci/run.sh}; it writes {@code bench/verify-ci/RESULTS.md}.
 */
@EnabledIfSystemProperty(named = "trainyard.bench.out", matches = ".+")
class VerifyCiBenchmark {
  private static final RepositorySlug REPOSITORY = new RepositorySlug(GitHubChecksStub.OWNER, GitHubChecksStub.REPO);
  private static final long RUN = 8_100_000_000L;
  private static final Duration WAIT = Duration.ofMinutes(30);

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** One measured run. */
  record Measure(String who, String outcome, long requests, long rateLimited, long notModified, int polls, long wallMillis) {}

  private GitHubRest rest(FakeTime time) {
    RetryPolicy policy = RetryPolicy.defaults();
    RetryingHttpClient http = new RetryingHttpClient(
        "GitHub API", RetryingHttpClient.newHttpClient(policy), policy, time, time.clock(), Reporter.silent(), () -> 0.5);
    return new GitHubRest(
        GitHubEndpoint.defaults().withApiUrl(server.baseUrl()).withToken("ghs_bench"), http, new ObjectMapper());
  }

  private static List<ObjectNode> jobs(int count, int unfinished) {
    List<ObjectNode> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean running = i >= count - unfinished;
      runs.add(actionsJob(60_000 + i, RUN, "job " + i, running ? "in_progress" : "completed", running ? null : "success"));
    }
    return runs;
  }

  private static List<ObjectNode> statuses(int count) {
    List<ObjectNode> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(status(500 + i, "ci/circleci: job-" + i, "success"));
    }
    return list;
  }

  /** Scenario setup; {@code progressing} completes the last running jobs at 4, 8 and 12 minutes. */
  private GitHubChecksStub world(FakeTime time, boolean progressing) {
    server.resetAll();
    GitHubChecksStub github = new GitHubChecksStub(server).tag("v2.7.0", SHA).repositoryExists();
    github.checkRuns(jobs(250, progressing ? 3 : 1)).statuses(statuses(30)).publish();
    if (progressing) {
      for (int step = 1; step <= 3; step++) {
        int index = 250 - step;
        time.at(Duration.ofMinutes(4L * step), () -> github.edit(runs ->
            runs.set(index, actionsJob(60_000 + index, RUN, "job " + index, "completed", "success"))).publish());
      }
    }
    return github;
  }

  private Measure trainyard(boolean progressing, Duration interval) {
    FakeTime time = new FakeTime();
    GitHubChecksStub github = world(time, progressing);
    long start = System.nanoTime();
    CiResult result = new CiVerifier(rest(time), Reporter.silent(), time, time.clock())
        .verify(new CiRequest(REPOSITORY, "v2.7.0", WAIT, interval, 0, CiPolicy.defaults(), null));
    long wall = (System.nanoTime() - start) / 1_000_000;
    return new Measure("trainyard verify-ci --wait 30m --interval " + interval.toSeconds() + "s",
        result.state().wireName() + " after " + CiVerifier.human(time.elapsed()),
        github.requests().size(), github.rateLimited(), github.notModified(), result.polls(), wall);
  }

  /**
   * The popular actions' loop: every interval, list every check run of the ref (all pages, here
   * generously at 100 per page), no ETag, no statuses; stop when all are complete or time is up.
   */
  private Measure listEveryInterval(boolean progressing, Duration interval) {
    FakeTime time = new FakeTime();
    GitHubChecksStub github = world(time, progressing);
    GitHubRest rest = rest(time);
    long start = System.nanoTime();
    int polls = 0;
    String outcome;
    while (true) {
      List<JsonNode> runs = rest.getAllPages(api("/commits/" + SHA + "/check-runs?per_page=100&filter=latest"), "check_runs");
      polls++;
      boolean allDone = runs.stream().allMatch(r -> "completed".equals(r.path("status").asText()));
      if (allDone) {
        outcome = "success after " + CiVerifier.human(time.elapsed());
        break;
      }
      if (time.elapsed().compareTo(WAIT) >= 0) {
        outcome = "timeout after " + CiVerifier.human(time.elapsed());
        break;
      }
      time.sleep(interval);
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    return new Measure("list every check run every " + interval.toSeconds() + "s (no ETag)", outcome,
        github.requests().size(), github.rateLimited(), github.notModified(), polls, wall);
  }

  private Measure oneShotTrainyard() {
    FakeTime time = new FakeTime();
    GitHubChecksStub github = world(time, false);
    github.checkRuns(jobs(250, 0)).publish();
    long start = System.nanoTime();
    CiResult result = new CiVerifier(rest(time), Reporter.silent(), time, time.clock())
        .verify(new CiRequest(REPOSITORY, "v2.7.0", Duration.ZERO, null, 0, CiPolicy.defaults(), null));
    return new Measure("trainyard verify-ci (no wait)", result.state().wireName() + ", " + result.checks().size() + " checks",
        github.requests().size(), github.rateLimited(), github.notModified(), result.polls(), (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void writeResults() throws Exception {
    Duration thirty = Duration.ofSeconds(30);
    Duration ten = Duration.ofSeconds(10);
    Measure oneShot = oneShotTrainyard();
    Measure oursUnchanged = trainyard(false, thirty);
    Measure theirsUnchanged = listEveryInterval(false, thirty);
    Measure theirsUnchanged10 = listEveryInterval(false, ten);
    Measure oursProgress = trainyard(true, thirty);
    Measure theirsProgress = listEveryInterval(true, thirty);

    StringBuilder md = new StringBuilder();
    md.append("# verify-ci: requests and rate limit spent while waiting\n\n");
    md.append("Command: `bench/verify-ci/run.sh` (runs `VerifyCiBenchmark`: ");
    md.append("`./mvnw -q -B -pl trainyard-core -am test -Dtest=VerifyCiBenchmark -Dsurefire.failIfNoSpecifiedTests=false ");
    md.append("-Dtrainyard.bench.out=bench/verify-ci/RESULTS.md`).\n\n");
    md.append("Both sides talk real HTTP to the same WireMock \"GitHub\": a tag whose commit has **250 check runs** ");
    md.append("(3 pages of 100, linked by `Link` headers) and **30 commit statuses**, served with weak ETags and 304 ");
    md.append("answers to a matching `If-None-Match`, as api.github.com does. Time is simulated (an injected clock ");
    md.append("and sleeper), so a 30-minute wait runs in a second or two; request counts are read from WireMock's ");
    md.append("request journal, not from the client. A 304 answer does not count against GitHub's rate limit; every ");
    md.append("other answer costs one unit.\n\n");
    md.append("The baseline is the loop of the popular wait actions (e.g. fountainhead/action-wait-for-check, whose ");
    md.append("README gives a 10 s default interval): list every check run of the ref each interval, unconditionally. ");
    md.append("It is given every advantage: 100 per page, all pages, and it ignores commit statuses (it would cost ");
    md.append("more, and be wrong less often, if it read them).\n\n");
    md.append("| scenario | approach | outcome | polls | HTTP requests | rate-limit units | 304s | wall ms |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|\n");
    row(md, "one verdict, 250 runs + 30 statuses", oneShot);
    row(md, "30 min wait, commit unchanged", oursUnchanged);
    row(md, "30 min wait, commit unchanged", theirsUnchanged);
    row(md, "30 min wait, commit unchanged", theirsUnchanged10);
    row(md, "CI finishes at 12 min (changes at 4, 8, 12)", oursProgress);
    row(md, "CI finishes at 12 min (changes at 4, 8, 12)", theirsProgress);
    md.append("\nRatios (rate-limit units, baseline / trainyard):\n\n");
    md.append(ratio("30 min unchanged, both at 30 s", theirsUnchanged, oursUnchanged));
    md.append(ratio("30 min unchanged, baseline at its 10 s default", theirsUnchanged10, oursUnchanged));
    md.append(ratio("CI finishing at 12 min, both at 30 s", theirsProgress, oursProgress));
    md.append("\nNotes:\n\n");
    md.append("- trainyard's first look costs 1 unit to resolve the tag, 3 for the check-run pages and 1 for the ");
    md.append("statuses; later polls re-ask every page with its ETag and pay only for pages that changed.\n");
    md.append("- trainyard polls less often while nothing changes (30 s growing by half to at most 2 min at a 30 s ");
    md.append("interval) and drops back to the interval as soon as something moves; that is why its poll count is ");
    md.append("lower. Without the backoff the unchanged wait would poll more often but still cost 5 units, since every later poll is answered 304.\n");
    md.append("- The CI-finishing scenario ends a little later for trainyard when its pause has grown; the delay is ");
    md.append("bounded by the pause (at most 4 intervals).\n");
    md.append("- Numbers are from one run; request counts are deterministic, wall times are not.\n");

    Path out = Path.of(System.getProperty("trainyard.bench.out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder md, String scenario, Measure m) {
    md.append("| ").append(scenario).append(" | ").append(m.who()).append(" | ").append(m.outcome())
        .append(" | ").append(m.polls()).append(" | ").append(m.requests()).append(" | ").append(m.rateLimited())
        .append(" | ").append(m.notModified()).append(" | ").append(m.wallMillis()).append(" |\n");
  }

  private static String ratio(String label, Measure baseline, Measure ours) {
    return String.format(Locale.ROOT, "- %s: %d / %d = **%.1fx**\n", label, baseline.rateLimited(), ours.rateLimited(),
        (double) baseline.rateLimited() / Math.max(1, ours.rateLimited()));
  }
}
