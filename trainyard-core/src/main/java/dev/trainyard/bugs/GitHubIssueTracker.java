package dev.trainyard.bugs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RestResponse;
import dev.trainyard.http.Idempotency;
import dev.trainyard.report.Reporter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment requests as issues of a GitHub repository: labels instead of product and component,
 * the key as an HTML comment in the body (invisible on the page), found by listing the label's
 * issues and, when someone removed the label, through the search API.
 */
public final class GitHubIssueTracker implements BugTracker {
  private static final int MAX_PAGES = 10;

  private final GitHubRest rest;
  private final GitHubIssueSettings settings;
  private final Reporter reporter;

  public GitHubIssueTracker(GitHubRest rest, GitHubIssueSettings settings, Reporter reporter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** How a key or marker is written into an issue or comment body: an HTML comment GitHub does not show. */
  static String hidden(String token) {
    return "<!-- " + token + " -->";
  }

  @Override
  public String name() {
    return "GitHub";
  }

  @Override
  public String destination() {
    return "issues of " + settings.repository()
        + (settings.labels().isEmpty() ? "" : " labelled " + String.join(", ", settings.labels()));
  }

  @Override
  public String url(long id) {
    return rest.endpoint().serverUrl() + "/" + settings.repository() + "/issues/" + id;
  }

  private String issues() {
    return settings.repository().apiPath() + "/issues";
  }

  @Override
  public String withMarker(String text, String marker) {
    return text.stripTrailing() + "\n\n" + hidden(marker) + "\n";
  }

  @Override
  public List<TrackedBug> find(RequestKey key) {
    Map<Long, TrackedBug> found = new LinkedHashMap<>();
    if (!settings.labels().isEmpty()) {
      String next = issues() + "?state=all&per_page=100&labels=" + encode(settings.labels().get(0));
      for (int page = 0; next != null && page < MAX_PAGES; page++) {
        RestResponse response = rest.get(next);
        if (!response.isSuccess()) {
          throw rest.failure(response);
        }
        for (JsonNode issue : response.json()) {
          ours(issue, key).ifPresent(bug -> found.putIfAbsent(bug.id(), bug));
        }
        next = response.nextPage();
      }
    }
    if (found.isEmpty()) {
      searchByKey(key).forEach(bug -> found.putIfAbsent(bug.id(), bug));
    }
    List<TrackedBug> sorted = new ArrayList<>(found.values());
    sorted.sort(Comparator.comparingLong(TrackedBug::id));
    return sorted;
  }

  private List<TrackedBug> searchByKey(RequestKey key) {
    String query = "repo:" + settings.repository() + " is:issue in:body \"" + key.token() + "\"";
    RestResponse response = rest.get("/search/issues?per_page=20&q=" + encode(query));
    if (!response.isSuccess()) {
      // Search is rate-limited on its own and off on some Enterprise servers; the label listing answered.
      reporter.warn("searching issues for " + key.token() + " failed (HTTP " + response.statusCode()
          + "); relying on the label");
      return List.of();
    }
    List<TrackedBug> bugs = new ArrayList<>();
    for (JsonNode issue : response.json().path("items")) {
      ours(issue, key).ifPresent(bugs::add);
    }
    return bugs;
  }

  private Optional<TrackedBug> ours(JsonNode issue, RequestKey key) {
    if (issue.has("pull_request")) {
      return Optional.empty();
    }
    String body = issue.path("body").isNull() ? "" : issue.path("body").asText("");
    if (!body.contains(hidden(key.token()))) {
      return Optional.empty();
    }
    return Optional.of(tracked(issue));
  }

  private TrackedBug tracked(JsonNode issue) {
    long number = issue.path("number").asLong();
    String state = issue.path("state").asText("open");
    String reason = issue.path("state_reason").asText("");
    return new TrackedBug(number, issue.path("title").asText(""), "open".equals(state),
        state + (reason.isEmpty() || "null".equals(reason) ? "" : " (" + reason + ")"),
        issue.path("html_url").asText(url(number)), issue.path("body").isNull() ? "" : issue.path("body").asText(""));
  }

  @Override
  public List<BugComment> comments(TrackedBug bug) {
    List<BugComment> comments = new ArrayList<>();
    String description = bug.description();
    if (description == null) {
      RestResponse issue = rest.get(issues() + "/" + bug.id());
      if (!issue.isSuccess()) {
        throw rest.failure(issue);
      }
      description = issue.json().path("body").asText("");
    }
    comments.add(new BugComment(0, true, description));
    for (JsonNode comment : rest.getAllPages(issues() + "/" + bug.id() + "/comments?per_page=100", null)) {
      comments.add(new BugComment(comment.path("id").asLong(), false, comment.path("body").asText("")));
    }
    return comments;
  }

  @Override
  public TrackedBug file(NewRequest request) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("title", request.summary());
    issue.put("body", request.description() + "\n" + hidden(request.key().token()) + "\n");
    if (!settings.labels().isEmpty()) {
      issue.put("labels", settings.labels());
    }
    RestResponse created = rest.post(issues(), issue, Idempotency.NOT_IDEMPOTENT);
    if (!created.isSuccess()) {
      throw rest.failure(created);
    }
    return tracked(created.json());
  }

  @Override
  public BugComment comment(TrackedBug bug, String text) {
    RestResponse created = rest.post(issues() + "/" + bug.id() + "/comments", Map.of("body", text),
        Idempotency.NOT_IDEMPOTENT);
    if (!created.isSuccess()) {
      throw rest.failure(created);
    }
    return new BugComment(created.json().path("id").asLong(), false, created.json().path("body").asText(text));
  }

  @Override
  public boolean ensureKey(TrackedBug bug, RequestKey key) {
    return true; // the key is part of the body GitHub stored with the issue
  }

  @Override
  public void closeAsDuplicate(TrackedBug duplicate, TrackedBug original, String why) {
    String body = duplicate.description() == null ? "" : duplicate.description();
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("state", "closed");
    changes.put("state_reason", "not_planned");
    // The key goes out of the body, so no later run finds this issue again.
    changes.put("body", "Duplicate of #" + original.id() + ": " + why + "\n\n"
        + body.replace("<!-- [trainyard:", "<!-- [trainyard-duplicate:"));
    RestResponse response = rest.send("PATCH", issues() + "/" + duplicate.id(), changes, Idempotency.IDEMPOTENT);
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
  }

  @Override
  public Optional<String> retractDuplicateComment(TrackedBug bug, BugComment comment) {
    if (comment.description()) {
      return Optional.of("the description of #" + bug.id() + " is not a comment and stays");
    }
    RestResponse response = rest.send("DELETE", issues() + "/comments/" + comment.id(), null, Idempotency.IDEMPOTENT);
    if (response.statusCode() == 404) {
      return Optional.empty(); // already gone
    }
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    return Optional.empty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
