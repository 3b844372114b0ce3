package dev.trainyard.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import dev.trainyard.github.WorkflowToken;
import dev.trainyard.http.Idempotency;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.report.Reporter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code publish-release}: turns the drafted GitHub release of a tag into a published one, once the
 * release pull request is merged (the sync-storage procedure: "once the release branch PR is
 * approved and merged, click Publish Release").
 *
 * <p>The release is found by its tag, not its name, which may differ. A published release is left
 * alone (a re-run is a no-op). The release pull request is {@code --pr}, or else found from the
 * tag: the pull requests GitHub associates with the tag's commit, and those from the release branch
 * ({@code train-N}, {@code release/X.Y}) that carry the tag's commit (squash-merged release pull
 * requests leave the commit off the base branch, so both are needed). While it is open, or when it
 * was closed unmerged, publishing is refused ({@link dev.trainyard.FailureKind#REPOSITORY_STATE}).
 * Publishing a draft whose tag GitHub does not have would make GitHub create the tag itself, so
 * that is refused too.
 */
public final class ReleasePublisher {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

  private final GitHubRest rest;
  private final Reporter reporter;

  public ReleasePublisher(GitHubRest rest, Reporter reporter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** A publisher that talks to {@code endpoint} with the default retry policy. */
  public static ReleasePublisher connect(GitHubEndpoint endpoint, Reporter reporter) {
    return new ReleasePublisher(GitHubClients.create(endpoint, RetryPolicy.defaults(), reporter).rest(), reporter);
  }

  public PublishResult publish(PublishRequest request) {
    RepositorySlug repo = request.gitHub().repository();
    JsonNode release = findRelease(repo, request.tag());
    String name = release.path("name").isTextual() && !release.path("name").asText().isBlank()
        ? release.path("name").asText() : null;
    long id = release.path("id").asLong();
    if (!release.path("draft").asBoolean(false)) {
      reporter.info("release " + describe(request.tag(), name) + " is published already; nothing to do");
      return new PublishResult(request.tag(), name, release.path("html_url").asText(""), id, true, null);
    }
    String sha = tagCommit(repo, request.tag(), release);
    PublishResult.ReleasePullRequest pullRequest = request.pullRequest() != null
        ? pullRequest(repo, request.pullRequest())
        : findPullRequest(repo, request, sha);
    if (!pullRequest.merged()) {
      boolean open = "open".equals(pullRequest.state());
      throw TrainyardException.repositoryState(
          "not publishing " + describe(request.tag(), name) + ": its release pull request #" + pullRequest.number()
              + " (" + pullRequest.url() + ") " + (open ? "is still open" : "was closed without merging"),
          open ? "merge it first; a workflow on 'pull_request: closed' runs publish-release when it is merged"
              : "reopen and merge it, or pass --pr with the pull request that did merge the release");
    }
    if (request.workflowToken()) {
      reporter.warn("publishing " + request.tag() + " with the workflow's own GITHUB_TOKEN: GitHub starts no"
          + " 'on: release' workflow for it; " + WorkflowToken.fix());
    }
    // Setting draft to false is the same request however often it is sent, so it may be retried.
    RestResponse published = rest.send("PATCH", repo.apiPath() + "/releases/" + id, Map.of("draft", false),
        Idempotency.IDEMPOTENT);
    if (!published.isSuccess()) {
      throw published.statusCode() == 403 || published.statusCode() == 404
          ? TrainyardException.remote(rest.failure(published).getMessage(),
              "the token needs Contents: write ('permissions: contents: write', or an App token with it)", null)
          : rest.failure(published);
    }
    String url = published.json().path("html_url").asText(release.path("html_url").asText(""));
    reporter.info("published " + describe(request.tag(), name) + ": " + url);
    return new PublishResult(request.tag(), name, url, id, false, pullRequest);
  }

  private static String describe(String tag, String name) {
    return name == null || name.equals(tag) ? tag : tag + " (\"" + name + "\")";
  }

  /** The release whose tag is {@code tag}, draft or not; drafts are only listed, never fetched by tag. */
  private JsonNode findRelease(RepositorySlug repo, String tag) {
    for (JsonNode release : rest.getAllPages(repo.apiPath() + "/releases?per_page=100", null)) {
      if (tag.equals(release.path("tag_name").asText())) {
        return release;
      }
    }
    throw TrainyardException.repositoryState("no GitHub release (draft or published) for tag " + tag + " in " + repo,
        "draft it with 'trainyard cut --push --github-release'; drafts are only listed to a token with Contents: write");
  }

  /** The commit the tag names on GitHub; refuses when GitHub has no such tag. */
  private String tagCommit(RepositorySlug repo, String tag, JsonNode release) {
    RestResponse ref = rest.get(repo.apiPath() + "/git/ref/tags/" + encodePath(tag));
    if (ref.statusCode() == 404) {
      throw TrainyardException.repositoryState(
          "not publishing " + tag + ": GitHub has no tag " + tag + ", and publishing the draft would create it on "
              + release.path("target_commitish").asText("the default branch"),
          "push the tag first ('trainyard cut --push' pushes it), then run publish-release again");
    }
    if (!ref.isSuccess()) {
      throw rest.failure(ref);
    }
    RestResponse commit = rest.getText(repo.apiPath() + "/commits/" + encodePath("refs/tags/" + tag),
        "application/vnd.github.sha");
    if (!commit.isSuccess()) {
      throw rest.failure(commit);
    }
    String sha = commit.json().asText().strip();
    if (!FULL_SHA.matcher(sha).matches()) {
      throw TrainyardException.remote("GitHub API GET " + repo.apiPath() + "/commits/refs/tags/" + tag
          + " did not answer with a commit SHA", null, null);
    }
    return sha;
  }

  private PublishResult.ReleasePullRequest pullRequest(RepositorySlug repo, long number) {
    RestResponse response = rest.get(repo.apiPath() + "/pulls/" + number);
    if (response.statusCode() == 404) {
      throw TrainyardException.invalidInput("--pr: pull request #" + number + " not found in " + repo, null);
    }
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    return of(response.json());
  }

  /**
   * The release pull request of the tag's commit: merged wins over open, open over closed. Only
   * pull requests into the base branch count (an uplift pull request into {@code train-N} that
   * contains the tag's commit is not the release's).
   */
  private PublishResult.ReleasePullRequest findPullRequest(RepositorySlug repo, PublishRequest request, String sha) {
    String base = request.baseBranch() != null ? request.baseBranch() : defaultBranch(repo);
    Map<Long, JsonNode> candidates = new LinkedHashMap<>();
    for (JsonNode pr : rest.getAllPages(repo.apiPath() + "/commits/" + sha + "/pulls?per_page=100", null)) {
      if (base.equals(pr.path("base").path("ref").asText())) {
        candidates.put(pr.path("number").asLong(), pr);
      }
    }
    if (request.releaseBranch() != null) {
      String marker = GitHubMergeBackPullRequests.marker(request.tag());
      for (JsonNode pr : rest.getAllPages(repo.apiPath() + "/pulls?state=all&head="
          + encode(repo.owner() + ":" + request.releaseBranch()) + "&base=" + encode(base) + "&per_page=100", null)) {
        long number = pr.path("number").asLong();
        if (!candidates.containsKey(number) && (pr.path("body").asText("").contains(marker)
            || contains(repo, pr.path("head").path("sha").asText(""), sha))) {
          candidates.put(number, pr);
        }
      }
    }
    List<PublishResult.ReleasePullRequest> found = new ArrayList<>();
    candidates.values().forEach(pr -> found.add(of(pr)));
    return found.stream().filter(PublishResult.ReleasePullRequest::merged).findFirst()
        .or(() -> found.stream().filter(pr -> "open".equals(pr.state())).findFirst())
        .or(() -> found.stream().findFirst())
        .orElseThrow(() -> TrainyardException.repositoryState(
            "not publishing " + request.tag() + ": no pull request into " + base + " carries its commit "
                + sha.substring(0, 7) + (request.releaseBranch() == null ? "" : " (looked at " + request.releaseBranch() + ")"),
            "open the release pull request ('trainyard cut --push --open-pr'), or pass --pr NUMBER"));
  }

  /** Whether {@code head} contains {@code sha} (the compare says head is ahead of it or the same). */
  private boolean contains(RepositorySlug repo, String head, String sha) {
    if (head.equals(sha)) {
      return true;
    }
    if (!FULL_SHA.matcher(head).matches()) {
      return false;
    }
    RestResponse compare = rest.get(repo.apiPath() + "/compare/" + sha + "..." + head + "?per_page=1");
    if (compare.statusCode() == 404) {
      return false;
    }
    if (!compare.isSuccess()) {
      throw rest.failure(compare);
    }
    String status = compare.json().path("status").asText("");
    return status.equals("ahead") || status.equals("identical");
  }

  private String defaultBranch(RepositorySlug repo) {
    RestResponse response = rest.get(repo.apiPath());
    if (!response.isSuccess()) {
      throw rest.failure(response);
    }
    return response.json().path("default_branch").asText("main");
  }

  private static PublishResult.ReleasePullRequest of(JsonNode pr) {
    boolean merged = pr.path("merged").asBoolean(false)
        || (pr.path("merged_at").isTextual() && !pr.path("merged_at").asText().isBlank());
    return new PublishResult.ReleasePullRequest(pr.path("number").asLong(), pr.path("html_url").asText(""),
        pr.path("state").asText(""), merged, pr.path("head").path("ref").asText(null),
        pr.path("base").path("ref").asText(null));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Encodes each path segment, keeping slashes ({@code refs/tags/v1.2.0}). */
  private static String encodePath(String value) {
    StringBuilder encoded = new StringBuilder();
    for (String segment : value.split("/", -1)) {
      if (encoded.length() > 0) {
        encoded.append('/');
      }
      encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return encoded.toString();
  }
}
