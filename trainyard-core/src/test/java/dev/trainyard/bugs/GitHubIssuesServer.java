package dev.trainyard.bugs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's issues API for one repository in a WireMock extension, stateful like
 * {@link BugzillaServer}: issues, labels, comments, search, and pull requests seeded by the test.
 * Comments have the shape of a real recorded answer (github/issue-comment-201.json); issues the
 * shape of GitHub's REST reference.
 */
public final class GitHubIssuesServer implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "github-issues-server";
  private static final ObjectMapper JSON = FakeServer.JSON;
  private static final Pattern ISSUES = Pattern.compile("^/repos/([^/]+/[^/]+)/issues$");
  private static final Pattern ISSUE = Pattern.compile("^/repos/([^/]+/[^/]+)/issues/(\\d+)$");
  private static final Pattern COMMENTS = Pattern.compile("^/repos/([^/]+/[^/]+)/issues/(\\d+)/comments$");
  private static final Pattern COMMENT = Pattern.compile("^/repos/([^/]+/[^/]+)/issues/comments/(\\d+)$");
  private static final Pattern PULL = Pattern.compile("^/repos/([^/]+/[^/]+)/pulls/(\\d+)$");
  private static final Pattern COMMIT_PULLS = Pattern.compile("^/repos/([^/]+/[^/]+)/commits/([0-9a-f]+)/pulls$");

  private final ObjectNode commentShape = (ObjectNode) FakeServer.resource("github/issue-comment-201.json");
  private final String repository;
  private final String token;
  private final Map<Long, ObjectNode> issues = new TreeMap<>();
  private final Map<Long, List<ObjectNode>> comments = new LinkedHashMap<>();
  private final Map<Integer, ObjectNode> pulls = new LinkedHashMap<>();
  private long nextNumber = 101;
  private long nextComment = 1_254_853_505L;
  private final FakeServer.Rendezvous listingBarrier = new FakeServer.Rendezvous("listings");
  private String baseUrl = "http://localhost";

  public GitHubIssuesServer(String repository, String token) {
    this.repository = repository;
    this.token = token;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /**
   * The next {@code parties} searches wait for each other. A run that finds no labelled request
   * searches last, so racing runs that both found nothing both go on to file.
   */
  public void holdSearches(int parties) {
    listingBarrier.hold(parties);
  }

  public synchronized void seedPullRequest(int number, String title, String body, boolean merged) {
    ObjectNode pr = JSON.createObjectNode();
    pr.put("url", "https://api.github.com/repos/" + repository + "/pulls/" + number).put("id", 900_000 + number)
        .put("html_url", "https://github.com/" + repository + "/pull/" + number).put("number", number)
        .put("state", "closed").put("title", title).put("body", body);
    pr.putObject("user").put("login", "octocat").put("type", "User");
    if (merged) {
      pr.put("merged_at", "2026-11-19T10:00:00Z").put("merged", true);
    } else {
      pr.putNull("merged_at").put("merged", false);
    }
    pulls.put(number, pr);
  }

  public synchronized long seedIssue(String title, String body, String state, String label) {
    return newIssue(title, body, label == null ? List.of() : List.of(label), "someone").put("state", state)
        .path("number").asLong();
  }

  public synchronized long seedComment(long issue, String body) {
    return comment(issue, JSON.createObjectNode().put("body", body)) == null ? 0 : nextComment - 1;
  }

  public synchronized List<ObjectNode> issues() {
    return List.copyOf(issues.values());
  }

  public synchronized List<ObjectNode> comments(long issue) {
    return List.copyOf(comments.getOrDefault(issue, List.of()));
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    baseUrl = request.getAbsoluteUrl().substring(0, request.getAbsoluteUrl().indexOf(request.getUrl()));
    String url = request.getUrl();
    String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    Map<String, String> query = FakeServer.query(url);
    String method = request.getMethod().getName();
    String authorization = request.getHeader("Authorization");
    if (authorization == null || !authorization.equals("Bearer " + token)) {
      return json(401, JSON.createObjectNode().put("message", "Bad credentials")
          .put("documentation_url", "https://docs.github.com/rest").put("status", "401"));
    }
    try {
      JsonNode body = request.getBodyAsString().isEmpty() ? JSON.createObjectNode() : JSON.readTree(request.getBodyAsString());
      Matcher m;
      if (path.equals("/search/issues")) {
        listingBarrier.await();
        return search(query.getOrDefault("q", ""));
      }
      if ((m = ISSUES.matcher(path)).matches()) {
        if (method.equals("POST")) {
          return create(body);
        }
        return list(query);
      }
      if ((m = ISSUE.matcher(path)).matches()) {
        long number = Long.parseLong(m.group(2));
        return method.equals("PATCH") ? update(number, body) : get(number);
      }
      if ((m = COMMENTS.matcher(path)).matches()) {
        long number = Long.parseLong(m.group(2));
        return method.equals("POST") ? comment(number, body) : listComments(number);
      }
      if ((m = COMMENT.matcher(path)).matches() && method.equals("DELETE")) {
        return delete(Long.parseLong(m.group(2)));
      }
      if ((m = PULL.matcher(path)).matches()) {
        ObjectNode pr = pulls.get(Integer.parseInt(m.group(2)));
        return pr == null ? notFound() : json(200, pr);
      }
      if (COMMIT_PULLS.matcher(path).matches()) {
        return json(200, JSON.createArrayNode());
      }
      return notFound();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized ResponseDefinition list(Map<String, String> query) {
    String label = query.get("labels");
    String state = query.getOrDefault("state", "open");
    ArrayNode found = JSON.createArrayNode();
    List<ObjectNode> newestFirst = new ArrayList<>(issues.values());
    java.util.Collections.reverse(newestFirst);
    for (ObjectNode issue : newestFirst) {
      boolean labelled = label == null || issue.path("labels").findValuesAsText("name").contains(label);
      boolean inState = state.equals("all") || issue.path("state").asText().equals(state);
      if (labelled && inState) {
        found.add(issue);
      }
    }
    return json(200, found);
  }

  private synchronized ResponseDefinition search(String q) {
    Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(q);
    String needle = quoted.find() ? quoted.group(1) : "";
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = JSON.createArrayNode();
    for (ObjectNode issue : issues.values()) {
      if (!needle.isEmpty() && issue.path("body").asText("").contains(needle)) {
        items.add(issue);
      }
    }
    answer.put("total_count", items.size()).put("incomplete_results", false).set("items", items);
    return json(200, answer);
  }

  private synchronized ResponseDefinition create(JsonNode body) {
    if (body.path("title").asText("").isBlank()) {
      return json(422, JSON.createObjectNode().put("message", "Validation Failed"));
    }
    List<String> labels = new ArrayList<>();
    body.path("labels").forEach(l -> labels.add(l.asText()));
    ObjectNode issue = newIssue(body.path("title").asText(), body.path("body").asText(""), labels, "github-actions[bot]");
    return json(201, issue);
  }

  private ObjectNode newIssue(String title, String body, List<String> labels, String login) {
    long number = nextNumber++;
    ObjectNode issue = JSON.createObjectNode();
    issue.put("url", baseUrl + "/repos/" + repository + "/issues/" + number)
        .put("html_url", "https://github.com/" + repository + "/issues/" + number)
        .put("id", 2_000_000_000L + number).put("node_id", "I_kwDO" + number).put("number", number)
        .put("title", title).put("state", "open").putNull("state_reason").put("locked", false);
    issue.putObject("user").put("login", login).put("type", login.endsWith("[bot]") ? "Bot" : "User");
    ArrayNode labelNodes = issue.putArray("labels");
    labels.forEach(l -> labelNodes.addObject().put("name", l).put("color", "ededed"));
    issue.put("comments", 0).put("created_at", "2026-11-21T12:00:00Z").put("updated_at", "2026-11-21T12:00:00Z")
        .putNull("closed_at").put("author_association", "NONE").put("body", body);
    issues.put(number, issue);
    comments.put(number, new ArrayList<>());
    return issue;
  }

  private synchronized ResponseDefinition get(long number) {
    ObjectNode issue = issues.get(number);
    return issue == null ? notFound() : json(200, issue);
  }

  private synchronized ResponseDefinition update(long number, JsonNode body) {
    ObjectNode issue = issues.get(number);
    if (issue == null) {
      return notFound();
    }
    for (String field : List.of("title", "body", "state", "state_reason")) {
      if (body.has(field)) {
        issue.set(field, body.get(field));
      }
    }
    return json(200, issue);
  }

  private synchronized ResponseDefinition comment(long number, JsonNode body) {
    ObjectNode issue = issues.get(number);
    if (issue == null) {
      return notFound();
    }
    long id = nextComment++;
    ObjectNode comment = commentShape.deepCopy();
    comment.put("url", baseUrl + "/repos/" + repository + "/issues/comments/" + id)
        .put("html_url", "https://github.com/" + repository + "/issues/" + number + "#issuecomment-" + id)
        .put("issue_url", baseUrl + "/repos/" + repository + "/issues/" + number)
        .put("id", id).put("body", body.path("body").asText(""));
    comments.get(number).add(comment);
    issue.put("comments", comments.get(number).size());
    return json(201, comment);
  }

  private synchronized ResponseDefinition listComments(long number) {
    if (!issues.containsKey(number)) {
      return notFound();
    }
    ArrayNode list = JSON.createArrayNode();
    comments.get(number).forEach(list::add);
    return json(200, list);
  }

  private synchronized ResponseDefinition delete(long id) {
    for (List<ObjectNode> list : comments.values()) {
      if (list.removeIf(c -> c.path("id").asLong() == id)) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
      }
    }
    return notFound();
  }

  private static ResponseDefinition notFound() {
    return json(404, JSON.createObjectNode().put("message", "Not Found")
        .put("documentation_url", "https://docs.github.com/rest").put("status", "404"));
  }

  private static ResponseDefinition json(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
  }
}
