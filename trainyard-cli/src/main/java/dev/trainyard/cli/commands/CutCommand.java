package dev.trainyard.cli.commands;

import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.TagRef;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.release.FileChange;
import dev.trainyard.release.GitHubReleaseDrafts;
import dev.trainyard.release.PackageSection;
import dev.trainyard.release.PushTarget;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.release.ReleaseDrafts;
import dev.trainyard.release.ReleaseExecutor;
import dev.trainyard.release.ReleaseOutcome;
import dev.trainyard.release.ReleasePlan;
import dev.trainyard.release.ReleasePlanner;
import dev.trainyard.version.NextVersionRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Cuts a release: version, branch, changelogs, version bumps, commit, tag, optional push and draft. */
@Command(name = "cut", description = {
    "Cut a release: pick the next version, create the release branch, write changelogs and version",
    "bumps, commit, and make an annotated tag. --dry-run prints the whole plan and changes nothing.",
    "Re-running for a release that exists says so and changes nothing (exit 0)."})
public final class CutCommand extends BaseCommand {
  @Mixin
  VersionOptions version;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--push", description = "Push the branch, then the tag (by name, never --tags), with GITHUB_TOKEN over HTTPS.")
  boolean push;

  @Option(names = "--github-release", description = "Draft a GitHub release from the new changelog section (needs --push).")
  boolean githubRelease;


  @Override
  protected int execute(CommandContext context) {
    if (githubRelease && !push && !dryRun) {
      throw TrainyardException.invalidInput(
          "--github-release needs --push: a release for a tag GitHub does not have would make GitHub create that tag itself",
          "add --push, or push the branch and tag first and then run 'trainyard cut --github-release --push' again");
    }
    try (GitRepository repository = ReleaseSupport.open(context, version.repo)) {
      ReleaseConfig config = ReleaseSupport.config(context, repository);
      NextVersionRequest request = version.request(config);
      repository.requireFullHistory(version.firstRelease);
      String remote = config.remote() == null ? "origin" : config.remote();
      RepositoryLinks links = ReleaseSupport.links(context, repository, remote);
      ReleasePlanner planner = new ReleasePlanner(context.clock(), context.reporter());

      Optional<TagRef> existing = planner.existingRelease(repository, request);
      if (existing.isPresent()) {
        return alreadyReleased(context, existing.get(), repository, planner, request, config, links);
      }
      if (dryRun) {
        try {
          repository.requireClean();
        } catch (TrainyardException e) {
          context.reporter().warn(e.getMessage() + " (a real cut would refuse)");
        }
      } else {
        repository.requireClean();
      }
      ReleasePlan plan = planner.plan(repository, request, config, links);
      ReleaseSupport.outputs(context, plan.next(), plan.compareUrl());
      if (dryRun) {
        render(context, plan, null);
        return ExitCode.OK;
      }
      PushTarget target = push ? pushTarget(context, repository, remote, links) : null;
      ReleaseDrafts drafts = githubRelease ? drafts(context, repository) : null;
      ReleaseOutcome outcome = new ReleaseExecutor(context.reporter())
          .execute(repository, plan, target, drafts, planner.identity(repository));
      render(context, plan, outcome);
      return ExitCode.OK;
    }
  }

  private int alreadyReleased(CommandContext context, TagRef tag, GitRepository repository, ReleasePlanner planner,
      NextVersionRequest request, ReleaseConfig config, RepositoryLinks links) {
    String releaseUrl = null;
    if (githubRelease && !dryRun) {
      // A re-run after a failed draft: the tag exists, only the draft is missing. Drafting is idempotent.
      releaseUrl = ReleaseExecutor.draftExisting(drafts(context, repository), tag.name(),
          planner.releaseNotes(repository, tag, request, config, links));
    }
    String message = "already released: " + tag.name() + " (" + tag.commit().abbreviate(7).name()
        + ") is this commit's release; nothing to do";
    context.actions().output("tag", tag.name());
    context.actions().output("already-released", "true");
    if (context.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("alreadyReleased", true);
      json.put("tag", tag.name());
      json.put("commit", tag.commit().name());
      json.put("dryRun", dryRun);
      json.put("releaseUrl", releaseUrl);
      context.printJson(json);
    } else {
      context.out().println(message);
      if (releaseUrl != null) {
        context.out().println("GitHub release: " + releaseUrl);
      }
    }
    context.actions().summary("### trainyard cut\n\n" + message + "\n");
    return ExitCode.OK;
  }

