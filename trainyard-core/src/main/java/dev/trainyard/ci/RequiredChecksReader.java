package dev.trainyard.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import dev.trainyard.report.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the required status checks that apply to a branch from both places GitHub keeps them:
 *
 * <ul>
 *   <li>rulesets (repository and organisation), through {@code GET /repos/{o}/{r}/rules/branches/{b}},
 *       which any token that can see the repository may read (metadata: read);
 *   <li>classic branch protection: the summary in {@code GET /repos/{o}/{r}/branches/{b}}
 *       ({@code protection.required_status_checks}), else
 *       {@code GET .../branches/{b}/protection/required_status_checks}, which needs admin rights
 *       (Administration: read); "Branch not protected" and "Required status checks not enabled"
 *       (404) are read answers: nothing is required there.
 * </ul>
 *
 * A 403 or another 404 makes that source unreadable, which the result says; other failures are
 * errors. Every call goes through the shared retrying client.
 */
final class RequiredChecksReader {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");

  private final GitHubRest rest;
  private final Reporter reporter;
  private int requests;

  RequiredChecksReader(GitHubRest rest, Reporter reporter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** HTTP requests made, retries included (none is conditional, so all count against the rate limit). */
  int requests() {
    return requests;
  }

  private RestResponse get(String pathOrUrl) {
    RestResponse response = rest.get(pathOrUrl);
    requests += response.raw().attempts();
    return response;
  }

  /**
   * The required checks of {@code candidate} when it names a branch, else (a tag, a SHA, null) of the
   * repository's default branch.
   */
  RequiredChecks read(RepositorySlug repository, String candidate) {
    String branch = null;
    JsonNode branchJson = null;
    if (candidate != null && !FULL_SHA.matcher(candidate).matches()) {
      RestResponse response = get(repository.apiPath() + "/branches/" + GitHubCheckClient.encodeRef(candidate));
      if (response.isSuccess()) {
        branch = candidate;
        branchJson = response.json();
      } else if (response.statusCode() != 404) {
        throw rest.failure(response);
      }
    }
    if (branch == null) {
      RestResponse repo = get(repository.apiPath());
      if (!repo.isSuccess()) {
        throw rest.failure(repo);
      }
      branch = repo.json().path("default_branch").asText("main");
      RestResponse response = get(repository.apiPath() + "/branches/" + GitHubCheckClient.encodeRef(branch));
      if (!response.isSuccess()) {
        throw rest.failure(response);
      }
      branchJson = response.json();
      reporter.info("required checks: " + (candidate == null ? "the verified commit" : candidate)
          + " is not a branch; using the rules of the default branch " + branch);
    }
    List<RequiredCheck> checks = new ArrayList<>();
    List<RequiredChecks.Source> sources = new ArrayList<>();
    sources.add(rulesets(repository, branch, checks));
    sources.add(branchProtection(repository, branch, branchJson, checks));
    RequiredChecks required = new RequiredChecks(branch, checks, sources);
    report(repository, required);
    return required;
  }

  private RequiredChecks.Source rulesets(RepositorySlug repository, String branch, List<RequiredCheck> into) {
    String path = repository.apiPath() + "/rules/branches/" + GitHubCheckClient.encodeRef(branch);
    String via = "GET " + path;
    int count = 0;
    String next = path + "?per_page=100";
    while (next != null) {
      RestResponse page = get(next);
      if (page.statusCode() == 403 || page.statusCode() == 404) {
        return new RequiredChecks.Source(RequiredChecks.RULESETS, false, page.statusCode(), via, 0);
      }
      if (!page.isSuccess()) {
        throw rest.failure(page);
      }
      for (JsonNode rule : page.json()) {
        if (!"required_status_checks".equals(rule.path("type").asText())) {
          continue;
        }
        for (JsonNode check : rule.path("parameters").path("required_status_checks")) {
          String context = check.path("context").asText("");
          if (!context.isEmpty()) {
            JsonNode app = check.path("integration_id");
            into.add(new RequiredCheck(context, app.isIntegralNumber() ? app.asLong() : null, RequiredChecks.RULESETS));
            count++;
          }
        }
      }
      next = page.nextPage();
    }
    return new RequiredChecks.Source(RequiredChecks.RULESETS, true, 200, via, count);
  }

  private RequiredChecks.Source branchProtection(RepositorySlug repository, String branch, JsonNode branchJson,
      List<RequiredCheck> into) {
    JsonNode summary = branchJson.path("protection");
    if (summary.isObject()) {
      int count = 0;
      JsonNode required = summary.path("required_status_checks");
      boolean enforced = summary.path("enabled").asBoolean(false)
          && !"off".equals(required.path("enforcement_level").asText("off"));
      if (enforced) {
        count = addProtectionChecks(required, into);
      }
      return new RequiredChecks.Source(RequiredChecks.BRANCH_PROTECTION, true, 200,
          "GET " + repository.apiPath() + "/branches/" + branch + " (protection)", count);
    }
    String path = repository.apiPath() + "/branches/" + GitHubCheckClient.encodeRef(branch)
        + "/protection/required_status_checks";
    RestResponse response = get(path);
    if (response.isSuccess()) {
      return new RequiredChecks.Source(RequiredChecks.BRANCH_PROTECTION, true, 200, "GET " + path,
          addProtectionChecks(response.json(), into));
    }
    String message = response.message().orElse("");
    if (response.statusCode() == 404
        && (message.equals("Branch not protected") || message.equals("Required status checks not enabled"))) {
      return new RequiredChecks.Source(RequiredChecks.BRANCH_PROTECTION, true, 404, "GET " + path, 0);
    }
    if (response.statusCode() == 403 || response.statusCode() == 404) {
      return new RequiredChecks.Source(RequiredChecks.BRANCH_PROTECTION, false, response.statusCode(), "GET " + path, 0);
    }
    throw rest.failure(response);
  }

  /** {@code checks} ({@code context} + {@code app_id}) when present, else the older {@code contexts} list. */
  private static int addProtectionChecks(JsonNode required, List<RequiredCheck> into) {
    int count = 0;
    if (required.path("checks").isArray() && !required.path("checks").isEmpty()) {
      for (JsonNode check : required.path("checks")) {
        String context = check.path("context").asText("");
        if (!context.isEmpty()) {
          JsonNode app = check.path("app_id");
          into.add(new RequiredCheck(context, app.isIntegralNumber() ? app.asLong() : null,
              RequiredChecks.BRANCH_PROTECTION));
          count++;
        }
      }
      return count;
    }
    for (JsonNode context : required.path("contexts")) {
      if (!context.asText("").isEmpty()) {
        into.add(new RequiredCheck(context.asText(), null, RequiredChecks.BRANCH_PROTECTION));
        count++;
      }
    }
    return count;
  }

  private void report(RepositorySlug repository, RequiredChecks required) {
    List<String> unreadable = required.sources().stream().filter(s -> !s.readable())
        .map(s -> s.name() + " (HTTP " + s.httpStatus() + ")").toList();
    if (required.unknown()) {
      reporter.warn("the required checks of " + repository + " " + required.branch() + " are unknown: this token may"
          + " read neither " + String.join(" nor ", unreadable) + "; only the checks that report count, so a required"
          + " check that has not started cannot hold the verdict (grant the token read access to the repository, or"
          + " list the checks with --require)");
      return;
    }
    reporter.info("required checks of " + required.branch() + " from " + required.readFrom() + ": "
        + (required.names().isEmpty() ? "none" : String.join(", ", required.names())));
    if (!unreadable.isEmpty()) {
      reporter.warn("not readable with this token: " + String.join(", ", unreadable) + " of " + repository + " "
          + required.branch() + "; a check only that requires is not waited for (branch protection needs"
          + " Administration: read, or list the checks with --require)");
    }
  }
}
