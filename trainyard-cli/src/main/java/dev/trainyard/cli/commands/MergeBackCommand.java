package dev.trainyard.cli.commands;

import dev.trainyard.TrainyardException;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.mergeback.ForkSyncRequest;
import dev.trainyard.mergeback.ForkSyncResult;
import dev.trainyard.mergeback.GitHubPullRequests;
import dev.trainyard.mergeback.MergeBackAnalyzer;
import dev.trainyard.mergeback.MergeBackConfig;
import dev.trainyard.mergeback.MergeBackFlags;
import dev.trainyard.mergeback.MergeBackMarkdown;
import dev.trainyard.mergeback.MergeBackReport;
import dev.trainyard.mergeback.MergeBackRequest;
import dev.trainyard.mergeback.RefResult;
import dev.trainyard.mergeback.RefStatus;
import dev.trainyard.mergeback.TrackingIssue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Which release branches and tags are not merged back into main, and for how long. */
@Command(name = "merge-back", description = {
    "Report release branches and tags whose work has not reached main: merged by ancestry,",
    "by cherry-picks (patch ids) or as a squash; partial; or unmerged, since when and by whom.",
    "Exit 1 when something is stale (or the fork is out of sync)."})
public final class MergeBackCommand extends BaseCommand {
  @Option(names = "--main", paramLabel = "BRANCH", description = "Branch to merge into (default: main, master, origin/HEAD).")
  String main;

  @Option(names = "--branches", paramLabel = "GLOB", split = ",",
      description = "Release branch pattern, repeatable (default: train-*, release/*, release-*).")
  List<String> branches;

  @Option(names = "--tags", paramLabel = "GLOB", split = ",",
      description = "Release tag pattern, repeatable (default: v[0-9]*, [0-9]*).")
  List<String> tags;

  @Option(names = "--exclude", paramLabel = "GLOB", split = ",", description = "Ref names never checked, repeatable.")
  List<String> exclude;

  @Option(names = "--all", description = "Check every matching ref, ignoring the horizon.")
  boolean all;

  @Option(names = "--horizon-days", paramLabel = "N", description = "Check refs dated within N days (default 180).")
  Integer horizonDays;

  @Option(names = "--horizon-refs", paramLabel = "N",
      description = "Always check the newest N branches and N tags (default 10).")
  Integer horizonRefs;

  @Option(names = "--stale-after", paramLabel = "DURATION", description = "Stale when unmerged longer than this: 7d, 36h, P7D (default 7d).")
  String staleAfter;

  @Option(names = "--remote", paramLabel = "NAME", description = "Remote whose branches count too (default origin).")
  String remote;

  @Option(names = "--fork-sync", paramLabel = "REMOTE[/BRANCH]", description = "Also compare this remote's main with ours.")
  String forkSync;

  @Option(names = "--fetch", description = "Fetch the --fork-sync remote first.")
  boolean fetch;

  @Option(names = "--tracking-issue", description = "Open, update or close one GitHub issue for stale refs (needs a token).")
  boolean trackingIssue;

  @Option(names = "--label", paramLabel = "LABEL", description = "Label of the tracking issue (default merge-back).")
  String label;

  @Option(names = "--offline", description = "Never call GitHub, even with a token: the git answer only.")
  boolean offline;

  @Option(names = "--token", paramLabel = "TOKEN", description = "GitHub token (default: GITHUB_TOKEN).")
  String token;