  private PushTarget pushTarget(CommandContext context, GitRepository repository, String remote, RepositoryLinks links) {
    String url = repository.remoteUrl(remote).orElseThrow(() -> TrainyardException.repositoryState(
        "--push: remote '" + remote + "' is not configured in " + repository.workTree(),
        "git remote add " + remote + " URL, or set release.remote"));
    context.actions().mask(context.env("GITHUB_TOKEN"));
    String token = GitHubEndpoint.checkedToken(context.env("GITHUB_TOKEN"), "GITHUB_TOKEN");
    boolean https = url.startsWith("https://") || url.startsWith("http://");
    boolean local = url.startsWith("file:") || url.startsWith("/") || url.startsWith(".");
    if (!https && !local) {
      if (token == null || !links.known()) {
        throw TrainyardException.invalidInput(
            "--push goes over HTTPS with GITHUB_TOKEN, but remote '" + remote + "' is " + url,
            "set GITHUB_TOKEN (and github.repository) to push over HTTPS, or push by hand with the printed commands");
      }
      // SSH remotes are common on laptops; JGit here speaks HTTPS, so the same repository is reached that way.
      return new PushTarget(links.serverUrl() + "/" + links.repository() + ".git", token);
    }
    return new PushTarget(remote, https ? token : null);
  }

  private ReleaseDrafts drafts(CommandContext context, GitRepository repository) {
    GitHubEndpoint endpoint = context.gitHub(context.config(repository.workTree()), null, "github.repository", null);
    return GitHubReleaseDrafts.of(GitHubClients.create(endpoint, RetryPolicy.defaults(), context.reporter()),
        context.reporter());
  }

