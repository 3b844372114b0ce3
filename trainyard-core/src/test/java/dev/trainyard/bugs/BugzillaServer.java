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
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bugzilla 5 REST server in a WireMock extension: it keeps bugs and comments, so a test can file,
 * re-run and race two runs as against a real server. Answers are built from the documented shapes
 * in src/test/resources/dev/trainyard/bugs/bugzilla (see the README there for the sources); errors
 * carry Bugzilla's codes with the HTTP status Bugzilla derives from them. Fault injection is done
 * with ordinary WireMock stubs of higher priority.
 */
public final class BugzillaServer implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "bugzilla-server";
  static final String PRODUCT = "Cloud Services";
  static final String COMPONENT = "Operations: Deployment Requests";
  private static final ObjectMapper JSON = FakeServer.JSON;
  private static final Pattern BUG = Pattern.compile("^/rest/bug/(\\d+)$");
  private static final Pattern COMMENTS = Pattern.compile("^/rest/bug/(\\d+)/comment$");
  private static final Pattern TAGS = Pattern.compile("^/rest/bug/comment/(\\d+)/tags$");

  private final ObjectNode bugShape = (ObjectNode) FakeServer.resource("bugzilla/bug.json");
  private final ObjectNode commentShape = (ObjectNode) FakeServer.resource("bugzilla/comment.json");
  private final String validKey;
  private final Map<Long, ObjectNode> bugs = new TreeMap<>();
  private final Map<Long, List<ObjectNode>> comments = new LinkedHashMap<>();
  private long nextBug = 1_900_001;
  private long nextComment = 17_000_001;
  private volatile boolean markdown = true;
  private volatile boolean commentTags = true;
  private final FakeServer.Rendezvous searchBarrier = new FakeServer.Rendezvous("searches");
  private int createsThatLoseTheirAnswer;

  public BugzillaServer(String validKey) {
    this.validKey = validKey;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** Like bugzilla.mozilla.org with Markdown off: {@code is_markdown: true} fails with code 140. */
  public void disableMarkdown() {
    markdown = false;
  }

  public void disableCommentTags() {
    commentTags = false;
  }

  /** The next {@code count} creations file the bug, then answer 502 as a proxy that lost the answer would. */
  public synchronized void loseAnswersOfCreates(int count) {
    createsThatLoseTheirAnswer = count;
  }

  /** The next {@code parties} searches wait for each other, so that racing runs all find nothing. */
  public void holdSearches(int parties) {
    searchBarrier.hold(parties);
  }

  /** A bug filed by someone else (or by an earlier run), returning its id. */
  public synchronized long seed(String summary, String whiteboard, String description, boolean open) {
    ObjectNode bug = newBug(summary, PRODUCT, COMPONENT, whiteboard, "someone@example.com");
    if (!open) {
      bug.put("status", "RESOLVED").put("resolution", "FIXED").put("is_open", false);
    }
    addComment(bug.path("id").asLong(), description, false, "someone@example.com");
    return bug.path("id").asLong();
  }

  public synchronized void seedComment(long bug, String text) {
    addComment(bug, text, true, "someone@example.com");
  }

  public synchronized void markDuplicate(long bug, long of) {
    bugs.get(bug).put("status", "RESOLVED").put("resolution", "DUPLICATE").put("is_open", false).put("dupe_of", of);
  }

  public synchronized List<ObjectNode> bugs() {
    return List.copyOf(bugs.values());
  }

  public synchronized List<ObjectNode> comments(long bug) {
    return List.copyOf(comments.getOrDefault(bug, List.of()));
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String url = request.getUrl();
    String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    Map<String, String> query = FakeServer.query(url);
    String method = request.getMethod().getName();
    String key = request.getHeader("X-BUGZILLA-API-KEY");
    if (key != null && !key.equals(validKey)) {
      return error(306, "The API key you specified is invalid. Please check that you typed it correctly.");
    }
    try {
      if (path.equals("/rest/bug") && method.equals("GET")) {
        searchBarrier.await();
        return search(query);
      }
      boolean write = !method.equals("GET");
      if (write && key == null) {
        return error(410, "You must log in before using this part of Bugzilla.");
      }
      JsonNode body = request.getBodyAsString().isEmpty() ? JSON.createObjectNode() : JSON.readTree(request.getBodyAsString());
      Matcher m;
      if (path.equals("/rest/bug") && method.equals("POST")) {
        return create(body);
      }
      if ((m = BUG.matcher(path)).matches()) {
        return method.equals("PUT") ? update(Long.parseLong(m.group(1)), body) : get(Long.parseLong(m.group(1)), query);
      }
      if ((m = COMMENTS.matcher(path)).matches()) {
        long id = Long.parseLong(m.group(1));
        return method.equals("POST") ? addComment(id, body) : listComments(id);
      }
      if ((m = TAGS.matcher(path)).matches() && method.equals("PUT")) {
        return tag(Long.parseLong(m.group(1)), body);
      }
      return error(32614, "A REST API resource was not found for '" + method + " " + path.substring("/rest".length()) + "'.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized ResponseDefinition search(Map<String, String> query) {
    if (query.isEmpty() || query.keySet().stream().allMatch(k -> k.equals("include_fields"))) {
      return error(1000, "You may not search, or create saved searches, without any search terms.");
    }
    ArrayNode found = JSON.createArrayNode();
    for (ObjectNode bug : bugs.values()) {
      if (matches(bug, query, "whiteboard") && matches(bug, query, "summary") && equalsIfGiven(bug, query, "product")
          && equalsIfGiven(bug, query, "component")) {
        found.add(fields(bug, query.get("include_fields")));
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("faults");
    answer.set("bugs", found);
    return ok(200, answer);
  }

  private static boolean matches(ObjectNode bug, Map<String, String> query, String field) {
    String wanted = query.get(field);
    return wanted == null || bug.path(field).asText("").contains(wanted);
  }

  private static boolean equalsIfGiven(ObjectNode bug, Map<String, String> query, String field) {
    String wanted = query.get(field);
    return wanted == null || bug.path(field).asText("").equals(wanted);
  }

  private static JsonNode fields(ObjectNode bug, String include) {
    if (include == null || include.equals("_default")) {
      return bug.deepCopy();
    }
    ObjectNode picked = JSON.createObjectNode();
    for (String field : include.split("[,\\s]+")) {
      if (bug.has(field)) {
        picked.set(field, bug.get(field));
      }
    }
    return picked;
  }

  private synchronized ResponseDefinition get(long id, Map<String, String> query) {
    ObjectNode bug = bugs.get(id);
    if (bug == null) {
      return error(101, "Bug #" + id + " does not exist.");
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("faults");
    answer.putArray("bugs").add(fields(bug, query.get("include_fields")));
    return ok(200, answer);
  }

  private synchronized ResponseDefinition create(JsonNode body) {
    String product = body.path("product").asText("");
    String component = body.path("component").asText("");
    if (product.isEmpty() || !product.equals(PRODUCT)) {
      return error(106, "Product '" + product + "' does not exist or you aren't authorized to enter a bug into it.");
    }
    if (component.isEmpty()) {
      return error(105, "You must select/enter a component.");
    }
    if (!component.equals(COMPONENT)) {
      return error(105, "There is no component named '" + component + "' in the '" + product + "' product.");
    }
    if (body.path("summary").asText("").isBlank()) {
      return error(107, "You must enter a summary for this bug.");
    }
    if (!body.path("version").asText("").equals("unspecified")) {
      return error(51, "There is no version named '" + body.path("version").asText("") + "' in the '" + product
          + "' product.");
    }
    if (body.has("type") && !Set.of("defect", "enhancement", "task").contains(body.path("type").asText())) {
      return error(104, "There is no type named '" + body.path("type").asText() + "'.");
    }
    ObjectNode bug = newBug(body.path("summary").asText(), product, component, body.path("whiteboard").asText(""),
        "release-bot@example.com");
    if (body.has("type")) {
      bug.put("type", body.path("type").asText());
    }
    if (body.has("cc")) {
      bug.set("cc", body.get("cc"));
    }
    long id = bug.path("id").asLong();
    addComment(id, body.path("description").asText(""), false, "release-bot@example.com");
    if (createsThatLoseTheirAnswer > 0) {
      createsThatLoseTheirAnswer--;
      return ResponseDefinitionBuilder.responseDefinition().withStatus(502).withHeader("Content-Type", "text/html")
          .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>").build();
    }
    return ok(200, JSON.createObjectNode().put("id", id));
  }

  private ObjectNode newBug(String summary, String product, String component, String whiteboard, String creator) {
    ObjectNode bug = bugShape.deepCopy();
    long id = nextBug++;
    bug.put("id", id).put("summary", summary).put("product", product).put("component", component)
        .put("whiteboard", whiteboard).put("creator", creator);
    bugs.put(id, bug);
    comments.put(id, new ArrayList<>());
    return bug;
  }

  private synchronized ResponseDefinition update(long id, JsonNode body) {
    ObjectNode bug = bugs.get(id);
    if (bug == null) {
      return error(101, "Bug #" + id + " does not exist.");
    }
    ObjectNode changes = JSON.createObjectNode();
    if (body.has("whiteboard")) {
      changes.putObject("whiteboard").put("removed", bug.path("whiteboard").asText()).put("added", body.path("whiteboard").asText());
      bug.put("whiteboard", body.path("whiteboard").asText());
    }
    if (body.has("dupe_of")) {
      long of = body.path("dupe_of").asLong();
      if (!bugs.containsKey(of)) {
        return error(101, "Bug #" + of + " does not exist.");
      }
      changes.putObject("resolution").put("removed", bug.path("resolution").asText()).put("added", "DUPLICATE");
      changes.putObject("status").put("removed", bug.path("status").asText()).put("added", "RESOLVED");
      bug.put("status", "RESOLVED").put("resolution", "DUPLICATE").put("is_open", false).put("dupe_of", of);
    }
    JsonNode comment = body.path("comment");
    if (comment.isObject()) {
      addComment(id, comment.path("body").asText(comment.path("comment").asText("")), false, "release-bot@example.com");
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode updated = answer.putArray("bugs").addObject();
    updated.put("id", id).putArray("alias");
    updated.put("last_change_time", "2026-11-21T12:05:00Z");
    updated.set("changes", changes);
    return ok(200, answer);
  }

  private synchronized ResponseDefinition addComment(long bug, JsonNode body) {
    if (!bugs.containsKey(bug)) {
      return error(101, "Bug #" + bug + " does not exist.");
    }
    String text = body.path("comment").asText("");
    if (text.isBlank()) {
      return error(50, "The function Bug.add_comment requires a comment argument.");
    }
    if (body.path("is_markdown").asBoolean(false) && !markdown) {
      return error(140, "Markdown feature is not enabled.");
    }
    ObjectNode added = addComment(bug, text, body.path("is_markdown").asBoolean(false), "release-bot@example.com");
    return ok(201, JSON.createObjectNode().put("id", added.path("id").asLong()));
  }

  private ObjectNode addComment(long bug, String text, boolean isMarkdown, String creator) {
    List<ObjectNode> list = comments.get(bug);
    ObjectNode comment = commentShape.deepCopy();
    comment.put("id", nextComment++).put("bug_id", bug).put("count", list.size()).put("text", text)
        .put("raw_text", text).put("is_markdown", isMarkdown).put("creator", creator);
    list.add(comment);
    bugs.get(bug).put("comment_count", list.size());
    return comment;
  }

  private synchronized ResponseDefinition listComments(long bug) {
    if (!bugs.containsKey(bug)) {
      return error(101, "Bug #" + bug + " does not exist.");
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode list = answer.putObject("bugs").putObject(String.valueOf(bug)).putArray("comments");
    comments.get(bug).forEach(list::add);
    answer.putObject("comments");
    return ok(200, answer);
  }

  private synchronized ResponseDefinition tag(long commentId, JsonNode body) {
    if (!commentTags) {
      return error(125, "Comment tagging is disabled.");
    }
    for (List<ObjectNode> list : comments.values()) {
      for (ObjectNode comment : list) {
        if (comment.path("id").asLong() == commentId) {
          ArrayNode tags = (ArrayNode) comment.get("tags");
          body.path("add").forEach(t -> {
            if (!tags.toString().contains("\"" + t.asText() + "\"")) {
              tags.add(t.asText());
            }
          });
          return ok(200, tags.deepCopy());
        }
      }
    }
    return error(111, "Comment #" + commentId + " is invalid.");
  }

  private static ResponseDefinition ok(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
  }

  /** Bugzilla's error body, with the HTTP status its REST_STATUS_CODE_MAP gives the code. */
  static ResponseDefinition error(int code, String message) {
    int status = switch (code) {
      case 51, 101, 32614 -> 404;
      case 102, 106, 109, 110, 113, 115, 120, 300, 301, 302, 303, 304, 410, 504, 505 -> 401;
      default -> 400;
    };
    ObjectNode body = JSON.createObjectNode();
    body.put("error", true).put("code", code).put("message", message)
        .put("documentation", "https://bugzilla.readthedocs.org/en/5.0/api/");
    return ok(status, body);
  }

  public static String errorBody(int code, String message) {
    return JSON.createObjectNode().put("error", true).put("code", code).put("message", message)
        .put("documentation", "https://bugzilla.readthedocs.org/en/5.0/api/").toString();
  }
}
