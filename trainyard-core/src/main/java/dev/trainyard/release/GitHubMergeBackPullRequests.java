package dev.trainyard.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import dev.trainyard.http.Idempotency;
import dev.trainyard.markdown.Markdown;
import dev.trainyard.report.Reporter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The merge-back pull request through the GitHub REST API, on the shared retrying client (reads are
 * retried on 5xx, 429 and resets, honouring {@code Retry-After}).
 *
 * <p>Each release's section of the body starts with a hidden marker ({@code <!-- trainyard:release
 * v1.11.0 -->}), which is how a re-run recognises its own pull request, also after the merge. The
 * create call is a POST, which the shared client does not repeat once the server may have acted;
 * after such a failure the open pull requests are listed again, and the create is sent again only
 * when none carries the marker. So the pull request exists once, whatever failed.
 */
public final class GitHubMergeBackPullRequests implements MergeBackPullRequests {
  private static final int CREATE_ATTEMPTS = 3;

  private final GitHubRest rest;
  private final RepositorySlug repository;
  private final Reporter reporter;

  public GitHubMergeBackPullRequests(GitHubRest rest, RepositorySlug repository, Reporter reporter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** Pull requests in {@code clients}' repository; a clear error when the token or repository is missing. */
  public static GitHubMergeBackPullRequests of(GitHubClients clients, Reporter reporter) {
    if (!clients.endpoint().hasToken()) {
      throw TrainyardException.invalidInput("--open-pr needs a token: GITHUB_TOKEN is not set",
          "pass the action's 'token' (a GitHub App token with Pull requests: write), or set GITHUB_TOKEN");
    }
    if (clients.endpoint().repository() == null) {
      throw TrainyardException.invalidInput("--open-pr needs the repository: GITHUB_REPOSITORY is not set",
          "set github.repository in .trainyard.yml or GITHUB_REPOSITORY=owner/name");
    }
    return new GitHubMergeBackPullRequests(clients.rest(), clients.endpoint().repository(), reporter);
  }

  /** The hidden line that starts a release's section of the body. */
  static String marker(String tag) {
    return "<!-- trainyard:release " + tag + " -->";
  }

  @Override
  public Optional<MergeBackPullRequest> openOrReuse(String head, String base, String tag, String notes) {
    String into = base != null ? base : defaultBranch();
    if (into.equals(head)) {
      throw TrainyardException.invalidInput("--open-pr: the release branch " + head + " is the branch it would merge into",
          "set release.main-branch to the branch releases are merged back into");
    }
    String marker = marker(tag);
    String section = marker + "\n" + (notes == null ? "" : notes.strip()) + "\n";
    JsonNode open = findOpen(head, into);
    if (open != null) {
      return Optional.of(reuse(open, section, marker, head, into, tag, false));
    }
    for (JsonNode closed : list(head, into, "closed")) {
      if (!closed.path("merged_at").isNull() && !closed.path("merged_at").isMissingNode()
          && closed.path("body").asText("").contains(marker)) {
        reporter.info("merge-back pull request #" + closed.path("number").asLong() + " for " + tag + " was merged already");
        return Optional.of(ref(closed, false, head, into, true));
      }
    }
    String body = "Merges the release branch " + Markdown.code(head) + " back into " + Markdown.code(into) + ".\n\n"
        + section;
    for (int attempt = 1; ; attempt++) {
      RestResponse response;
      try {
        response = rest.post(repository.apiPath() + "/pulls", createBody(head, into, tag, body), Idempotency.BY_METHOD);
      } catch (TrainyardException e) {
        if (e.kind() != FailureKind.REMOTE || attempt >= CREATE_ATTEMPTS) {
          throw e;
        }
        reporter.warn(e.getMessage() + "; checking whether the pull request was opened before trying again");
        JsonNode appeared = findOpen(head, into);
        if (appeared != null) {
          return Optional.of(reuse(appeared, section, marker, head, into, tag, appeared.path("body").asText("").contains(marker)));
        }
        continue;
      }
      if (response.isSuccess()) {
        reporter.info("opened merge-back pull request #" + response.json().path("number").asLong() + ": " + head
            + " -> " + into);
        return Optional.of(ref(response.json(), true, head, into, false));
      }
      if (response.statusCode() == 422) {
        String errors = validationErrors(response.json());
        if (errors.contains("already exists")) {
          JsonNode raced = findOpen(head, into);
          if (raced != null) {
            return Optional.of(reuse(raced, section, marker, head, into, tag, false));
          }
        }
        if (errors.contains("No commits between")) {
          reporter.info(head + " has no commits that " + into + " lacks: it is merged back; no pull request needed");
          return Optional.empty();
        }
        if (errors.contains("head") && errors.contains("invalid")) {
          throw TrainyardException.repositoryState(
              "--open-pr: GitHub does not know the release branch " + head + " (" + errors + ")",
              "push it first: run cut with --push");
        }
      }
      if (response.statusCode() == 403) {
        throw new TrainyardException(FailureKind.REMOTE, "GitHub API POST " + repository.apiPath() + "/pulls failed: HTTP 403"
            + response.message().map(m -> " " + m).orElse("") + " (the token may not open pull requests)",
            "give the token Pull requests: write (an App token, or 'permissions: pull-requests: write'); the workflow's"
                + " own token also needs 'Allow GitHub Actions to create and approve pull requests' in the repository's"
                + " Actions settings");
      }
      throw rest.failure(response);
    }
  }

  private Map<String, Object> createBody(String head, String base, String tag, String body) {
    Map<String, Object> create = new LinkedHashMap<>();
    create.put("title", "Merge " + head + " into " + base + " (" + tag + ")");
    create.put("head", head);
    create.put("base", base);
    create.put("body", body);
    return create;
  }

  /** Reuses an open pull request; adds this release's section to its body when it lacks one. */
  private MergeBackPullRequest reuse(JsonNode pr, String section, String marker, String head, String base, String tag,
      boolean created) {
    long number = pr.path("number").asLong();
    String body = pr.path("body").asText("");
    if (!body.contains(marker)) {
      String updated = body.isBlank() ? section : body.stripTrailing() + "\n\n" + section;
      // Setting the body to a fixed text is safe to repeat.
      RestResponse response = rest.send("PATCH", repository.apiPath() + "/pulls/" + number, Map.of("body", updated),
          Idempotency.IDEMPOTENT);
      if (!response.isSuccess()) {
        throw rest.failure(response);
      }
      reporter.info("added " + tag + " to the open merge-back pull request #" + number);
    } else if (!created) {
      reporter.info("merge-back pull request #" + number + " is open already; reused");
    }
    return ref(pr, created, head, base, false);
  }

  private JsonNode findOpen(String head, String base) {
    List<JsonNode> open = list(head, base, "open");
    return open.isEmpty() ? null : open.get(0);
  }

  private List<JsonNode> list(String head, String base, String state) {
    return rest.getAllPages(repository.apiPath() + "/pulls?state=" + state + "&head="
        + encode(repository.owner() + ":" + head) + "&base=" + encode(base) + "&per_page=100", null);
  }

  private String defaultBranch() {
    RestResponse response = rest.get(repository.apiPath());
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    String branch = response.json().path("default_branch").asText("");
    if (branch.isEmpty()) {
      throw TrainyardException.remote("GitHub API GET " + repository.apiPath() + " named no default branch",
          "set release.main-branch", null);
    }
    return branch;
  }

  private static MergeBackPullRequest ref(JsonNode pr, boolean created, String head, String base, boolean merged) {
    return new MergeBackPullRequest(pr.path("number").asLong(), pr.path("html_url").asText(""), created, head, base,
        merged);
  }

  private static String validationErrors(JsonNode json) {
    StringBuilder text = new StringBuilder();
    for (JsonNode error : json.path("errors")) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(error.path("message").asText(error.path("field").asText("") + " " + error.path("code").asText("")));
    }
    return text.length() == 0 ? json.path("message").asText("") : text.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
