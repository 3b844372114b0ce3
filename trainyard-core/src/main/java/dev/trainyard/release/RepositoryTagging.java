package dev.trainyard.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.GitHubRest;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.github.RestResponse;
import dev.trainyard.http.Idempotency;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.DateVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One date tag on several repositories (the add-ons push duty: server, frontend, ...), made through
 * the GitHub API on each repository's default branch head, without a clone: an annotated tag object,
 * then its ref. The {@code -N} re-tag rule applies per repository: a repository that already has the
 * day's tag gets {@code YYYY.MM.DD-1} when its head contains that tag, is already done when the tag
 * is on its head, and is refused otherwise.
 *
 * <p>All or nothing, as far as GitHub allows: every repository is planned (read-only) first, and a
 * refusal there tags none. Tagging then stops at the first repository GitHub refuses; the result
 * says which were tagged, which failed and which were not attempted, with the exact commands that
 * take the new tags back (a pushed tag may already have started a build, so trainyard does not delete
 * it behind the release owner's back).
 */
public final class RepositoryTagging {
  /** What happened to one repository. */
  public enum Status { PLANNED, TAGGED, ALREADY_TAGGED, FAILED, NOT_ATTEMPTED }

  /**
   * @param repository {@code owner/name}
   * @param branch its default branch
   * @param commit the head commit tagged (full hash), or null when planning failed
   * @param tag the tag for this repository ({@code 2026.11.26} or {@code 2026.11.26-1}), or null
   * @param previousTag the date tag before it, or null
   * @param compareUrl {@code previous...tag} on the GitHub server, or null without a previous tag
   * @param reason why it failed, or null
   */
  public record RepositoryResult(String repository, String branch, String commit, String tag, String previousTag,
      String compareUrl, Status status, String reason) {}

  /**
   * @param date the push date the tags name
   * @param repositories one result per repository, in the order asked
   * @param undo the commands that delete the tags this run made, when the run failed part-way
   * @param dryRun true when nothing was written
   */
  public record Result(LocalDate date, List<RepositoryResult> repositories, List<String> undo, boolean dryRun) {
    public Result {
      repositories = List.copyOf(repositories);
      undo = List.copyOf(undo);
    }

    /** True when every repository carries its tag now (or would, for a dry run). */
    public boolean complete() {
      return repositories.stream().allMatch(r -> r.status() == Status.TAGGED || r.status() == Status.ALREADY_TAGGED
          || r.status() == Status.PLANNED);
    }
  }

  private final GitHubRest rest;
  private final Reporter reporter;

  public RepositoryTagging(GitHubRest rest, Reporter reporter) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** Plans every repository, then (unless a dry run) tags them in order, stopping at the first refusal. */
  public Result tag(List<RepositorySlug> repositories, LocalDate date, boolean dryRun) {
    Map<RepositorySlug, Plan> plans = new LinkedHashMap<>();
    for (RepositorySlug repository : repositories) {
      plans.put(repository, plan(repository, date));
      reporter.info("planned " + repository + ": " + plans.get(repository).describe());
    }
    List<RepositoryResult> results = new ArrayList<>();
    List<String> undo = new ArrayList<>();
    boolean stopped = false;
    for (Map.Entry<RepositorySlug, Plan> entry : plans.entrySet()) {
      Plan plan = entry.getValue();
      if (plan.alreadyTagged() || dryRun) {
        results.add(plan.result(plan.alreadyTagged() ? Status.ALREADY_TAGGED : Status.PLANNED, null));
        continue;
      }
      if (stopped) {
        results.add(plan.result(Status.NOT_ATTEMPTED, "not attempted after the failure above"));
        continue;
      }
      try {
        Status status = create(entry.getKey(), plan, date);
        results.add(plan.result(status, null));
        if (status == Status.TAGGED) {
          undo.add("gh api -X DELETE repos/" + entry.getKey() + "/git/refs/tags/" + plan.tag());
          reporter.info("tagged " + entry.getKey() + " " + plan.tag() + " at " + plan.head().substring(0, 7));
        }
      } catch (TrainyardException e) {
        results.add(plan.result(Status.FAILED, e.getMessage()));
        stopped = true;
      }
    }
    return new Result(date, results, stopped ? undo : List.of(), dryRun);
  }

  private record Plan(String repository, String branch, String head, String tag, String previousTag, String compareUrl,
      boolean alreadyTagged) {
    RepositoryResult result(Status status, String reason) {
      return new RepositoryResult(repository, branch, head, tag, previousTag, compareUrl, status, reason);
    }

    String describe() {
      return alreadyTagged ? tag + " is already on " + branch + " (" + head.substring(0, 7) + ")"
          : tag + " on " + branch + " (" + head.substring(0, 7) + ")";
    }
  }

  private record DateTag(String name, DateVersion version, String object, String type) {}

  private Plan plan(RepositorySlug repository, LocalDate date) {
    String base = "/repos/" + repository.owner() + "/" + repository.name();
    JsonNode repo = ok(rest.get(base), repository, "read the repository");
    String branch = repo.path("default_branch").asText(null);
    if (branch == null) {
      throw TrainyardException.remote("GitHub did not say which branch is the default of " + repository,
          "check the repository exists and the token can read it", null);
    }
    String head = ok(rest.get(base + "/git/ref/heads/" + encode(branch)), repository, "read " + branch)
        .path("object").path("sha").asText();
    List<DateTag> dateTags = new ArrayList<>();
    for (JsonNode ref : rest.getAllPages(base + "/git/matching-refs/tags/", null)) {
      String name = ref.path("ref").asText("").replaceFirst("^refs/tags/", "");
      DateVersion.parse(name).ifPresent(version -> dateTags.add(new DateTag(name, version,
          ref.path("object").path("sha").asText(), ref.path("object").path("type").asText())));
    }
    dateTags.sort(Comparator.comparing(DateTag::version));
    List<DateTag> sameDay = dateTags.stream().filter(t -> t.version().date().equals(date)).toList();
    String tag;
    String previous;
    if (sameDay.isEmpty()) {
      tag = new DateVersion(date, 0).toString();
      previous = dateTags.stream().filter(t -> t.version().date().isBefore(date)).reduce((a, b) -> b)
          .map(DateTag::name).orElse(null);
    } else {
      DateTag latest = sameDay.get(sameDay.size() - 1);
      String tagged = commitOf(base, repository, latest.object(), latest.type());
      if (tagged.equals(head)) {
        return new Plan(repository.toString(), branch, head, latest.name(), previousOf(dateTags, latest),
            compare(repository, previousOf(dateTags, latest), latest.name()), true);
      }
      String status = ok(rest.get(base + "/compare/" + tagged + "..." + head), repository, "compare " + latest.name()
          + " with " + branch).path("status").asText();
      if (!status.equals("ahead")) {
        throw TrainyardException.repositoryState(repository + ": tag " + latest.name() + " exists and " + branch
                + " (" + head.substring(0, 7) + ") does not contain it (" + status + "); a re-tag is cut from the previous tag",
            "tag " + repository + " by hand from a branch holding " + latest.name() + " and the cherry-picks");
      }
      tag = new DateVersion(date, latest.version().retag() + 1).toString();
      previous = latest.name();
    }
    return new Plan(repository.toString(), branch, head, tag, previous, compare(repository, previous, tag), false);
  }

  private static String previousOf(List<DateTag> ascending, DateTag tag) {
    String previous = null;
    for (DateTag t : ascending) {
      if (t.version().compareTo(tag.version()) < 0) {
        previous = t.name();
      }
    }
    return previous;
  }

  private String compare(RepositorySlug repository, String previous, String tag) {
    return previous == null ? null
        : rest.endpoint().serverUrl() + "/" + repository + "/compare/" + previous + "..." + tag;
  }

  /** Creates the annotated tag object and its ref; a ref already there on the same commit is fine. */
  private Status create(RepositorySlug repository, Plan plan, LocalDate date) {
    String base = "/repos/" + repository.owner() + "/" + repository.name();
    Map<String, Object> tagObject = new LinkedHashMap<>();
    tagObject.put("tag", plan.tag());
    tagObject.put("message", "Release " + plan.tag() + "\n");
    tagObject.put("object", plan.head());
    tagObject.put("type", "commit");
    // Creating a tag object twice only leaves an unreferenced object: safe to repeat.
    JsonNode created = ok(rest.post(base + "/git/tags", tagObject, Idempotency.IDEMPOTENT), repository,
        "create the tag object " + plan.tag());
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("ref", "refs/tags/" + plan.tag());
    ref.put("sha", created.path("sha").asText());
    // A repeated ref creation answers 422 "Reference already exists", which is checked below.
    RestResponse answer = rest.post(base + "/git/refs", ref, Idempotency.IDEMPOTENT);
    if (answer.isSuccess()) {
      return Status.TAGGED;
    }
    if (answer.statusCode() == 422) {
      Optional<String> existing = existingTagCommit(base, repository, plan.tag());
      if (existing.isPresent() && existing.get().equals(plan.head())) {
        return Status.ALREADY_TAGGED;
      }
      throw TrainyardException.repositoryState(repository + ": GitHub refused tag " + plan.tag() + " (HTTP 422"
              + answer.message().map(m -> " " + m).orElse("") + "): it already exists"
              + existing.map(c -> " at " + c.substring(0, Math.min(7, c.length()))).orElse("") + ", not at "
              + plan.branch() + " (" + plan.head().substring(0, 7) + ")",
          "look at " + repository + "'s tag " + plan.tag() + "; the repositories after it were not tagged");
    }
    throw rest.failure(answer);
  }

  private Optional<String> existingTagCommit(String base, RepositorySlug repository, String tag) {
    RestResponse ref = rest.get(base + "/git/ref/tags/" + encode(tag));
    if (!ref.isSuccess()) {
      return Optional.empty();
    }
    JsonNode object = ref.json().path("object");
    return Optional.of(commitOf(base, repository, object.path("sha").asText(), object.path("type").asText()));
  }

  /** The commit an annotated (type tag) or lightweight (type commit) tag ref points at. */
  private String commitOf(String base, RepositorySlug repository, String sha, String type) {
    if (!"tag".equals(type)) {
      return sha;
    }
    return ok(rest.get(base + "/git/tags/" + sha), repository, "read tag object " + sha)
        .path("object").path("sha").asText();
  }

  private JsonNode ok(RestResponse response, RepositorySlug repository, String what) {
    if (!response.isSuccess()) {
      TrainyardException failure = rest.failure(response);
      throw new TrainyardException(failure.kind() == null ? FailureKind.REMOTE : failure.kind(),
          repository + ": cannot " + what + ": " + failure.getMessage(), failure.hint(), failure);
    }
    return response.json();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
  }
}
