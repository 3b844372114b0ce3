package dev.trainyard.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Response bodies shaped like GitHub's REST answers (the fields and nesting of the real objects, as
 * in the recorded fixtures: html_url beside url, users and repositories as nested objects, nulls
 * where GitHub sends null), for WireMock stubs in core and CLI tests. Only the values vary.
 */
public final class GitHubBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GitHubBodies() {}

  /** GET /repos/{owner}/{repo}. */
  public static String repository(String owner, String name, String defaultBranch) {
    ObjectNode repo = repositoryNode(owner, name);
    repo.put("default_branch", defaultBranch);
    repo.put("visibility", "public");
    repo.put("open_issues_count", 3);
    repo.putObject("permissions").put("admin", false).put("maintain", false).put("push", true).put("triage", true)
        .put("pull", true);
    return repo.toString();
  }

  /** A pull request as GET /repos/{o}/{r}/pulls lists it (POST answers the same object with {@code merged}). */
  public static ObjectNode pullRequest(String owner, String name, long number, String state, String head,
      String headSha, String base, String body, String mergedAt) {
    String api = "https://api.github.com/repos/" + owner + "/" + name;
    ObjectNode pr = JSON.createObjectNode();
    pr.put("url", api + "/pulls/" + number);
    pr.put("id", 1_900_000_000L + number);
    pr.put("node_id", "PR_kwDOAbc" + number);
    pr.put("html_url", "https://github.com/" + owner + "/" + name + "/pull/" + number);
    pr.put("diff_url", "https://github.com/" + owner + "/" + name + "/pull/" + number + ".diff");
    pr.put("issue_url", api + "/issues/" + number);
    pr.put("number", number);
    pr.put("state", state);
    pr.put("locked", false);
    pr.put("title", "Merge " + head + " into " + base);
    pr.set("user", user("release-bot[bot]", 149_000_001L, "Bot"));
    if (body == null) {
      pr.putNull("body");
    } else {
      pr.put("body", body);
    }
    pr.put("created_at", "2026-11-21T12:00:00Z");
    pr.put("updated_at", "2026-11-21T12:00:00Z");
    if ("closed".equals(state)) {
      pr.put("closed_at", mergedAt == null ? "2026-11-22T09:00:00Z" : mergedAt);
    } else {
      pr.putNull("closed_at");
    }
    if (mergedAt == null) {
      pr.putNull("merged_at");
    } else {
      pr.put("merged_at", mergedAt);
    }
    pr.put("merge_commit_sha", "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432");
    pr.putNull("assignee");
    pr.putArray("labels");
    pr.put("draft", false);
    pr.set("head", branchRef(owner, name, head, headSha));
    pr.set("base", branchRef(owner, name, base, "0123456789abcdef0123456789abcdef01234567"));
    pr.put("author_association", "NONE");
    pr.putNull("auto_merge");
    return pr;
  }

  /** A release as GET /repos/{o}/{r}/releases lists it. */
  public static ObjectNode release(String owner, String name, long id, String tag, String releaseName, boolean draft) {
    String api = "https://api.github.com/repos/" + owner + "/" + name;
    ObjectNode release = JSON.createObjectNode();
    release.put("url", api + "/releases/" + id);
    release.put("assets_url", api + "/releases/" + id + "/assets");
    release.put("upload_url", "https://uploads.github.com/repos/" + owner + "/" + name + "/releases/" + id
        + "/assets{?name,label}");
    // A draft's page has no tag URL yet; GitHub names it untagged-<hash> until it is published.
    release.put("html_url", "https://github.com/" + owner + "/" + name + "/releases/tag/"
        + (draft ? "untagged-5f0c2b7e9a1d3c4b8e6f" : tag));
    release.put("id", id);
    release.set("author", user("release-bot[bot]", 149_000_001L, "Bot"));
    release.put("node_id", "RE_kwDOAbc" + id);
    release.put("tag_name", tag);
    release.put("target_commitish", "main");
    release.put("name", releaseName);
    release.put("draft", draft);
    release.put("prerelease", false);
    release.put("created_at", "2026-11-21T12:00:00Z");
    if (draft) {
      release.putNull("published_at");
    } else {
      release.put("published_at", "2026-11-22T09:30:00Z");
    }
    release.putArray("assets");
    release.put("tarball_url", api + "/tarball/" + tag);
    release.put("zipball_url", api + "/zipball/" + tag);
    release.put("body", "## " + tag + "\n\n#### Bug Fixes\n\n*   fix a thing");
    return release;
  }

  /** An array of objects, as list endpoints answer. */
  public static String array(ObjectNode... items) {
    ArrayNode array = JSON.createArrayNode();
    for (ObjectNode item : items) {
      array.add(item);
    }
    return array.toString();
  }

  /** A 422 "Validation Failed" answer with one custom error message, as POST /pulls sends them. */
  public static String validationFailed(String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("message", "Validation Failed");
    ObjectNode error = body.putArray("errors").addObject();
    error.put("resource", "PullRequest");
    error.put("code", "custom");
    error.put("message", message);
    body.put("documentation_url", "https://docs.github.com/rest/pulls/pulls#create-a-pull-request");
    body.put("status", "422");
    return body.toString();
  }

  /** An error answer ({@code message}, {@code documentation_url}, {@code status}). */
  public static String error(int status, String message, String documentation) {
    ObjectNode body = JSON.createObjectNode();
    body.put("message", message);
    body.put("documentation_url", "https://docs.github.com/rest/" + documentation);
    body.put("status", String.valueOf(status));
    return body.toString();
  }

  /**
   * GET /repos/{o}/{r}/rules/branches/{branch}: one required_status_checks rule with {@code contexts}
   * (an integration id after a colon, {@code build:15368}), and a pull_request rule beside it.
   */
  public static String branchRules(String owner, String name, List<String> contexts) {
    ArrayNode rules = JSON.createArrayNode();
    ObjectNode deletion = rules.addObject();
    deletion.put("type", "deletion");
    source(deletion, owner, name, 4_211_001L);
    ObjectNode checks = rules.addObject();
    checks.put("type", "required_status_checks");
    source(checks, owner, name, 4_211_002L);
    ObjectNode parameters = checks.putObject("parameters");
    parameters.put("strict_required_status_checks_policy", false);
    parameters.put("do_not_enforce_on_create", false);
    ArrayNode required = parameters.putArray("required_status_checks");
    for (String context : contexts) {
      ObjectNode check = required.addObject();
      int colon = context.lastIndexOf(':');
      if (colon > 0 && context.substring(colon + 1).matches("\\d+")) {
        check.put("context", context.substring(0, colon));
        check.put("integration_id", Long.parseLong(context.substring(colon + 1)));
      } else {
        check.put("context", context);
      }
    }
    ObjectNode pullRequest = rules.addObject();
    pullRequest.put("type", "pull_request");
    source(pullRequest, owner, name, 4_211_002L);
    pullRequest.putObject("parameters").put("required_approving_review_count", 1)
        .put("dismiss_stale_reviews_on_push", false).put("require_code_owner_review", false)
        .put("require_last_push_approval", false).put("required_review_thread_resolution", false);
    return rules.toString();
  }

  /** GET /repos/{o}/{r}/branches/{branch}/protection/required_status_checks. */
  public static String protectionChecks(String owner, String name, String branch, List<String> contexts) {
    String api = "https://api.github.com/repos/" + owner + "/" + name + "/branches/" + branch
        + "/protection/required_status_checks";
    ObjectNode body = JSON.createObjectNode();
    body.put("url", api);
    body.put("strict", true);
    ArrayNode names = body.putArray("contexts");
    contexts.forEach(names::add);
    body.put("contexts_url", api + "/contexts");
    ArrayNode checks = body.putArray("checks");
    for (String context : contexts) {
      checks.addObject().put("context", context).putNull("app_id");
    }
    return body.toString();
  }

  /**
   * GET /repos/{o}/{r}/branches/{branch} as the branch fixtures show it; {@code protection} carries
   * the classic protection's required checks, or is left out ({@code withProtection} false) as for
   * a caller GitHub does not show it to.
   */
  public static String branch(String owner, String name, String branch, String sha, List<String> contexts,
      boolean withProtection) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", branch);
    ObjectNode commit = body.putObject("commit");
    commit.put("sha", sha);
    commit.put("url", "https://api.github.com/repos/" + owner + "/" + name + "/commits/" + sha);
    body.put("protected", !contexts.isEmpty());
    if (withProtection) {
      ObjectNode protection = body.putObject("protection");
      protection.put("enabled", !contexts.isEmpty());
      ObjectNode checks = protection.putObject("required_status_checks");
      checks.put("enforcement_level", contexts.isEmpty() ? "off" : "non_admins");
      ArrayNode names = checks.putArray("contexts");
      contexts.forEach(names::add);
      ArrayNode list = checks.putArray("checks");
      for (String context : contexts) {
        list.addObject().put("context", context).putNull("app_id");
      }
    }
    body.put("protection_url", "https://api.github.com/repos/" + owner + "/" + name + "/branches/" + branch
        + "/protection");
    return body.toString();
  }

  /** GET /repos/{o}/{r}/git/ref/tags/{tag} of an annotated tag. */
  public static String tagRef(String owner, String name, String tag, String tagObjectSha) {
    String api = "https://api.github.com/repos/" + owner + "/" + name;
    ObjectNode ref = JSON.createObjectNode();
    ref.put("ref", "refs/tags/" + tag);
    ref.put("node_id", "REF_kwDOAbc" + tag.replaceAll("[^A-Za-z0-9]", ""));
    ref.put("url", api + "/git/refs/tags/" + tag);
    ObjectNode object = ref.putObject("object");
    object.put("sha", tagObjectSha);
    object.put("type", "tag");
    object.put("url", api + "/git/tags/" + tagObjectSha);
    return ref.toString();
  }

  /** GET /repos/{o}/{r}/compare/{base}...{head} (commits and files left empty). */
  public static String compare(String owner, String name, String base, String head, String status, int aheadBy,
      int behindBy) {
    String api = "https://api.github.com/repos/" + owner + "/" + name;
    ObjectNode body = JSON.createObjectNode();
    body.put("url", api + "/compare/" + base + "..." + head);
    body.put("html_url", "https://github.com/" + owner + "/" + name + "/compare/" + base + "..." + head);
    body.put("permalink_url", "https://github.com/" + owner + "/" + name + "/compare/" + owner + ":" + base.substring(0, 7)
        + "..." + owner + ":" + head.substring(0, 7));
    body.put("diff_url", "https://github.com/" + owner + "/" + name + "/compare/" + base + "..." + head + ".diff");
    body.put("patch_url", "https://github.com/" + owner + "/" + name + "/compare/" + base + "..." + head + ".patch");
    body.putObject("base_commit").put("sha", base).put("url", api + "/commits/" + base);
    body.putObject("merge_base_commit").put("sha", behindBy == 0 ? base : "1111111111111111111111111111111111111111")
        .put("url", api + "/commits/" + base);
    body.put("status", status);
    body.put("ahead_by", aheadBy);
    body.put("behind_by", behindBy);
    body.put("total_commits", aheadBy);
    body.putArray("commits");
    body.putArray("files");
    return body.toString();
  }

  private static void source(ObjectNode rule, String owner, String name, long rulesetId) {
    rule.put("ruleset_source_type", "Repository");
    rule.put("ruleset_source", owner + "/" + name);
    rule.put("ruleset_id", rulesetId);
  }

  private static ObjectNode repositoryNode(String owner, String name) {
    ObjectNode repo = JSON.createObjectNode();
    repo.put("id", 1_296_269L);
    repo.put("node_id", "MDEwOlJlcG9zaXRvcnkxMjk2MjY5");
    repo.put("name", name);
    repo.put("full_name", owner + "/" + name);
    repo.put("private", false);
    repo.set("owner", user(owner, 1L, "Organization"));
    repo.put("html_url", "https://github.com/" + owner + "/" + name);
    repo.put("url", "https://api.github.com/repos/" + owner + "/" + name);
    return repo;
  }

  private static ObjectNode branchRef(String owner, String name, String branch, String sha) {
    ObjectNode ref = JSON.createObjectNode();
    ref.put("label", owner + ":" + branch);
    ref.put("ref", branch);
    ref.put("sha", sha);
    ref.set("user", user(owner, 1L, "Organization"));
    ref.set("repo", repositoryNode(owner, name));
    return ref;
  }

  private static ObjectNode user(String login, long id, String type) {
    ObjectNode user = JSON.createObjectNode();
    user.put("login", login);
    user.put("id", id);
    user.put("node_id", "MDQ6VXNlcj" + id);
    user.put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4");
    user.put("url", "https://api.github.com/users/" + login);
    user.put("html_url", "https://github.com/" + login);
    user.put("type", type);
    user.put("site_admin", false);
    return user;
  }
}
