package dev.trainyard.cli.commands;

import dev.trainyard.ci.CiFlags;
import dev.trainyard.ci.CiRequest;
import dev.trainyard.ci.CiResult;
import dev.trainyard.ci.CiState;
import dev.trainyard.ci.CiVerifier;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.cli.GitHubOptions;
import dev.trainyard.github.GitHubEndpoint;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Is CI green for this exact commit? Check runs and commit statuses, all pages, optional wait. */
@Command(
    name = "verify-ci",
    description = {
        "Decide whether CI is green for a tag, branch or commit: every check run and commit status,",
        "all pages, the latest attempt per name, the calling job excluded; no checks is not green.",
        "Exit 0 only when CI is green; 1 when it is red, pending or timed out."})
public final class VerifyCiCommand extends BaseCommand {
  @Mixin
  GitHubOptions gitHubOptions;

  @Option(names = "--ref", paramLabel = "REF", description = "Tag, branch or commit SHA (default: GITHUB_SHA).")
  String ref;

  @Option(names = "--wait", paramLabel = "DURATION",
      description = "Wait up to this long for unfinished checks, e.g. 30m (default: look once).")
  String waitFor;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "First pause between polls; grows while nothing changes (default: 30s).")
  String interval;

  @Option(names = "--required", paramLabel = "auto|none", description = {
      "auto: also require the checks the branch's rulesets and branch protection require, and wait",
      "for them; one that has not reported keeps the verdict pending (default: verify-ci.required-checks, else none)."})
  String requiredChecks;

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
    GitHubEndpoint endpoint = gitHubOptions.endpoint(context);
    CiRequest request = CiRequest.resolve(context.config().verifyCiOrDefaults(), flags(), endpoint.repository(), context.env());
    CiResult result = CiVerifier.connect(endpoint, context.reporter()).verify(request);
    if (context.json()) {
      context.printJson(VerifyCiOutput.Json.of(result));
    } else {
      VerifyCiOutput.printText(context.out(), result);
    }
    VerifyCiOutput.publish(context.actions(), result);
    return result.state() == CiState.SUCCESS ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private CiFlags flags() {
    return new CiFlags(ref, waitFor, interval, required, ignored, passingConclusions, discoveryGrace, rerunFailed,
        requiredChecks);
  }
}
