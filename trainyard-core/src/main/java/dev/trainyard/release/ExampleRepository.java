package dev.trainyard.release;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.files.FileTrees;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Generates a small train-style monorepo so that {@code cut --dry-run} and {@code deploy-order} can be
 * tried with no network and no repository of one's own: three packages with changelogs and version
 * files, three deployable services (auth first, sync touching the database, content last), trains 1 to 3
 * cut by trainyard itself and merged back, a patch release, a feature tag, and unreleased
 * conventional commits on main. Identity and dates are fixed, so every run builds the same hashes.
 */
public final class ExampleRepository {
  static final Instant START = Instant.parse("2026-09-01T09:00:00Z");
  static final String NAME = "Trainyard Example";
  static final String EMAIL = "example@trainyard.invalid";

  private final Git git;
  private final Path dir;
  private Instant clock = START;
  private int mergeRequests = 30;

  private ExampleRepository(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  private static final String MARKER = "# trainyard configuration of the example repository";

  /**
   * Creates the example in {@code dir}, which must not exist or be empty.
   *
   * @return false when {@code dir} already holds an example repository (nothing is changed, so the
   *     README's command can be run twice), true when it was created
   */
  public static boolean create(Path dir) {
    try {
      if (isExample(dir)) {
        return false;
      }
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw TrainyardException.invalidInput("example: " + dir + " is a file, not a folder",
            "pass a new or empty folder, e.g. /tmp/yard-" + System.nanoTime() % 1000);
      }
      if (Files.exists(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw TrainyardException.invalidInput("example: " + dir + " exists and is not empty",
                "pass a new folder, e.g. /tmp/yard-" + System.nanoTime() % 1000);
          }
        }
      }
      Files.createDirectories(dir);
      try {
        generate(dir);
      } catch (IOException | GitAPIException | RuntimeException e) {
        // A half-made example would mislead; it is removed when generation fails.
        FileTrees.delete(dir);
        throw e;
      }
      return true;
    } catch (IOException | GitAPIException e) {
      // The folder given could not be written (a file on its path, a read-only disk): the user's to fix.
      throw new TrainyardException(FailureKind.INVALID_INPUT, "example: cannot create " + dir + ": "
          + (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
              : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())),
          "pass a new or empty folder you can write to", e);
    }
  }

  private static boolean isExample(Path dir) throws IOException {
    Path config = dir.resolve(".trainyard.yml");
    return Files.isDirectory(dir.resolve(".git")) && Files.isRegularFile(config)
        && Files.readString(config, StandardCharsets.UTF_8).startsWith(MARKER);
  }

  private static void generate(Path dir) throws IOException, GitAPIException {
    {
      try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", NAME);
        config.setString("user", null, "email", EMAIL);
        config.setBoolean("commit", null, "gpgsign", false);
        config.setBoolean("tag", null, "gpgsign", false);
        config.save();
        new ExampleRepository(git, dir).build();
      }
    }
  }

  private void build() throws IOException, GitAPIException {
    write(".trainyard.yml", MARKER + "\n" + """
        github:
          repository: example-org/yard
        release:
          scheme: train
          deploy-product: yard
          packages:
            - path: packages/auth-server
              version-files: [package.json]
            - path: packages/content-server
              version-files: [package.json]
            - path: packages/sync-server
              version-files: [Cargo.toml]
        deploy:
          services:
            - name: auth-server
              paths: [packages/auth-server/**]
              version-url:
                stage: https://auth.stage.yard.example/__version__
                production: https://auth.yard.example/__version__
            - name: content-server
              paths: [packages/content-server/**]
              after: [auth-server]
              version-url:
                stage: https://content.stage.yard.example/__version__
                production: https://content.yard.example/__version__
            - name: sync-server
              paths: [packages/sync-server/**]
              touches-database: true
              version-url:
                stage: https://sync.stage.yard.example/__version__
                production: https://sync.yard.example/__version__
        owners:
          cadence: sprint
          start: 2026-08-25
          sprint-days: 14
          people:
            - {name: Ada Lovelace, github: ada-example, bugzilla: ada@example.invalid}
            - {name: Grace Hopper, github: grace-example, bugzilla: grace@example.invalid}
            - {name: Linus Example, github: linus-example, bugzilla: linus@example.invalid}
        preflight:
          release-days: [tuesday]
          holidays: ["2026-09-07 Labor Day"]
          holiday-calendar: release-calendar.ics
        assets:
          source: assets
          target: file://build/cdn
          cdn-url: https://cdn.example.invalid
          cache-control: public,max-age=86400
          rules:
            - {match: "legal/**", content-disposition: attachment}
        """);
    write(".gitignore", "build/\n");
    write("release-calendar.ics", String.join("\r\n",
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//trainyard//example release calendar//EN",
        "BEGIN:VEVENT", "UID:christmas@example.invalid", "DTSTAMP:20260801T000000Z", "DTSTART;VALUE=DATE:20261225",
        "DTEND;VALUE=DATE:20261226", "RRULE:FREQ=YEARLY", "SUMMARY:Christmas Day", "END:VEVENT",
        "BEGIN:VEVENT", "UID:freeze-2026@example.invalid", "DTSTAMP:20260801T000000Z", "DTSTART;VALUE=DATE:20261221",
        "DTEND;VALUE=DATE:20270105", "SUMMARY:Year-end release freeze", "END:VEVENT",
        "END:VCALENDAR", ""));
    write("assets/product-icons/fox.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#e66000\"/></svg>\n");
    write("assets/product-icons/owl.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"14\" height=\"14\" x=\"1\" y=\"1\" fill=\"#592acb\"/></svg>\n");
    write("assets/legal/terms.pdf", "%PDF-1.4\n% the example's terms of service\n%%EOF\n");
    write("README.md", "# yard\n\nAn example monorepo generated by `trainyard example`.\n");
    for (String pkg : List.of("auth-server", "content-server")) {
      write("packages/" + pkg + "/package.json", "{\n  \"name\": \"" + pkg + "\",\n  \"version\": \"1.1.0\",\n"
          + "  \"private\": true,\n  \"scripts\": {\n    \"start\": \"node index.js\"\n  }\n}\n");
      write("packages/" + pkg + "/index.js", "console.log('" + pkg + "');\n");
    }
    write("packages/sync-server/Cargo.toml", "[package]\nname = \"sync-server\"\nversion = \"1.1.0\"\nedition = \"2021\"\n\n"
        + "[dependencies]\nserde = \"1\"\n");
    write("packages/sync-server/src/main.rs", "fn main() {\n    println!(\"sync\");\n}\n");
    for (String pkg : List.of("auth-server", "content-server", "sync-server")) {
      write("packages/" + pkg + "/CHANGELOG.md", "# Change history\n\n## 1.1.0\n\n- Initial release.\n");
    }
    commit("chore: initial layout of the yard");
    git.tag().setName("v1.1.0").setAnnotated(true).setMessage("Train release 1").setTagger(ident()).setSigned(false).call();

    change("packages/auth-server/index.js", "feat(auth): sign in with passkeys (#12)");
    change("packages/content-server/index.js", "fix(content): keep the locale on redirects (#13)");
    change("packages/sync-server/src/main.rs", "perf(sync): batch writes to the database (#14)");
    cutAndMergeBack(false);

    change("packages/sync-server/src/main.rs", "feat(sync)!: drop the v1 storage API (#15)\n\nBREAKING CHANGE: clients must use /2.0/");
    change("packages/auth-server/index.js", "fix(auth): show „Kontoübersicht“ with the right umlauts (#16)");
    git.tag().setName("v1.2.0-feature").setAnnotated(false).call();
    change("packages/content-server/index.js", "refactor(content): split the settings page (#17)");
    cutAndMergeBack(false);

    git.checkout().setName("train-3").call();
    change("packages/auth-server/index.js", "fix(auth): session expiry off by one hour (#18)");
    cutAndMergeBack(true);

    change("packages/content-server/index.js", "feat(content): dark mode for the settings page (#19)");
    change("packages/sync-server/src/main.rs", "fix(sync): retry on a lost database connection (#20)");
    change("README.md", "docs: explain how to run the yard locally");
    change("packages/auth-server/index.js", "chore(deps): bump the web framework");
  }

  /** Cuts the next train (or patch) with trainyard itself, then merges the branch back into main. */
  private void cutAndMergeBack(boolean patch) throws GitAPIException, IOException {
    Clock fixed = Clock.fixed(clock, ZoneOffset.UTC);
    try (GitRepository repo = GitRepository.open(dir)) {
      ReleasePlanner planner = new ReleasePlanner(fixed, Reporter.silent());
      ReleaseConfig config = new ReleaseConfig(null, null, null, null, null, null, null, null, null, null, "yard",
          List.of(new ReleaseConfig.PackageConfig("packages/auth-server", null, null, List.of("package.json")),
              new ReleaseConfig.PackageConfig("packages/content-server", null, null, List.of("package.json")),
              new ReleaseConfig.PackageConfig("packages/sync-server", null, null, List.of("Cargo.toml"))));
      NextVersionRequest request = new NextVersionRequest(new VersionScheme.Train(1), patch, null, "main", null, false);
      ReleasePlan plan = planner.plan(repo, request, config, new RepositoryLinks("https://github.com", "example-org/yard"));
      new ReleaseExecutor(Reporter.silent()).execute(repo, plan, null, null, ident());
      tick();
      String branch = plan.next().branch();
      git.checkout().setName("main").call();
      git.merge().include(git.getRepository().resolve(branch)).setFastForward(MergeCommand.FastForwardMode.NO_FF)
          .setCommit(false).call();
      commit("Merge pull request #" + (++mergeRequests) + " from example-org/" + branch);
    }
  }

  private void change(String path, String message) throws IOException, GitAPIException {
    Path file = dir.resolve(path);
    Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + "// " + message.lines().findFirst().orElse("")
        + "\n", StandardCharsets.UTF_8);
    commit(message);
  }

  private void write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private void commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    PersonIdent who = ident();
    git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    tick();
  }

  private PersonIdent ident() {
    return new PersonIdent(NAME, EMAIL, clock, ZoneOffset.UTC);
  }

  private void tick() {
    clock = clock.plusSeconds(3600);
  }
}
