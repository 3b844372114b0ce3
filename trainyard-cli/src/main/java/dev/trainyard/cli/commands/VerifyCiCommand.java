package dev.trainyard.cli.commands;

import dev.trainyard.TrainyardException;
import dev.trainyard.ci.CallingJob;
import dev.trainyard.ci.CiCheck;
import dev.trainyard.ci.CiPolicy;
import dev.trainyard.ci.CiRequest;
import dev.trainyard.ci.CiResult;
import dev.trainyard.ci.CiState;
import dev.trainyard.ci.CiVerifier;
import dev.trainyard.ci.DurationText;
import dev.trainyard.ci.RerunRequest;
import dev.trainyard.ci.VerifyCiConfig;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Is CI green for this exact commit? Check runs and commit statuses, all pages, optional wait. */
@Command(
    name = "verify-ci",
    description = {
        "Decide whether CI is green for a tag, branch or commit: every check run and commit status,",
        "all pages, the latest attempt per name, the calling job excluded; no checks is not green.",
        "Exit 0 only when CI is green; 1 when it is red, pending or timed out."})
public final class VerifyCiCommand extends BaseCommand {
  @Option(names = "--repo-slug", paramLabel = "OWNER/NAME",
      description = "Repository (default: github.repository in the config, then GITHUB_REPOSITORY).")
  String repository;