  @Override
  protected int execute(CommandContext ctx) {
    Path repository = ctx.workingDirectory();
    MergeBackConfig config = ctx.config(repository).mergeBackOrDefaults();
    MergeBackFlags flags = new MergeBackFlags(main, branches, tags, exclude, all, horizonDays, horizonRefs,
        staleAfter, remote, forkSync, trackingIssue, label);
    MergeBackRequest request = MergeBackRequest.resolve(config, flags, repository, Instant.now(ctx.clock()));

    boolean wantIssue = flags.trackingIssue(config);
    GitHubEndpoint endpoint = ctx.gitHub(null, "github.repository", token);
    GitHubClients github = null;
    RepositorySlug slug = null;
    if (!offline && endpoint.hasToken()) {
      slug = endpoint.repository();
      if (slug != null) {
        github = GitHubClients.create(endpoint, RetryPolicy.defaults(), ctx.reporter());
      }
    }
    if (wantIssue && (github == null)) {
      throw TrainyardException.invalidInput(
          "--tracking-issue needs a GitHub token and repository" + (offline ? " but --offline was given" : ""),
          "set GITHUB_TOKEN (with issues: write) and GITHUB_REPOSITORY, or github.repository in .trainyard.yml");
    }

    String fork = flags.forkSync(config);
    MergeBackAnalyzer analyzer = new MergeBackAnalyzer(ctx.reporter(),
        github == null ? null : new GitHubPullRequests(github.rest(), slug));
    MergeBackReport report = analyzer.analyze(request, fork == null ? null : new ForkSyncRequest(fork, fetch, endpoint.token()));

    TrackingIssue.Result issue = null;
    if (wantIssue) {
      issue = new TrackingIssue(github.rest(), slug, flags.label(config), ctx.reporter()).sync(report);
    }

    ctx.actions().summary(MergeBackMarkdown.summary(report));
    ctx.actions().output("stale-count", report.stale().size());
    ctx.actions().output("unmerged-count", report.notMerged().size());
    ctx.actions().output("stale-refs", String.join("\n", report.stale().stream().map(RefResult::ref).toList()));
    if (issue != null && issue.number() > 0) {
      ctx.actions().output("issue-number", issue.number());
    }
    if (ctx.json()) {
      ctx.printJson(new Json(report.mainRef(), report.mainTip(), report.checkedAt(), report.staleAfter(),
          report.refs().stream().map(JsonRef::of).toList(), report.skipped(), report.stale().size(),
          report.forkSync(), issue, report.problems()));
    } else {
      render(ctx.out(), report, issue);
    }
    return report.failing() ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }

  /** The documented --json shape; field names are part of the interface scripts rely on. */
  record Json(String main, String mainTip, Instant checkedAt, Duration staleAfter, List<JsonRef> refs,
      int skipped, int stale, ForkSyncResult forkSync, TrackingIssue.Result trackingIssue,
      List<MergeBackReport.Problem> problems) {}

  record JsonRef(String ref, String kind, String tip, String status, String how, List<String> missing,
      Instant since, List<String> authors, boolean stale, String evidence) {
    static JsonRef of(RefResult r) {
      return new JsonRef(r.ref(), r.kind().label(), r.tip(), r.status().label(),
          r.how() == null ? null : r.how().label(), r.missing(), r.since(), r.authors(), r.stale(), r.evidence());
    }
  }

  private static void render(PrintWriter out, MergeBackReport report, TrackingIssue.Result issue) {
    int width = report.refs().stream().mapToInt(r -> r.shortName().length()).max().orElse(10);
    for (RefResult r : report.refs()) {
      String state = r.status() == RefStatus.MERGED ? "merged (" + r.how().label() + ")" : r.status().label();
      out.printf("%-" + width + "s  %-22s %s%n", r.shortName(), state + (r.stale() ? " STALE" : ""),
          r.status() == RefStatus.MERGED ? r.evidence()
              : r.missing().size() + " missing since " + r.since() + " by " + String.join(", ", r.authors()));
    }
    if (report.refs().isEmpty()) {
      out.println("no release refs in scope");
    }
    long merged = report.refs().stream().filter(r -> r.status() == RefStatus.MERGED).count();
    out.printf("%d of %d release refs merged into %s; %d stale (after %s)%s%n", merged, report.refs().size(),
        report.mainRef(), report.stale().size(), MergeBackMarkdown.human(report.staleAfter()),
        report.skipped() > 0 ? "; " + report.skipped() + " outside the horizon" : "");
    if (report.forkSync() != null) {
      ForkSyncResult fork = report.forkSync();
      out.printf("fork %s is %s (%d missing there, %d only there)%n", fork.remoteRef(), fork.state().label(),
          fork.onlyOnOurs().size(), fork.onlyOnFork().size());
    }
    if (issue != null) {
      out.printf("tracking issue: %s%s%n", issue.outcome().label(), issue.number() > 0 ? " #" + issue.number() : "");
    }
  }
}
