package dev.trainyard.bugs;

import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.git.GitRepository;
import dev.trainyard.release.ExampleRepository;
import dev.trainyard.release.ReleaseConfig;
import dev.trainyard.release.ReleaseExecutor;
import dev.trainyard.release.ReleasePlan;
import dev.trainyard.release.ReleasePlanner;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The repository {@code trainyard example} makes, with train 4 cut by trainyard itself (v1.4.0,
 * carrying a deploy note and a database migration) and then a patch on train-4 (v1.4.1).
 */
final class ExampleReleases {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  static final RepositoryLinks LINKS = new RepositoryLinks("https://github.com", "example-org/yard");

  private ExampleReleases() {}

  private static final java.util.Map<String, Path> MADE = new java.util.concurrent.ConcurrentHashMap<>();

  /** The example with train 4 tagged; HEAD on train-4 (built once per test JVM, copied for each test). */
  static TrainyardConfig train(Path dir) {
    return copyOf("train", ExampleReleases::makeTrain, dir);
  }

  /** {@link #train} plus a fix on train-4 released as v1.4.1. */
  static TrainyardConfig trainAndPatch(Path dir) {
    return copyOf("patch", ExampleReleases::makeTrainAndPatch, dir);
  }

  private static TrainyardConfig copyOf(String name, java.util.function.Consumer<Path> make, Path dir) {
    Path made = MADE.computeIfAbsent(name, n -> {
      try {
        Path where = java.nio.file.Files.createTempDirectory("trainyard-example-" + n).resolve("yard");
        make.accept(where);
        return where;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(made)) {
      for (Path file : files.toList()) {
        Path target = dir.resolve(made.relativize(file).toString());
        if (java.nio.file.Files.isDirectory(file)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new ConfigLoader().load(dir.resolve(".trainyard.yml"), true);
  }

  private static void makeTrain(Path dir) {
    ExampleRepository.create(dir);
    try (GitFixture fx = GitFixture.open(dir)) {
      fx.at(Instant.parse("2026-11-20T09:00:00Z"));
      fx.commit("feat(sync): store collections in a new table (#22)",
          "packages/sync-server/migrations/0042-collections.sql", "CREATE TABLE collections (id INT);\n");
      fx.commit("chore: deploy notes for train 4 (#23)", "DEPLOY_NOTES.md",
          "- Set SYNC_COLLECTIONS_TABLE=collections before deploying sync-server.\n");
    }
    TrainyardConfig config = new ConfigLoader().load(dir.resolve(".trainyard.yml"), true);
    cut(dir, config.releaseOrDefaults(), false);
  }

  private static void makeTrainAndPatch(Path dir) {
    makeTrain(dir);
    TrainyardConfig config = new ConfigLoader().load(dir.resolve(".trainyard.yml"), true);
    try (GitFixture fx = GitFixture.open(dir)) {
      fx.at(Instant.parse("2026-11-21T09:00:00Z"));
      fx.commit("fix(auth): keep the session when the clock skews (#24)", "packages/auth-server/index.js",
          "console.log('auth-server, patched');\n");
    }
    cut(dir, config.releaseOrDefaults(), true);
  }

  static void cut(Path dir, ReleaseConfig config, boolean patch) {
    try (GitRepository repo = GitRepository.open(dir)) {
      ReleasePlanner planner = new ReleasePlanner(CLOCK, Reporter.silent());
      NextVersionRequest request = new NextVersionRequest(new VersionScheme.Train(1), patch, null, "main", null, false);
      ReleasePlan plan = planner.plan(repo, request, config, LINKS);
      new ReleaseExecutor(Reporter.silent()).execute(repo, plan, null, null, planner.identity(repo));
      if (!patch) {
        repo.git().checkout().setName(plan.next().branch()).call();
      }
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }
}
