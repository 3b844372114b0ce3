package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.cli.GitHubOptions;
import dev.trainyard.mergeback.MergeBack;
import dev.trainyard.mergeback.MergeBackFlags;
import dev.trainyard.mergeback.MergeBackJob;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  GitHubOptions gitHubOptions;

  @Override
  protected int execute(CommandContext ctx) {
    Path repository = ctx.workingDirectory();
    MergeBackJob job = MergeBackJob.resolve(ctx.config(repository).mergeBackOrDefaults(), flags(), repository,
        Instant.now(ctx.clock()));
    MergeBack.Outcome outcome = MergeBack.run(job, gitHubOptions.endpoint(ctx), ctx.reporter());
    MergeBackOutput.publish(ctx.actions(), outcome);
    if (ctx.json()) {
      ctx.printJson(MergeBackOutput.Json.of(outcome));
    } else {
      MergeBackOutput.printText(ctx.out(), outcome);
    }
    return outcome.report().failing() ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }

  private MergeBackFlags flags() {
    return new MergeBackFlags(main, branches, tags, exclude, all, horizonDays, horizonRefs, staleAfter, remote,
        forkSync, fetch, trackingIssue, label, offline);
  }
}
