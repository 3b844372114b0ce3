package dev.trainyard.cli.commands;

import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ChangelogFlags;
import dev.trainyard.release.ChangelogQuery;
import dev.trainyard.release.ChangelogRequest;
import dev.trainyard.release.Releases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the changelog of a range, as cut would write it. */
@Command(name = "changelog", description = {
    "Print the changelog of the commits in FROM..TO (optionally only those touching --path).",
    "Works in any git repository, with or without .trainyard.yml."})
public final class ChangelogCommand extends BaseCommand {
  @Option(names = "--from", paramLabel = "REF",
      description = "Start, exclusive (usually the previous tag); required unless --from-latest-tag.")
  String from;

  @Option(names = "--from-latest-tag", description = "Start at the most recently tagged commit, like clog's"
      + " --from-latest-tag (also read from .clog.toml).")
  boolean fromLatestTag;

  @Option(names = "--repository", paramLabel = "URL",
      description = "clog format: the repository links point into (default: github.repository, .clog.toml, then GITHUB_REPOSITORY or the remote).")
  String repository;

  @Option(names = "--link-style", paramLabel = "STYLE",
      description = "clog format: github, gitlab, stash, cgit or gitweb links (default: .clog.toml, else github).")
  String linkStyle;

  @Option(names = "--release-commits", paramLabel = "include|exclude",
      description = "List release commits ('chore: tag 1.2.3 (#12)')? Default: release.changelog-release-commits,"
          + " else include for clog and exclude for the other formats.")
  String releaseCommits;

  @Option(names = "--to", paramLabel = "REF", defaultValue = "HEAD", description = "End, inclusive (default: HEAD).")
  String to;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "fxa, clog or keepachangelog (default: release.changelog-format, else fxa).")
  String format;

  @Option(names = "--path", paramLabel = "DIR", split = ",", description = "Only commits touching these folders (repeatable).")
  List<String> paths = new ArrayList<>();

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the working directory).")
  Path repo;

  @Override
  protected int execute(CommandContext context) {
    try (GitRepository repository = ReleaseSupport.open(context, repo)) {
      var config = context.config(repository.workTree());
      ChangelogRequest request = ChangelogRequest.resolve(config.releaseOrDefaults(), flags(), config.githubOrDefaults(),
          repository.workTree());
      ChangelogQuery.Result result = new Releases(context.clock(), context.reporter())
          .changelog(repository, request, context.gitHubLocation(config));
      context.actions().output("changelog", result.markdown());
      if (context.json()) {
        context.printJson(Json.of(request, result));
      } else {
        context.out().print(result.markdown().endsWith("\n") ? result.markdown() : result.markdown() + "\n");
      }
      return ExitCode.OK;
    }
  }

  ChangelogFlags flags() {
    return new ChangelogFlags(from, to, format, paths, this.repository, linkStyle, fromLatestTag, releaseCommits);
  }

  /** The documented {@code --json} shape. */
  record Json(String from, String to, String format, List<Entry> entries, String markdown) {
    static Json of(ChangelogRequest request, ChangelogQuery.Result result) {
      return new Json(result.from(), result.to(), request.format().id(),
          result.entries().stream().map(Entry::of).toList(), result.markdown());
    }
  }

  record Entry(String type, String scope, String subject, String hash, Integer pr, boolean breaking, String author,
      String date) {
    static Entry of(ConventionalCommit c) {
      return new Entry(c.type(), c.scope(), c.subject(), c.hash(), c.pr(), c.breaking(), c.author(),
          c.date() == null ? null : c.date().toString());
    }
  }
}
