package dev.trainyard.changelog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trainyard.TrainyardException;
import java.io.File;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The core's changelog path without the CLI, for {@code bench/changelog}: open the repository,
 * resolve two refs, collect, render, print one JSON object shaped like {@code trainyard changelog
 * --json} ({@code entries} with type, scope, subject, hash, pr, breaking). Lives in test scope
 * because it is a measuring tool, not a product entry point.
 *
 * <p>Usage: {@code ChangelogBenchMain REPO FROM TO [FORMAT] [PATH...]}; {@code -Dbench.timing} prints
 * the phases to stderr, {@code -Dbench.jgitDiscovery} keeps JGit's own system-config discovery.
 */
public final class ChangelogBenchMain {
  private ChangelogBenchMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: ChangelogBenchMain REPO FROM TO [FORMAT] [PATH...]");
      System.exit(2);
    }
    long started = System.nanoTime();
    boolean timing = System.getProperty("bench.timing") != null;
    ChangelogFormat format = args.length > 3 ? ChangelogFormat.parse(args[3]) : ChangelogFormat.FXA;
    List<String> paths = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
    if (System.getProperty("bench.jgitDiscovery") == null) {
      // JGit finds the system git config by running `git --version` and `git config --system
      // --list`: two process starts on every run. Naming the file skips both.
      FS.DETECTED.setGitSystemConfig(new File("/etc/gitconfig"));
    }
    try (Repository repo = new FileRepositoryBuilder().findGitDir(new File(args[0])).setMustExist(true).build()) {
      ObjectId from = resolve(repo, args[1]);
      ObjectId to = resolve(repo, args[2]);
      long opened = System.nanoTime();
      List<ConventionalCommit> commits = CommitCollector.collect(repo, from, to, paths);
      long collected = System.nanoTime();
      String version = args[2].startsWith("v") ? args[2].substring(1) : args[2];
      String previous = args[1].startsWith("v") ? args[1].substring(1) : args[1];
      ChangelogRelease release = new ChangelogRelease(version, args[2], previous, args[1], LocalDate.now(ZoneOffset.UTC));
      String markdown = ChangelogRenderer.render(format, release, commits, null);

      List<Map<String, Object>> entries = new ArrayList<>();
      for (ConventionalCommit c : commits) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", c.type());
        entry.put("scope", c.scope());
        entry.put("subject", c.subject());
        entry.put("hash", c.hash());
        entry.put("pr", c.pr());
        entry.put("breaking", c.breaking());
        entries.add(entry);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("from", args[1]);
      out.put("to", args[2]);
      out.put("format", format.id());
      out.put("entries", entries);
      out.put("markdown", markdown);
      System.out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
      if (timing) {
        long printed = System.nanoTime();
        System.err.printf("open+resolve %d ms, collect %d ms, render+json %d ms%n",
            (opened - started) / 1_000_000, (collected - opened) / 1_000_000, (printed - collected) / 1_000_000);
      }
    } catch (TrainyardException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  private static ObjectId resolve(Repository repo, String ref) throws IOException {
    ObjectId id = repo.resolve(ref + "^{commit}");
    if (id == null) {
      throw TrainyardException.invalidInput("unknown ref '" + ref + "'", "give a tag, branch or commit");
    }
    return id;
  }
}
