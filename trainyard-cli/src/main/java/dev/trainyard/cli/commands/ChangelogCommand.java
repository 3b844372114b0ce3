package dev.trainyard.cli.commands;

import dev.trainyard.changelog.ChangelogFormat;
import dev.trainyard.changelog.ConventionalCommit;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ChangelogQuery;
import dev.trainyard.release.ReleaseConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the changelog of a range, as cut would write it. */
@Command(name = "changelog", description = {
    "Print the changelog of the commits in FROM..TO (optionally only those touching --path).",
    "Works in any git repository, with or without .trainyard.yml."})
public final class ChangelogCommand extends BaseCommand {
  @Option(names = "--from", paramLabel = "REF", required = true, description = "Start, exclusive (usually the previous tag).")
  String from;

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
      ReleaseConfig config = ReleaseSupport.config(context, repository);
      repository.requireFullHistory(true);
      ChangelogFormat chosen = format != null ? ChangelogFormat.parse(format, "--format")
          : config.changelogFormat() != null ? config.changelogFormat() : ChangelogFormat.FXA;
      RepositoryLinks links = ReleaseSupport.links(context, repository, config.remote() == null ? "origin" : config.remote());
      ChangelogQuery.Result result = ChangelogQuery.between(repository, from, to, chosen, paths, links,
          LocalDate.now(context.clock()));
      context.actions().output("changelog", result.markdown());
      if (context.json()) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ConventionalCommit c : result.entries()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("type", c.type());
          entry.put("scope", c.scope());
          entry.put("subject", c.subject());
          entry.put("hash", c.hash());
          entry.put("pr", c.pr());
          entry.put("breaking", c.breaking());
          entry.put("author", c.author());
          entry.put("date", c.date() == null ? null : c.date().toString());
          entries.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", result.from());
        json.put("to", result.to());
        json.put("format", chosen.id());
        json.put("entries", entries);
        json.put("markdown", result.markdown());
        context.printJson(json);
      } else {
        context.out().print(result.markdown().endsWith("\n") ? result.markdown() : result.markdown() + "\n");
      }
      return ExitCode.OK;
    }
  }
}
