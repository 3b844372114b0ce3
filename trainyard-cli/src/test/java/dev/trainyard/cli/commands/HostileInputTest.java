package dev.trainyard.cli.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's reproductions, each from {@code trainyard example yard && cd yard}, through the CLI:
 * the exit code is the documented one (never 70 for the user's or the environment's doing, never 3
 * for a local failure), the message is one line that names the cause, and the repository is as it
 * was before.
 */
class HostileInputTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;
  Path yard;

  @BeforeEach
  void example() {
    yard = tmp.resolve("yard");
    CliRunner.Result created = new CliRunner(tmp).run("example", "yard");
    assertThat(created.exitCode()).as(created.toString()).isZero();
  }

  CliRunner cli() {
    return new CliRunner(yard);
  }

  /** Every ref with its target, HEAD, and whether the work tree is clean: what "as it was" means. */
  Map<String, String> state() throws Exception {
    Map<String, String> state = new TreeMap<>();
    try (Git git = Git.open(yard.toFile())) {
      for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
        state.put(ref.getName(), ref.getObjectId() == null ? "?" : ref.getObjectId().name());
      }
      state.put("HEAD", git.getRepository().getFullBranch());
      state.put("clean", String.valueOf(git.status().call().isClean()));
    }
    return state;
  }

  void commit(String message) throws Exception {
    try (Git git = Git.open(yard.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setSign(false).call();
    }
  }

  // --- 1: nothing written outside the work tree ---

  @Test
  void aCommittedSymlinkOnAnyPathIsRefusedAndTheOutsideFileIsUntouched() throws Exception {
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("package.json"), "{\"name\": \"x\", \"version\": \"1.0.0\"}\n");
    Files.writeString(outside.resolve("CHANGELOG.md"), "# not yours\n");
    String[][] cases = {
        {"packages/content-server/package.json", outside.resolve("package.json").toString(),
            "packages/content-server/package.json is a symbolic link (to " + outside.resolve("package.json") + ")"},
        {"packages/auth-server/CHANGELOG.md", outside.resolve("CHANGELOG.md").toString(),
            "packages/auth-server/CHANGELOG.md is a symbolic link"},
        {"packages/sync-server", outside.toString(), "packages/sync-server is a symbolic link"}};
    for (String[] c : cases) {
      Path link = yard.resolve(c[0]);
      try (Git git = Git.open(yard.toFile())) {
        git.rm().addFilepattern(c[0]).call();
      }
      deleteTree(link);
      Files.createSymbolicLink(link, Path.of(c[1]));
      commit("chore: " + c[0] + " becomes a link");
      Map<String, String> before = state();

      for (String[] args : new String[][] {{"cut"}, {"cut", "--dry-run"}}) {
        CliRunner.Result result = cli().run(args);

        assertThat(result.exitCode()).as(c[0] + " " + String.join(" ", args) + ": " + result).isEqualTo(ExitCode.REPOSITORY_STATE);
        assertThat(result.err()).contains(c[2]).contains("never through a link");
      }
      assertThat(state()).isEqualTo(before);
      assertThat(Files.readString(outside.resolve("package.json"))).contains("\"1.0.0\"");
      assertThat(Files.readString(outside.resolve("CHANGELOG.md"))).isEqualTo("# not yours\n");
      try (Git git = Git.open(yard.toFile())) {
        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
      }
    }
  }

  @Test
  void aChangelogPathOutsideThePackageIsAUsageError() throws Exception {
    String config = Files.readString(yard.resolve(".trainyard.yml"))
        .replace("    - path: packages/auth-server\n", "    - path: packages/auth-server\n      changelog: ../../../x.md\n");
    Files.writeString(yard.resolve(".trainyard.yml"), config);
    commit("chore: a changelog outside the repository");

    CliRunner.Result result = cli().run("cut");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("changelog must be a path inside the package folder, got '../../../x.md'");
    assertThat(Files.exists(tmp.resolve("x.md"))).isFalse();
  }

  static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var entries = Files.list(path)) {
        for (Path entry : entries.toList()) {
          deleteTree(entry);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  // --- 6: every existing ref name is taken ---

  @Test
  void aTagOnATreeIsTakenForNextVersionAndCut() throws Exception {
    try (Git git = Git.open(yard.toFile())) {
      RefUpdate update = git.getRepository().updateRef("refs/tags/v1.4.0");
      update.setNewObjectId(git.getRepository().resolve("HEAD^{tree}"));
      assertThat(update.forceUpdate()).isEqualTo(RefUpdate.Result.NEW);
    }
    Map<String, String> before = state();

    CliRunner.Result next = cli().run("next-version");
    CliRunner.Result cut = cli().run("cut");

    for (CliRunner.Result result : new CliRunner.Result[] {next, cut}) {
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REPOSITORY_STATE);
      assertThat(result.err()).contains("tag v1.4.0 already exists and points at a tree, not a commit")
          .doesNotContain("appeared while");
    }
    assertThat(next.out()).doesNotContain("v1.4.0");
    assertThat(state()).isEqualTo(before);
  }

  // --- 7: YAML aliases ---

  @Test
  void anAliasInTheConfigurationIsRefusedBeforeAnythingIsUploaded() throws Exception {
    Files.createDirectories(yard.resolve("assets"));
    Files.writeString(yard.resolve("assets/logo.svg"), "<svg/>");
    Files.writeString(yard.resolve(".trainyard.yml"), """
        assets:
          target: s3://cdn-bucket/static
          cache-control: &cc public,max-age=86400
          rules:
            - match: "**/*.svg"
              cache-control: *cc
        """);
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));

    CliRunner.Result result = cli().env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE").env("AWS_SECRET_ACCESS_KEY", "secretExample123")
        .run("upload-assets", "--endpoint", server.baseUrl(), "--path-style", "--region", "us-east-1");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err().lines().findFirst().orElse("")).isEqualTo("trainyard: error: " + yard.resolve(".trainyard.yml")
        + ":6:22: YAML alias '*cc' is not supported: trainyard reads every value as written");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  // --- 9: exit codes ---

  @Test
  void aChangelogThatCannotBeWrittenIsExit4AndTheRepositoryIsPutBack() throws Exception {
    Path changelog = yard.resolve("packages/content-server/CHANGELOG.md");
    Files.delete(changelog);
    Files.createDirectories(changelog);
    Files.writeString(changelog.resolve(".keep"), "");
    commit("chore: a folder where the changelog was");
    Map<String, String> before = state();

    CliRunner.Result result = cli().run("cut");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REPOSITORY_STATE);
    assertThat(result.err()).contains("packages/content-server/CHANGELOG.md is not a regular file (a folder)")
        .doesNotContain("internal error");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void anImmutableChangelogIsExit4NotABug() throws Exception {
    Path changelog = yard.resolve("packages/auth-server/CHANGELOG.md");
    assumeTrue(run("chattr", "+i", changelog.toString()) == 0, "chattr +i is not available here");
    try {
      Map<String, String> before = state();

      CliRunner.Result result = cli().run("cut");

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REPOSITORY_STATE);
      assertThat(result.err()).contains("cannot write").contains("auth-server/CHANGELOG.md")
          .doesNotContain("internal error");
      assertThat(state()).isEqualTo(before);
    } finally {
      run("chattr", "-i", changelog.toString());
    }
  }

  @Test
  void aRejectingPreCommitHookIsTheRepositorysStateNotARemoteFailure() throws Exception {
    Path hook = yard.resolve(".git/hooks/pre-commit");
    Files.createDirectories(hook.getParent());
    // The hook runs with the process's environment; it prints the token it was given some other way.
    Files.writeString(hook, "#!/bin/sh\necho \"no releases today, ghs_hookProbe123456\" >&2\nexit 1\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> before = state();

    CliRunner.Result result = cli().env("GITHUB_TOKEN", "ghs_hookProbe123456").run("cut");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REPOSITORY_STATE);
    assertThat(result.err()).contains("pre-commit hook refused: no releases today, ***")
        .doesNotContain("ghs_hookProbe123456");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aLockedTagRefIsExit4NotARemoteFailure() throws Exception {
    Path lock = yard.resolve(".git/refs/tags/v1.4.0.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "");

    CliRunner.Result result = cli().run("cut");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.REPOSITORY_STATE);
    assertThat(result.err()).contains("lock").doesNotContain("internal error");
  }

  @Test
  void aCorruptObjectIsExit4ForChangelogAndDryRun() throws Exception {
    String id;
    try (Git git = Git.open(yard.toFile())) {
      id = git.getRepository().resolve("HEAD~1").name();
    }
    Path object = yard.resolve(".git/objects/" + id.substring(0, 2) + "/" + id.substring(2));
    assumeTrue(Files.exists(object), "the object is packed");
    object.toFile().setWritable(true);
    Files.writeString(object, "garbage");

    for (String[] args : new String[][] {{"changelog", "--from", "v1.3.1"}, {"cut", "--dry-run"}, {"next-version"}}) {
      CliRunner.Result result = cli().run(args);

      assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result).isEqualTo(ExitCode.REPOSITORY_STATE);
      assertThat(result.err()).contains(id).doesNotContain("internal error").doesNotContain("RevWalkException");
    }
  }

  @Test
  void exampleAtAFileIsAUsageError() throws Exception {
    Files.writeString(tmp.resolve("a-file"), "x");

    CliRunner.Result result = new CliRunner(tmp).run("example", "a-file");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("a-file is a file, not a folder");
  }

  @Test
  void anEndlessOrHugeConfigurationIsOneLineExit2() throws Exception {
    Path sparse = tmp.resolve("huge.yml");
    try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
      file.setLength(8L * 1024 * 1024 * 1024);
    }
    for (String config : new String[] {sparse.toString(), "/dev/zero"}) {
      if (!Files.isReadable(Path.of(config))) {
        continue;
      }
      CliRunner.Result result = cli().run("config", "--config", config);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(result.err().lines().toList()).hasSize(2).first().asString()
          .isEqualTo("trainyard: error: configuration file " + config + " is larger than 1024 KiB; it cannot be a trainyard configuration");
    }
  }

  // --- 10: messages ---

  @Test
  void aBinaryOrDuplicatedConfigurationSaysWhatIsWrong() throws Exception {
    Files.write(yard.resolve("binary.yml"), new byte[] {'g', 'i', 't', 0, 1, 2});
    CliRunner.Result binary = cli().run("config", "--config", "binary.yml");
    assertThat(binary.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(binary.err()).contains("is not a text file").doesNotContain("permissions");

    Files.writeString(yard.resolve("dup.yml"), "release:\n  scheme: train\n  scheme: semver\n");
    CliRunner.Result duplicate = cli().run("config", "--config", "dup.yml");
    assertThat(duplicate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(duplicate.err()).contains("dup.yml:3:3: duplicate key 'scheme' under 'release'")
        .doesNotContain("must be a mapping");
  }

  @Test
  void anInvalidPackageJsonNamesTheFileAndThePackage() throws Exception {
    Files.writeString(yard.resolve("packages/content-server/package.json"), "{\"name\": \"content-server\", \"version\" \"1.3.1\"}\n");
    commit("chore: break the package file");

    CliRunner.Result result = cli().run("cut", "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("packages/content-server/package.json:1:")
        .contains("(package content-server)");
  }

  @Test
  void escapeAndBellFromCommitSubjectsNeverReachTheTerminalOrTheChangelog() throws Exception {
    Files.writeString(yard.resolve("packages/auth-server/index.js"), "// changed\n");
    commit("fix(auth): clear \u001b[2J\u001b]0;pwned\u0007 the screen");

    CliRunner.Result dryRun = cli().run("cut", "--dry-run");
    CliRunner.Result changelog = cli().run("changelog", "--from", "v1.3.1", "--json");
    CliRunner.Result cut = cli().run("cut");

    for (CliRunner.Result result : new CliRunner.Result[] {dryRun, changelog, cut}) {
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out() + result.err()).doesNotContain("\u001b").doesNotContain("\u0007");
    }
    assertThat(dryRun.out()).contains("auth: clear \u241b[2J\u241b]0;pwned\u2407 the screen");
    String written = Files.readString(yard.resolve("packages/auth-server/CHANGELOG.md"), StandardCharsets.UTF_8);
    assertThat(written).contains("clear \u241b[2J").doesNotContain("\u001b").doesNotContain("\u0007");
    JsonNode entries = JSON.readTree(changelog.out()).path("entries");
    assertThat(entries.toString()).doesNotContain("\\u001b");
  }

  @Test
  void uploadWithoutAwsCredentialsIsOneLineSayingWhatToDo() throws Exception {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
        && System.getenv("AWS_PROFILE") == null, "AWS credentials in this test's environment");
    Path none = tmp.resolve("no-aws-files");
    String[] properties = {"aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata"};
    String[] values = {none.toString(), none.toString(), "true"};
    String[] before = new String[properties.length];
    for (int i = 0; i < properties.length; i++) {
      before[i] = System.getProperty(properties[i]);
      System.setProperty(properties[i], values[i]);
    }
    try {
      Files.createDirectories(yard.resolve("assets"));
      Files.writeString(yard.resolve("assets/logo.svg"), "<svg/>");

      CliRunner.Result result = cli().run("upload-assets", "--target", "s3://cdn-bucket/static", "--endpoint",
          server.baseUrl(), "--path-style", "--region", "us-east-1", "--dry-run");

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(result.err()).contains("trainyard: error: no AWS credentials: looked for AWS_ACCESS_KEY_ID")
          .contains("hint: in GitHub Actions run aws-actions/configure-aws-credentials")
          .doesNotContain("ProviderChain").doesNotContain("SystemPropertyCredentialsProvider");
      assertThat(result.err().lines().filter(l -> l.startsWith("trainyard: error:") || l.startsWith("  hint:"))).hasSize(2);
    } finally {
      for (int i = 0; i < properties.length; i++) {
        if (before[i] == null) {
          System.clearProperty(properties[i]);
        } else {
          System.setProperty(properties[i], before[i]);
        }
      }
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start().waitFor();
    } catch (IOException e) {
      return -1;
    }
  }

}