  private void render(CommandContext context, ReleasePlan plan, ReleaseOutcome outcome) {
    if (context.json()) {
      Map<String, Object> json = new LinkedHashMap<>(ReleaseSupport.json(plan.next()));
      json.put("dryRun", outcome == null);
      json.put("alreadyReleased", false);
      json.put("baseCommit", plan.baseCommit());
      json.put("commitMessage", plan.commitMessage());
      json.put("tagMessage", plan.tagMessage());
      json.put("signed", plan.sign());
      List<Map<String, Object>> files = new ArrayList<>();
      for (FileChange f : plan.files()) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", f.path());
        file.put("created", f.creates());
        file.put("before", f.before());
        file.put("after", f.after());
        files.add(file);
      }
      json.put("files", files);
      List<Map<String, Object>> sections = new ArrayList<>();
      for (PackageSection s : plan.sections()) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("package", s.name());
        section.put("path", s.path());
        section.put("changelog", s.changelogFile());
        section.put("commits", s.commits().size());
        section.put("markdown", s.markdown());
        sections.add(section);
      }
      json.put("packages", sections);
      json.put("pushCommands", plan.pushCommands());
      json.put("compareUrl", plan.compareUrl());
      json.put("deploymentRequest", plan.deploymentRequest());
      json.put("commit", outcome == null ? null : outcome.commit());
      json.put("pushedRefs", outcome == null ? List.of() : outcome.pushedRefs());
      json.put("releaseUrl", outcome == null ? null : outcome.releaseUrl());
      context.printJson(json);
    } else {
      printText(context.out(), plan, outcome);
    }
    context.actions().summary(summary(plan, outcome));
  }

  private static void printText(PrintWriter out, ReleasePlan plan, ReleaseOutcome outcome) {
    var next = plan.next();
    out.println(outcome == null ? "Release plan (dry run: nothing was changed)" : "Released " + next.tag() + " locally"
        + (outcome.pushedRefs().isEmpty() ? " (not pushed)" : " and pushed"));
    out.println();
    out.println("  version:   " + ReleaseSupport.describe(next));
    out.println("  tag:       " + next.tag() + "  (annotated" + (plan.sign() ? ", signed" : "") + ": \"" + plan.tagMessage() + "\")");
    out.println("  branch:    " + (next.branch() == null ? "(detached HEAD)" : next.branch()
        + (next.createsBranch() ? " (new, from " + next.startBranch() + " at " + plan.baseCommit().substring(0, 7) + ")" : "")));
    out.println("  previous:  " + (next.previousTag() == null ? "(first release)" : next.previousTag()));
    out.println("  commit:    " + (plan.commitMessage() == null ? "(none: the tag goes on " + plan.baseCommit().substring(0, 7) + ")"
        : "\"" + plan.commitMessage() + "\"" + (outcome == null ? "" : " " + outcome.commit().substring(0, 7))));
    out.println();
    out.println(outcome == null ? "Files that would change:" : "Files changed:");
    if (plan.files().isEmpty()) {
      out.println("  (none)");
    }
    for (FileChange f : plan.files()) {
      out.println("  " + (f.creates() ? "A " : "M ") + f.path() + "  (" + lineChange(f) + ")");
    }
    for (PackageSection s : plan.sections()) {
      out.println();
      out.println("--- changelog: " + s.name() + " (" + s.changelogFile() + ", " + s.commits().size() + " commit"
          + (s.commits().size() == 1 ? "" : "s") + ")");
      out.print(s.markdown().endsWith("\n") ? s.markdown() : s.markdown() + "\n");
    }
    out.println();
    out.println(outcome != null && !outcome.pushedRefs().isEmpty() ? "Pushed: " + String.join(", ", outcome.pushedRefs())
        : "Push the release (branch first, then the tag; never --tags):");
    if (outcome == null || outcome.pushedRefs().isEmpty()) {
      plan.pushCommands().forEach(c -> out.println("  " + c));
    }
    if (plan.compareUrl() != null) {
      out.println();
      out.println(next.scheme().id().equals("date") ? "Compare:" : "Open the merge-back pull request (" + next.branch() + " -> main):");
      out.println("  " + plan.compareUrl());
    }
    if (outcome != null && outcome.releaseUrl() != null) {
      out.println();
      out.println("GitHub release draft: " + outcome.releaseUrl());
    }
    if (plan.deploymentRequest() != null) {
      out.println();
      out.println("Deployment request:");
      plan.deploymentRequest().lines().forEach(l -> out.println("  " + l));
    }
    out.flush();
  }

  /** "+6 lines" for an inserted section, "1 line changed" for a version bump. */
  static String lineChange(FileChange f) {
    List<String> before = f.before() == null ? List.of() : f.before().lines().toList();
    List<String> after = f.after().lines().toList();
    if (before.size() == after.size()) {
      long changed = java.util.stream.IntStream.range(0, before.size()).filter(i -> !before.get(i).equals(after.get(i))).count();
      return changed + " line" + (changed == 1 ? "" : "s") + " changed";
    }
    int delta = after.size() - before.size();
    return (delta > 0 ? "+" : "") + delta + " lines";
  }

  private static String summary(ReleasePlan plan, ReleaseOutcome outcome) {
    var next = plan.next();
    StringBuilder md = new StringBuilder("### trainyard cut: ").append(next.tag())
        .append(outcome == null ? " (dry run)" : "").append("\n\n| | |\n|---|---|\n");
    md.append("| version | ").append(next.version()).append(" |\n");
    md.append("| tag | `").append(next.tag()).append("` |\n");
    md.append("| branch | ").append(next.branch() == null ? "-" : "`" + next.branch() + "`").append(" |\n");
    md.append("| previous tag | ").append(next.previousTag() == null ? "-" : "`" + next.previousTag() + "`").append(" |\n");
    if (plan.compareUrl() != null) {
      md.append("| compare | ").append(plan.compareUrl()).append(" |\n");
    }
    md.append("\n");
    for (PackageSection s : plan.sections()) {
      md.append("<details><summary>").append(s.name()).append(" (").append(s.commits().size())
          .append(" commits)</summary>\n\n").append(s.markdown()).append("\n</details>\n\n");
    }
    return md.toString();
  }
}
