package dev.trainyard.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import dev.trainyard.http.Idempotency;
import dev.trainyard.report.Reporter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a commit's check runs and commit statuses from GitHub, cheaply: every page is fetched with
 * the ETag of its previous answer, so a poll that finds nothing new is answered 304, which GitHub
 * does not count against the rate limit. Counts the requests it makes so callers (and tests) can
 * prove that.
 */
public final class GitHubCheckClient {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern ACTIONS_JOB_URL = Pattern.compile("/actions/runs/(\\d+)/job/(\\d+)");
  private static final Pattern TRAILING_ID = Pattern.compile("/(\\d+)/?$");

  /** One commit's checks as read by one poll. */
  public record Snapshot(List<CiCheck> checkRuns, List<CiCheck> statuses, boolean changed) {
    public Snapshot {
      checkRuns = List.copyOf(checkRuns);
      statuses = List.copyOf(statuses);
    }
  }

  private record CachedPage(String etag, List<JsonNode> items, String next) {}

  private final GitHubRest rest;
  private final Reporter reporter;
  private final Map<String, CachedPage> pages = new HashMap<>();
  private int requests;
  private int rateLimitedRequests;

  public GitHubCheckClient(GitHubRest rest, Reporter reporter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  public int requests() {
    return requests;
  }

  public int rateLimitedRequests() {
    return rateLimitedRequests;
  }

  /**
   * The commit SHA a tag, branch or SHA names. A full SHA is taken as is (an unknown one fails
   * later, on the first read of its checks, with the same message).
   */
  public String resolveCommit(RepositorySlug repository, String ref) {
    if (FULL_SHA.matcher(ref).matches()) {
      return ref.toLowerCase(Locale.ROOT);
    }
    String path = repository.apiPath() + "/commits/" + encodeRef(ref);
    RestResponse response = count(rest.getText(path, "application/vnd.github.sha"));
    if (response.isSuccess()) {
      String sha = response.json().asText().trim();
      if (!FULL_SHA.matcher(sha).matches()) {
        throw TrainyardException.remote(
            "GitHub API GET " + path + " did not answer with a commit SHA", null, null);
      }
      return sha.toLowerCase(Locale.ROOT);
    }
    throw notFoundOrFailure(repository, ref, response);
  }

  /** All check runs (all pages, latest attempt per name as GitHub filters) and statuses of a commit. */
  public Snapshot snapshot(RepositorySlug repository, String sha) {
    String commit = repository.apiPath() + "/commits/" + sha;
    boolean[] changed = {false};
    List<CiCheck> checkRuns = new ArrayList<>();
    for (JsonNode run : readAllPages(repository, sha, commit + "/check-runs?per_page=100&filter=latest", "check_runs", changed)) {
      checkRuns.add(checkRun(run));
    }
    List<CiCheck> statuses = new ArrayList<>();
    // The combined status already keeps the latest status per context. Its own "state" is
    // "pending" when a commit has no statuses at all, so it is never used as the verdict.
    for (JsonNode status : readAllPages(repository, sha, commit + "/status?per_page=100", "statuses", changed)) {
      statuses.add(status(status));
    }
    return new Snapshot(checkRuns, statuses, changed[0]);
  }

  /**
   * The check run id of the job running this command, or null when it cannot be told apart. See
   * {@link CallingJob} for the rules.
   */
  public Long callingJobCheckRunId(RepositorySlug repository, CallingJob job, List<CiCheck> checkRuns) {
    if (job == null || !job.repository().equals(repository)) {
      return null;
    }
    if (job.runnerName() != null) {
      String path =
          repository.apiPath() + "/actions/runs/" + job.runId() + "/attempts/" + job.runAttempt() + "/jobs?per_page=100";
      RestResponse response = count(rest.get(path));
      if (response.isSuccess()) {
        List<Long> mine = new ArrayList<>();
        for (JsonNode candidate : response.json().path("jobs")) {
          if (job.runnerName().equals(candidate.path("runner_name").asText(null))
              && !"completed".equals(candidate.path("status").asText())) {
            mine.add(checkRunIdOf(candidate));
          }
        }
        if (mine.size() == 1) {
          return mine.get(0);
        }
      } else {
        reporter.warn(
            "cannot list the jobs of workflow run " + job.runId() + " (HTTP " + response.statusCode()
                + "); recognising this job by its name instead (grant the token 'actions: read' to avoid this)");
      }
    }
    if (job.jobName() != null) {
      List<CiCheck> named =
          checkRuns.stream()
              .filter(c -> Long.valueOf(job.runId()).equals(c.workflowRunId()))
              .filter(c -> !c.completed())
              .filter(c -> c.name().equals(job.jobName()) || c.name().startsWith(job.jobName() + " ("))
              .toList();
      if (named.size() == 1) {
        return named.get(0).id();
      }
    }
    reporter.warn(
        "could not tell which check is this job (run " + job.runId() + ", job " + job.jobName()
            + "); if it is listed, pass --ignore with its name so the command does not wait for itself");
    return null;
  }

  /** The attempt number of a workflow run ({@code run_attempt}), 1 for its first run. */
  public int runAttempt(RepositorySlug repository, long runId) {
    RestResponse response = count(rest.get(repository.apiPath() + "/actions/runs/" + runId));
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    return Math.max(1, response.json().path("run_attempt").asInt(1));
  }

  /**
   * Asks GitHub Actions to re-run the failed jobs of a run (and the jobs that depend on them).
   *
   * @return null when accepted, else GitHub's reason (e.g. the run is still running)
   */
  public String rerunFailedJobs(RepositorySlug repository, long runId) {
    // Repeating this POST is harmless: while a re-run is in progress GitHub refuses another one.
    RestResponse response =
        count(rest.post(repository.apiPath() + "/actions/runs/" + runId + "/rerun-failed-jobs", null, Idempotency.IDEMPOTENT));
    if (response.isSuccess()) {
      return null;
    }
    if (response.statusCode() == 401 || response.statusCode() == 404) {
      throw rest.failure(response);
    }
    return "HTTP " + response.statusCode() + response.message().map(m -> " " + m).orElse("");
  }

  private List<JsonNode> readAllPages(
      RepositorySlug repository, String sha, String firstPage, String arrayField, boolean[] changed) {
    List<JsonNode> items = new ArrayList<>();
    String url = firstPage;
    int guard = 0;
    while (url != null && guard++ < 1000) {
      CachedPage cached = pages.get(url);
      RestResponse response = count(rest.get(url, cached == null ? null : cached.etag()));
      CachedPage page;
      if (response.notModified() && cached != null) {
        page = cached;
      } else if (response.isSuccess()) {
        List<JsonNode> pageItems = new ArrayList<>();
        response.json().path(arrayField).forEach(pageItems::add);
        page = new CachedPage(response.etag(), pageItems, response.nextPage());
        pages.put(url, page);
        changed[0] = true;
      } else {
        throw notFoundOrFailure(repository, sha, response);
      }
      items.addAll(page.items());
      url = page.next();
    }
    return items;
  }

  private TrainyardException notFoundOrFailure(RepositorySlug repository, String ref, RestResponse response) {
    int status = response.statusCode();
    if (status != 404 && status != 422) {
      return rest.failure(response);
    }
    RestResponse repo = count(rest.get(repository.apiPath()));
    if (repo.statusCode() == 404) {
      return TrainyardException.invalidInput(
          "repository " + repository + " not found at " + rest.endpoint().apiUrl()
              + (rest.endpoint().hasToken() ? " (or the token cannot see it)" : " (or it is private and no token was given)"),
          "check --repo-slug / GITHUB_REPOSITORY, and that the token has access to it");
    }
    if (!repo.isSuccess()) {
      return rest.failure(repo);
    }
    return TrainyardException.invalidInput(
        "ref '" + ref + "' is not a tag, branch or commit of " + repository,
        "check --ref; a tag must be pushed before its CI can be verified");
  }

  private RestResponse count(RestResponse response) {
    int attempts = response.raw().attempts();
    requests += attempts;
    rateLimitedRequests += response.notModified() ? attempts - 1 : attempts;
    return response;
  }

  private static CiCheck checkRun(JsonNode run) {
    String app = text(run.path("app"), "slug");
    Long workflowRunId = null;
    String details = text(run, "details_url");
    if (details != null && "github-actions".equals(app)) {
      Matcher matcher = ACTIONS_JOB_URL.matcher(details);
      if (matcher.find()) {
        workflowRunId = Long.parseLong(matcher.group(1));
      }
    }
    String url = text(run, "html_url");
    return new CiCheck(
        text(run, "name") == null ? "(unnamed check run " + run.path("id").asLong() + ")" : text(run, "name"),
        CheckKind.CHECK_RUN,
        run.path("id").asLong(),
        text(run, "status") == null ? "queued" : text(run, "status"),
        text(run, "conclusion"),
        url != null ? url : details,
        instant(run, "started_at"),
        instant(run, "completed_at"),
        app,
        run.path("app").path("id").asLong(0),
        workflowRunId,
        null);
  }

  private static CiCheck status(JsonNode status) {
    String state = text(status, "state") == null ? "pending" : text(status, "state");
    boolean done = !"pending".equals(state);
    return new CiCheck(
        text(status, "context") == null ? "default" : text(status, "context"),
        CheckKind.STATUS,
        status.path("id").asLong(),
        state,
        done ? state : null,
        text(status, "target_url"),
        instant(status, "created_at"),
        done ? instant(status, "updated_at") : null,
        null,
        0,
        null,
        null);
  }

  private static long checkRunIdOf(JsonNode job) {
    String checkRunUrl = text(job, "check_run_url");
    if (checkRunUrl != null) {
      Matcher matcher = TRAILING_ID.matcher(checkRunUrl);
      if (matcher.find()) {
        return Long.parseLong(matcher.group(1));
      }
    }
    return job.path("id").asLong();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Encodes each path segment of a ref, keeping the slashes of {@code release/1.2}. */
  static String encodeRef(String ref) {
    StringBuilder encoded = new StringBuilder();
    for (String segment : ref.split("/", -1)) {
      if (encoded.length() > 0) {
        encoded.append('/');
      }
      encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return encoded.toString();
  }
}
