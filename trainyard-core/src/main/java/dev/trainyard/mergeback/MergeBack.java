package dev.trainyard.mergeback;

import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.report.Reporter;

/**
 * The {@code merge-back} entry point: analyses the release refs (with GitHub's merged pull requests
 * when a token and repository are known and the job is not offline), compares the fork when asked,
 * and keeps the tracking issue in step.
 */
public final class MergeBack {
  private MergeBack() {}

  /** What the check found, and what became of the tracking issue (null when not asked for). */
  public record Outcome(MergeBackReport report, TrackingIssue.Result issue) {}

  public static Outcome run(MergeBackJob job, GitHubEndpoint gitHub, Reporter reporter) {
    GitHubClients clients = null;
    if (!job.offline() && gitHub.hasToken() && gitHub.repository() != null) {
      clients = GitHubClients.create(gitHub, RetryPolicy.defaults(), reporter);
    }
    if (job.trackingIssue() && clients == null) {
      throw TrainyardException.invalidInput(
          "--tracking-issue needs a GitHub token and repository" + (job.offline() ? " but --offline was given" : ""),
          "set GITHUB_TOKEN (with issues: write) and GITHUB_REPOSITORY, or github.repository in .trainyard.yml");
    }
    MergeBackAnalyzer analyzer = new MergeBackAnalyzer(reporter,
        clients == null ? null : new GitHubPullRequests(clients.rest(), gitHub.repository()));
    MergeBackReport report = analyzer.analyze(job.request(),
        job.forkSync() == null ? null : new ForkSyncRequest(job.forkSync(), job.fetch(), gitHub.token(),
            java.net.URI.create(gitHub.serverUrl()).getHost()));
    TrackingIssue.Result issue = null;
    if (job.trackingIssue()) {
      issue = new TrackingIssue(clients.rest(), gitHub.repository(), job.label(), reporter).sync(report);
    }
    return new Outcome(report, issue);
  }
}
