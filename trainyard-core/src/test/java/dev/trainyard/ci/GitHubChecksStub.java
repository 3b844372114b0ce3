package dev.trainyard.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Serves a commit's check runs and statuses the way api.github.com does: pages of 100 linked by
 * {@code Link} headers that point at {@code /repositories/{id}/...}, weak ETags, 304 for a matching
 * {@code If-None-Match}, and bodies with the fields (and many of the extras) of the real API.
 * {@link #publish()} replaces what is served, so a test can move CI along while a wait is running.
 */
final class GitHubChecksStub {
  static final String OWNER = "octo-org";
  static final String REPO = "octo-repo";
  static final long REPO_ID = 1296269;
  static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final long ACTIONS_APP = 15368;
  static final Instant T0 = Instant.parse("2026-11-21T11:50:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockExtension server;
  private final List<StubMapping> published = new ArrayList<>();
  private final List<ObjectNode> checkRuns = new ArrayList<>();
  private final List<ObjectNode> statuses = new ArrayList<>();

  GitHubChecksStub(WireMockExtension server) {
    this.server = server;
  }

  static String api(String path) {
    return "/repos/" + OWNER + "/" + REPO + path;
  }

  // ---- building the world -------------------------------------------------------------------

  GitHubChecksStub tag(String name, String sha) {
    server.stubFor(
        get(urlPathEqualTo(api("/commits/" + name)))
            .withHeader("Accept", equalTo("application/vnd.github.sha"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.github.sha").withBody(sha)));
    return this;
  }

  GitHubChecksStub repositoryExists() {
    server.stubFor(
        get(urlPathEqualTo(api("")))
            .willReturn(okJson("{\"id\":" + REPO_ID + ",\"name\":\"" + REPO + "\",\"full_name\":\"" + OWNER + "/" + REPO
                + "\",\"private\":true,\"owner\":{\"login\":\"" + OWNER + "\"},\"default_branch\":\"main\"}")));
    return this;
  }

  /** A GitHub Actions job: its check run id is the job id, its URL names the workflow run. */
  static ObjectNode actionsJob(long jobId, long runId, String name, String status, String conclusion) {
    ObjectNode run = checkRun(jobId, name, status, conclusion, ACTIONS_APP, "github-actions");
    String url = "https://github.com/" + OWNER + "/" + REPO + "/actions/runs/" + runId + "/job/" + jobId;
    run.put("html_url", url);
    run.put("details_url", url);
    run.putObject("check_suite").put("id", 9_000_000L + runId);
    return run;
  }

  static ObjectNode checkRun(long id, String name, String status, String conclusion, long appId, String appSlug) {
    ObjectNode run = JSON.createObjectNode();
    run.put("id", id);
    run.put("name", name);
    run.put("node_id", "CR_kwDOABCD" + id);
    run.put("head_sha", SHA);
    run.put("external_id", "");
    run.put("url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/check-runs/" + id);
    run.put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/runs/" + id);
    run.put("details_url", "https://ci.example.com/builds/" + id);
    run.put("status", status);
    if (conclusion == null) {
      run.putNull("conclusion");
    } else {
      run.put("conclusion", conclusion);
    }
    run.put("started_at", T0.plusSeconds(id % 600).toString());
    if ("completed".equals(status)) {
      run.put("completed_at", T0.plusSeconds(id % 600 + 95).toString());
    } else {
      run.putNull("completed_at");
    }
    ObjectNode output = run.putObject("output");
    output.putNull("title");
    output.putNull("summary");
    output.putNull("text");
    output.put("annotations_count", 0);
    output.put("annotations_url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/check-runs/" + id + "/annotations");
    run.putObject("check_suite").put("id", 5_000_000L + id);
    ObjectNode app = run.putObject("app");
    app.put("id", appId);
    app.put("slug", appSlug);
    app.put("node_id", "MDM6QXBw" + appId);
    app.put("name", "github-actions".equals(appSlug) ? "GitHub Actions" : appSlug);
    app.putObject("owner").put("login", "github-actions".equals(appSlug) ? "github" : appSlug);
    run.putArray("pull_requests");
    return run;
  }

  static ObjectNode status(long id, String context, String state) {
    ObjectNode status = JSON.createObjectNode();
    status.put("url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/statuses/" + SHA);
    status.put("avatar_url", "https://avatars.githubusercontent.com/oa/4808?v=4");
    status.put("id", id);
    status.put("node_id", "SC_kwDOABCD" + id);
    status.put("state", state);
    status.put("description", "pending".equals(state) ? "Your tests are queued behind your running builds" : "Your tests " + state);
    status.put("target_url", "https://circleci.com/gh/" + OWNER + "/" + REPO + "/" + id);
    status.put("context", context);
    status.put("created_at", T0.plusSeconds(30).toString());
    status.put("updated_at", T0.plusSeconds("pending".equals(state) ? 30 : 400).toString());
    status.putObject("creator").put("login", "circleci");
    return status;
  }

  GitHubChecksStub checkRuns(List<ObjectNode> runs) {
    checkRuns.clear();
    checkRuns.addAll(runs);
    return this;
  }

  GitHubChecksStub statuses(List<ObjectNode> list) {
    statuses.clear();
    statuses.addAll(list);
    return this;
  }

  GitHubChecksStub edit(Consumer<List<ObjectNode>> changeCheckRuns) {
    changeCheckRuns.accept(checkRuns);
    return this;
  }

  // ---- serving it ---------------------------------------------------------------------------

  /** Replaces the served check runs and statuses with the current lists. */
  GitHubChecksStub publish() {
    published.forEach(server::removeStubMapping);
    published.clear();
    String checkRunsPath = api("/commits/" + SHA + "/check-runs");
    String pagedPath = "/repositories/" + REPO_ID + "/commits/" + SHA + "/check-runs";
    int pageCount = Math.max(1, (checkRuns.size() + 99) / 100);
    for (int page = 1; page <= pageCount; page++) {
      List<ObjectNode> items = checkRuns.subList((page - 1) * 100, Math.min(page * 100, checkRuns.size()));
      ObjectNode body = JSON.createObjectNode();
      body.put("total_count", checkRuns.size());
      ArrayNode array = body.putArray("check_runs");
      items.forEach(array::add);
      String link = null;
      if (page < pageCount) {
        String base = server.baseUrl() + pagedPath + "?per_page=100&filter=latest&page=";
        link = "<" + base + (page + 1) + ">; rel=\"next\", <" + base + pageCount + ">; rel=\"last\"";
      }
      MappingBuilder match =
          page == 1
              ? get(urlPathEqualTo(checkRunsPath)).withQueryParam("per_page", equalTo("100")).withQueryParam("filter", equalTo("latest"))
              : get(urlPathEqualTo(pagedPath)).withQueryParam("page", equalTo(Integer.toString(page)));
      MappingBuilder again =
          page == 1
              ? get(urlPathEqualTo(checkRunsPath)).withQueryParam("per_page", equalTo("100")).withQueryParam("filter", equalTo("latest"))
              : get(urlPathEqualTo(pagedPath)).withQueryParam("page", equalTo(Integer.toString(page)));
      serveWithEtag(match, again, body, link, "cr" + page);
    }

    ObjectNode combined = JSON.createObjectNode();
    combined.put("state", combinedState());
    ArrayNode array = combined.putArray("statuses");
    statuses.forEach(array::add);
    combined.put("sha", SHA);
    combined.put("total_count", statuses.size());
    combined.putObject("repository").put("id", REPO_ID).put("full_name", OWNER + "/" + REPO);
    combined.put("commit_url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/commits/" + SHA);
    combined.put("url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/commits/" + SHA + "/status");
    serveWithEtag(
        get(urlPathEqualTo(api("/commits/" + SHA + "/status"))),
        get(urlPathEqualTo(api("/commits/" + SHA + "/status"))),
        combined,
        null,
        "st");
    return this;
  }

  /** GitHub says "pending" when there are no statuses at all: the trap the verdict must avoid. */
  private String combinedState() {
    if (statuses.isEmpty()) {
      return "pending";
    }
    if (statuses.stream().anyMatch(s -> s.path("state").asText().matches("failure|error"))) {
      return "failure";
    }
    return statuses.stream().allMatch(s -> s.path("state").asText().equals("success")) ? "success" : "pending";
  }

  private void serveWithEtag(MappingBuilder fresh, MappingBuilder conditional, ObjectNode body, String link, String key) {
    String etag = "W/\"" + key + "-" + Integer.toHexString(body.toString().hashCode()) + "\"";
    var ok = okJson(body.toString())
        .withHeader("ETag", etag)
        .withHeader("X-RateLimit-Limit", "5000")
        .withHeader("X-RateLimit-Remaining", "4990")
        .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28");
    if (link != null) {
      ok = ok.withHeader("Link", link);
    }
    published.add(server.stubFor(conditional.atPriority(1).withHeader("If-None-Match", equalTo(etag))
        .willReturn(aResponse().withStatus(304).withHeader("ETag", etag))));
    published.add(server.stubFor(fresh.atPriority(5).willReturn(ok)));
  }

  void actionsJobs(long runId, int attempt, String json) {
    server.stubFor(get(urlPathEqualTo(api("/actions/runs/" + runId + "/attempts/" + attempt + "/jobs"))).willReturn(okJson(json)));
  }

  void workflowRun(long runId, int attempt) {
    server.stubFor(
        get(urlPathEqualTo(api("/actions/runs/" + runId)))
            .willReturn(okJson("{\"id\":" + runId + ",\"name\":\"CI\",\"head_sha\":\"" + SHA + "\",\"run_number\":42,"
                + "\"run_attempt\":" + attempt + ",\"status\":\"completed\",\"conclusion\":\"failure\",\"event\":\"push\"}")));
  }

  void acceptRerun(long runId) {
    server.stubFor(post(urlPathEqualTo(api("/actions/runs/" + runId + "/rerun-failed-jobs"))).willReturn(aResponse().withStatus(201).withBody("{}")));
  }

  // ---- what the client did ------------------------------------------------------------------

  List<ServeEvent> requests() {
    return server.getAllServeEvents();
  }

  long rateLimited() {
    return requests().stream().filter(e -> e.getResponse().getStatus() != 304).count();
  }

  long notModified() {
    return requests().stream().filter(e -> e.getResponse().getStatus() == 304).count();
  }

  long withoutIfNoneMatch(String pathPart) {
    return requests().stream()
        .filter(e -> e.getRequest().getUrl().contains(pathPart))
        .filter(e -> !e.getRequest().containsHeader("If-None-Match"))
        .count();
  }

  static MappingBuilder noConditional(MappingBuilder builder) {
    return builder.withHeader("If-None-Match", absent());
  }
}
