package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * GitHub's git-data API (repository, branch ref, matching tag refs, tag objects, ref creation) as
 * WireMock stubs for {@code cut --scheme date --repos}, with bodies shaped like GitHub's. Shared by
 * the core test of the tagging and the CLI test of its output.
 */
public final class RepositoryTaggingStubs {
  private final WireMockExtension github;

  public RepositoryTaggingStubs(WireMockExtension github) {
    this.github = github;
  }

  public static final String SERVER_HEAD = "5ea1f2b3c4d5e6f708192a3b4c5d6e7f80910a1b";
  public static final String FRONTEND_HEAD = "f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d";
  public static final String ELSEWHERE = "0badc0de0badc0de0badc0de0badc0de0badc0de";
  public static final String LINTER_HEAD = "11a2b3c4d5e6f7081920a1b2c3d4e5f607182930";
  public static final String LINTER_TAGGED = "22b3c4d5e6f708192a0b1c2d3e4f5a6b7c8d9e0f";

  public static String repo(String name, String branch) {
    return "{\"id\":1,\"node_id\":\"R_1\",\"name\":\"" + name + "\",\"full_name\":\"o/" + name + "\",\"private\":false,"
        + "\"owner\":{\"login\":\"o\",\"id\":2,\"type\":\"Organization\"},\"html_url\":\"https://github.com/o/" + name
        + "\",\"default_branch\":\"" + branch + "\",\"permissions\":{\"admin\":false,\"push\":true,\"pull\":true}}";
  }

  public static String ref(String name, String ref, String sha, String type) {
    return "{\"ref\":\"" + ref + "\",\"node_id\":\"REF_" + sha.substring(0, 6) + "\",\"url\":\"https://api.github.com/repos/o/"
        + name + "/git/" + ref + "\",\"object\":{\"sha\":\"" + sha + "\",\"type\":\"" + type
        + "\",\"url\":\"https://api.github.com/repos/o/" + name + "/git/" + type + "s/" + sha + "\"}}";
  }

  public static String tagObject(String name, String tag, String sha, String commit) {
    return "{\"node_id\":\"TAG_" + sha.substring(0, 6) + "\",\"tag\":\"" + tag + "\",\"sha\":\"" + sha + "\","
        + "\"url\":\"https://api.github.com/repos/o/" + name + "/git/tags/" + sha + "\",\"message\":\"Release " + tag + "\\n\","
        + "\"tagger\":{\"name\":\"push hero\",\"email\":\"hero@example.com\",\"date\":\"2026-11-26T08:00:00Z\"},"
        + "\"object\":{\"type\":\"commit\",\"sha\":\"" + commit + "\",\"url\":\"https://api.github.com/repos/o/" + name
        + "/git/commits/" + commit + "\"},\"verification\":{\"verified\":false,\"reason\":\"unsigned\",\"signature\":null,"
        + "\"payload\":null}}";
  }

  public void repository(String name, String branch, String head, String tagsJson) {
    github.stubFor(get(urlPathEqualTo("/repos/o/" + name)).willReturn(okJson(repo(name, branch))));
    github.stubFor(get(urlPathEqualTo("/repos/o/" + name + "/git/ref/heads/" + branch))
        .willReturn(okJson(ref(name, "refs/heads/" + branch, head, "commit"))));
    github.stubFor(get(urlPathEqualTo("/repos/o/" + name + "/git/matching-refs/tags/")).willReturn(okJson(tagsJson)));
  }

  public void tagCreation(String name, String tag, String head, String tagSha) {
    github.stubFor(post(urlPathEqualTo("/repos/o/" + name + "/git/tags"))
        .withRequestBody(equalToJson("{\"tag\":\"" + tag + "\",\"message\":\"Release " + tag + "\\n\",\"object\":\"" + head
            + "\",\"type\":\"commit\"}"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody(tagObject(name, tag, tagSha, head))));
  }

  /** server: a plain date tag; frontend: GitHub refuses (422, someone tagged another commit); linter: a -1 re-tag. */
  public void threeRepositories() {
    repository("server", "master", SERVER_HEAD, "[" + ref("server", "refs/tags/2026.11.19", "a".repeat(40), "commit")
        + "," + ref("server", "refs/tags/v3-old", "b".repeat(40), "commit") + "]");
    tagCreation("server", "2026.11.26", SERVER_HEAD, "c".repeat(40));
    github.stubFor(post(urlPathEqualTo("/repos/o/server/git/refs")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(ref("server", "refs/tags/2026.11.26", "c".repeat(40), "tag"))));

    repository("frontend", "master", FRONTEND_HEAD, "[" + ref("frontend", "refs/tags/2026.11.19", "d".repeat(40), "commit") + "]");
    tagCreation("frontend", "2026.11.26", FRONTEND_HEAD, "e".repeat(40));
    github.stubFor(post(urlPathEqualTo("/repos/o/frontend/git/refs")).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Reference already exists\",\"documentation_url\":"
            + "\"https://docs.github.com/rest/git/refs#create-a-reference\",\"status\":\"422\"}")));
    github.stubFor(get(urlPathEqualTo("/repos/o/frontend/git/ref/tags/2026.11.26"))
        .willReturn(okJson(ref("frontend", "refs/tags/2026.11.26", ELSEWHERE, "commit"))));

    repository("linter", "main", LINTER_HEAD, "[" + ref("linter", "refs/tags/2026.11.26", "9".repeat(40), "tag") + "]");
    github.stubFor(get(urlPathEqualTo("/repos/o/linter/git/tags/" + "9".repeat(40)))
        .willReturn(okJson(tagObject("linter", "2026.11.26", "9".repeat(40), LINTER_TAGGED))));
    github.stubFor(get(urlPathEqualTo("/repos/o/linter/compare/" + LINTER_TAGGED + "..." + LINTER_HEAD))
        .willReturn(okJson("{\"status\":\"ahead\",\"ahead_by\":2,\"behind_by\":0,\"total_commits\":2,\"commits\":[],\"files\":[]}")));
    tagCreation("linter", "2026.11.26-1", LINTER_HEAD, "f".repeat(40));
    github.stubFor(post(urlPathEqualTo("/repos/o/linter/git/refs")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(ref("linter", "refs/tags/2026.11.26-1", "f".repeat(40), "tag"))));
  }
}