  @Option(names = "--ref", paramLabel = "REF", description = "Tag, branch or commit SHA (default: GITHUB_SHA).")
  String ref;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "GitHub token (default: GITHUB_TOKEN); masked in the log.")
  String token;

  @Option(names = "--wait", paramLabel = "DURATION",
      description = "Wait up to this long for unfinished checks, e.g. 30m (default: look once).")
  String waitFor;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "First pause between polls; grows while nothing changes (default: 30s).")
  String interval;

  @Option(names = "--require", paramLabel = "PATTERN", split = "\n",
      description = "A check name or glob that must pass; repeatable. When given, only matching checks count.")
  List<String> required;

  @Option(names = "--ignore", paramLabel = "PATTERN", split = "\n",
      description = "A check name or glob that never counts; repeatable.")
  List<String> ignored;

  @Option(names = "--passing-conclusions", paramLabel = "LIST", split = ",",
      description = "Check run conclusions that pass (default: success,skipped,neutral).")
  List<String> passingConclusions;

  @Option(names = "--discovery-grace", paramLabel = "DURATION",
      description = "While waiting, how long no checks at all may mean 'not created yet' (default: 2m).")
  String discoveryGrace;

  @Option(names = "--rerun-failed", paramLabel = "N",
      description = "Re-run failed GitHub Actions jobs up to N times before giving up (default: 0).")
  Integer rerunFailed;

  @Override
  protected int execute(CommandContext context) {
    VerifyCiConfig config = context.config().verifyCiOrDefaults();
    GitHubEndpoint endpoint = context.gitHub(repository, "--repo-slug", token);
    if (endpoint.repository() == null) {
      throw TrainyardException.invalidInput(
          "no repository to verify", "pass --repo-slug OWNER/NAME, or run in GitHub Actions where GITHUB_REPOSITORY is set");
    }
    if (!endpoint.hasToken()) {
      context.reporter().warn("no GitHub token: anonymous calls are limited to 60 an hour and cannot see private repositories");
    }
    CiPolicy policy = new CiPolicy(
        required != null ? required : config.required(),
        merge(config.ignore(), ignored),
        new LinkedHashSet<>(passingConclusions != null ? passingConclusions
            : config.passingConclusions() != null ? config.passingConclusions() : CiPolicy.DEFAULT_PASSING),
        discoveryGrace != null ? duration(discoveryGrace, "--discovery-grace") : config.discoveryGraceOrDefault());
    CiRequest request = new CiRequest(
        endpoint.repository(),
        ref != null ? ref : context.env("GITHUB_SHA"),
        waitFor != null ? duration(waitFor, "--wait") : config.maxWaitOrDefault(),
        interval != null ? duration(interval, "--interval") : config.intervalOrDefault(),
        rerunFailed != null ? rerunFailed : config.rerunFailedOrDefault(),
        policy,
        CallingJob.fromEnvironment(context.env()).orElse(null));

    GitHubClients clients = GitHubClients.create(endpoint, RetryPolicy.defaults(), context.reporter());
    // Waiting for CI is real waiting, so it runs on the wall clock whatever clock the CLI was given.
    CiResult result = new CiVerifier(clients.rest(), context.reporter(), Sleeper.SYSTEM, Clock.systemUTC())
        .verify(request);

    context.actions().output("state", result.state().wireName());
    context.actions().output("sha", result.sha());
    context.actions().summary(summaryMarkdown(result));
    if (context.json()) {
      context.printJson(json(result));
    } else {
      context.out().println(result.summaryLine());
      for (CiCheck check : result.checks()) {
        context.out().println("  " + textRow(check));
      }
    }
    if (!result.success()) {
      context.actions().error(result.summaryLine());
    }
    return result.state() == CiState.SUCCESS ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private static List<String> merge(List<String> fromConfig, List<String> fromFlags) {
    List<String> all = new ArrayList<>(fromConfig);
    if (fromFlags != null) {
      all.addAll(fromFlags);
    }
    return all;
  }

  private static Duration duration(String text, String flag) {
    try {
      return DurationText.parse(text, flag);
    } catch (IllegalArgumentException e) {
      throw TrainyardException.invalidInput(e.getMessage(), null);
    }
  }

  static Map<String, Object> json(CiResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", result.state().wireName());
    json.put("repository", result.repository().toString());
    json.put("ref", result.ref());
    json.put("sha", result.sha());
    json.put("reasons", result.reasons());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (CiCheck check : result.checks()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", check.name());
      row.put("kind", check.kind().wireName());
      row.put("state", check.status());
      row.put("conclusion", check.conclusion());
      row.put("outcome", check.outcome().wireName());
      row.put("url", check.url());
      row.put("startedAt", check.startedAt() == null ? null : check.startedAt().toString());
      row.put("completedAt", check.completedAt() == null ? null : check.completedAt().toString());
      row.put("durationSeconds", check.duration() == null ? null : check.duration().toSeconds());
      row.put("app", check.app());
      row.put("id", check.id());
      checks.add(row);
    }
    json.put("checks", checks);
    List<Map<String, Object>> reruns = new ArrayList<>();
    for (RerunRequest rerun : result.reruns()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("workflowRunId", rerun.workflowRunId());
      row.put("failedAttempt", rerun.attempt());
      row.put("checks", rerun.checks());
      reruns.add(row);
    }
    json.put("reruns", reruns);
    json.put("polls", result.polls());
    json.put("requests", result.requests());
    json.put("rateLimitedRequests", result.rateLimitedRequests());
    json.put("elapsedSeconds", result.elapsed().toSeconds());
    return json;
  }

  static String summaryMarkdown(CiResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### CI for `").append(result.ref()).append("` (`").append(result.shortSha()).append("`): ")
        .append(icon(result.state())).append(' ').append(result.state().wireName()).append("\n\n");
    for (String reason : result.reasons()) {
      md.append("- ").append(escape(reason)).append('\n');
    }
    for (RerunRequest rerun : result.reruns()) {
      md.append("- re-ran failed jobs of workflow run ").append(rerun.workflowRunId())
          .append(" (attempt ").append(rerun.attempt() + 1).append("): ")
          .append(escape(String.join(", ", rerun.checks()))).append('\n');
    }
    if (!result.reasons().isEmpty() || !result.reruns().isEmpty()) {
      md.append('\n');
    }
    if (result.checks().isEmpty()) {
      md.append("No check runs or commit statuses were reported for this commit.\n");
      return md.toString();
    }
    md.append("| Check | Kind | Conclusion | Counts as | Duration | Link |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (CiCheck check : result.checks()) {
      md.append("| ").append(escape(check.name()))
          .append(" | ").append(check.kind().wireName())
          .append(" | ").append(escape(check.stateLabel()))
          .append(" | ").append(check.outcome().wireName().replace('_', ' '))
          .append(" | ").append(check.duration() == null || check.duration().isZero() ? "" : human(check.duration()))
          .append(" | ").append(check.url() == null ? "" : "[details](" + check.url() + ")")
          .append(" |\n");
    }
    md.append("\n").append(result.polls()).append(" poll").append(result.polls() == 1 ? "" : "s").append(", ")
        .append(result.requests()).append(" requests, ").append(result.rateLimitedRequests())
        .append(" counted against the rate limit.\n");
    return md.toString();
  }

  private static String textRow(CiCheck check) {
    String mark = switch (check.outcome()) {
      case PASSED -> "ok     ";
      case FAILED -> "FAILED ";
      case PENDING, RERUN_REQUESTED -> "pending";
      default -> "-      ";
    };
    String extra = check.outcome().counts() ? "" : " (" + check.outcome().wireName().replace('_', ' ') + ")";
    return mark + " " + check.name() + " [" + check.kind().wireName() + ": " + check.stateLabel() + "]" + extra;
  }

  private static String icon(CiState state) {
    return switch (state) {
      case SUCCESS -> "✅";
      case FAILURE -> "❌";
      case PENDING -> "⏳";
      case TIMEOUT -> "⌛";
    };
  }

  private static String human(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + "s" : seconds / 60 + "m " + seconds % 60 + "s";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
