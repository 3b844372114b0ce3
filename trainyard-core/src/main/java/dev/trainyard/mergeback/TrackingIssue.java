package dev.trainyard.mergeback;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import dev.trainyard.http.Idempotency;
import dev.trainyard.report.Reporter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps exactly one GitHub issue in step with the merge-back verdict: opened when something is
 * stale, edited in place while it stays so, closed when all is clear, reopened (not duplicated)
 * when it goes stale again. The issue is found by its label and, to survive someone removing the
 * label, by the hidden {@link MergeBackMarkdown#MARKER} in its body via search. A run that would
 * write what is already there sends no write at all.
 */
public final class TrackingIssue {
  public static final String DEFAULT_LABEL = "merge-back";
  private static final int MAX_LABEL_PAGES = 5;

  /** What a sync did. */
  public enum Outcome {
    CREATED, UPDATED, REOPENED, UNCHANGED, CLOSED, NOTHING_TO_DO;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** @param number 0 when no issue exists */
  public record Result(Outcome outcome, long number, String url) {}

  private record Found(long number, String title, String body, boolean open, String url) {}

  private final GitHubRest rest;
  private final RepositorySlug repository;
  private final String label;
  private final Reporter reporter;

  public TrackingIssue(GitHubRest rest, RepositorySlug repository, String label, Reporter reporter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.label = label == null || label.isBlank() ? DEFAULT_LABEL : label;
    this.reporter = reporter;
  }

  public Result sync(MergeBackReport report) {
    Optional<Found> existing = find();
    if (!report.failing()) {
      if (existing.isPresent() && existing.get().open()) {
        Found issue = existing.get();
        patch(issue.number(), Map.of("body", MergeBackMarkdown.allClearBody(report), "state", "closed",
            "state_reason", "completed"));
        reporter.info("closed tracking issue #" + issue.number() + ": everything is merged back");
        return new Result(Outcome.CLOSED, issue.number(), issue.url());
      }
      return new Result(Outcome.NOTHING_TO_DO, existing.map(Found::number).orElse(0L),
          existing.map(Found::url).orElse(null));
    }
    String title = MergeBackMarkdown.issueTitle(report);
    String body = MergeBackMarkdown.issueBody(report);
    if (existing.isEmpty()) {
      Map<String, Object> issue = new LinkedHashMap<>();
      issue.put("title", title);
      issue.put("body", body);
      issue.put("labels", List.of(label));
      // Not repeated after a failure: a repeat could open the second issue this class exists to avoid.
      RestResponse created = rest.post(repository.apiPath() + "/issues", issue, Idempotency.NOT_IDEMPOTENT);
      if (!created.isSuccess()) {
        throw rest.failure(created);
      }
      long number = issueNumber(created.json());
      if (number <= 0) {
        throw new TrainyardException(FailureKind.REMOTE,
            "GitHub API POST " + repository.apiPath() + "/issues answered HTTP " + created.statusCode()
                + " without an issue number (got " + shape(created.json()) + ")",
            "the issue may have been opened all the same; the next run finds it by its '" + label
                + "' label and does not open a second one");
      }
      reporter.info("opened tracking issue #" + number);
      return new Result(Outcome.CREATED, number, created.json().path("html_url").asText(null));
    }
    Found issue = existing.get();
    if (issue.open() && title.equals(issue.title()) && body.equals(issue.body())) {
      return new Result(Outcome.UNCHANGED, issue.number(), issue.url());
    }
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("title", title);
    changes.put("body", body);
    changes.put("state", "open");
    patch(issue.number(), changes);
    reporter.info((issue.open() ? "updated" : "reopened") + " tracking issue #" + issue.number());
    return new Result(issue.open() ? Outcome.UPDATED : Outcome.REOPENED, issue.number(), issue.url());
  }

  private void patch(long number, Map<String, Object> fields) {
    // Setting title, body and state to fixed values is harmless to repeat.
    RestResponse response = rest.send("PATCH", repository.apiPath() + "/issues/" + number, fields,
        Idempotency.IDEMPOTENT);
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
  }

  /** The open issue if there is one, else the most recently updated closed one. */
  private Optional<Found> find() {
    String next = repository.apiPath() + "/issues?state=all&sort=updated&direction=desc&per_page=100&labels="
        + encode(label);
    Found closed = null;
    for (int page = 0; next != null && page < MAX_LABEL_PAGES; page++) {
      RestResponse response = rest.get(next);
      if (!response.isSuccess()) {
        throw rest.failure(response);
      }
      if (!response.json().isArray()) {
        // Iterating an object would see no issue and open a duplicate: refuse a wrong shape.
        throw new TrainyardException(FailureKind.REMOTE, "GitHub API GET " + repository.apiPath()
            + "/issues answered HTTP " + response.statusCode() + " with " + shape(response.json()) + " instead of a list",
            "a proxy or GitHub itself sent a wrong body; check GITHUB_API_URL and run again");
      }
      for (JsonNode item : response.json()) {
        Optional<Found> found = ours(item);
        if (found.isPresent() && found.get().open()) {
          return found;
        }
        if (found.isPresent() && closed == null) {
          closed = found.get();
        }
      }
      next = response.nextPage();
    }
    if (closed != null) {
      return Optional.of(closed);
    }
    return searchByMarker();
  }

  private Optional<Found> searchByMarker() {
    String query = "repo:" + repository + " is:issue in:body \"trainyard:merge-back\"";
    RestResponse response = rest.get("/search/issues?per_page=20&sort=updated&order=desc&q=" + encode(query));
    if (!response.isSuccess()) {
      // The search API is a convenience (rate-limited separately, disabled on some Enterprise hosts);
      // the label listing already answered, so failing the whole check over it would be wrong.
      reporter.warn("searching issues for the merge-back marker failed (HTTP " + response.statusCode()
          + "); relying on the '" + label + "' label");
      return Optional.empty();
    }
    Found closed = null;
    for (JsonNode item : response.json().path("items")) {
      Optional<Found> found = ours(item);
      if (found.isPresent() && found.get().open()) {
        return found;
      }
      if (found.isPresent() && closed == null) {
        closed = found.get();
      }
    }
    return Optional.ofNullable(closed);
  }

  private static Optional<Found> ours(JsonNode item) {
    if (!item.isObject() || item.has("pull_request") || issueNumber(item) <= 0) {
      return Optional.empty();
    }
    String body = item.path("body").asText("");
    if (!body.contains(MergeBackMarkdown.MARKER)) {
      return Optional.empty();
    }
    return Optional.of(new Found(item.path("number").asLong(), item.path("title").asText(""), body,
        "open".equals(item.path("state").asText()), item.path("html_url").asText(null)));
  }

  /** The issue's number, or 0 when {@code issue} is not an object with a positive whole "number". */
  static long issueNumber(JsonNode issue) {
    JsonNode number = issue == null ? null : issue.get("number");
    return issue != null && issue.isObject() && number != null && number.isIntegralNumber() && number.canConvertToLong()
        ? Math.max(0, number.asLong()) : 0;
  }

  private static String shape(JsonNode json) {
    if (json == null || json.isMissingNode()) {
      return "an empty body";
    }
    return json.isArray() ? "a list" : json.isObject() ? "an object" : "a " + json.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
