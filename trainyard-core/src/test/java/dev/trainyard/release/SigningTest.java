package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.ExternalTools;
import dev.trainyard.testing.GitFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing with a real OpenPGP key, as a release owner with {@code tag.gpgSign=true} has it: the key
 * is made by the gpg binary in a throwaway home, and JGit's BouncyCastle signer reads it from there.
 * Skipped where no gpg binary is installed (failed instead on CI, see {@link ExternalTools}).
 */
// A program that hangs (a prompt, an agent) fails its test instead of holding up CI.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SigningTest {
  @TempDir Path tmp;
  File originalHome = FS.DETECTED.userHome();
  Path gnupg;

  @AfterEach
  void restore() throws Exception {
    FS.DETECTED.setUserHome(originalHome);
    if (gnupg != null) {
      new ProcessBuilder("gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent")
          .redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static boolean run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  @Test
  void tagAndCommitAreSignedWhenGitConfigAsks() throws Exception {
    ExternalTools.require("gnupg", "gpg", "gpgconf");
    Path home = tmp.resolve("home");
    gnupg = home.resolve(".gnupg");
    Files.createDirectories(gnupg);
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
    assertThat(run(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback",
        "--passphrase", "", "--quick-gen-key", "Fixture Author <fixture@example.com>", "rsa2048", "sign", "never")))
        .as("gpg key generation").isTrue();
    FS.DETECTED.setUserHome(home.toFile());

    Path dir = tmp.resolve("repo");
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(dir)) {
      var config = fx.repository().getConfig();
      config.setBoolean("tag", null, "gpgSign", true);
      config.setBoolean("commit", null, "gpgSign", true);
      config.setString("user", null, "signingKey", "fixture@example.com");
      config.save();
      ReleasePlan plan;
      try (GitRepository repo = GitRepository.open(dir)) {
        plan = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).plan(repo,
            ReleaseExecutorTest.train(false), ReleaseTestRepos.monorepoConfig(), ReleasePlannerTest.LINKS);
        assertThat(plan.sign()).isTrue();
        new ReleaseExecutor(Reporter.silent()).execute(repo, plan, null, null, null);
      }
      try (RevWalk walk = new RevWalk(fx.repository())) {
        RevTag tag = walk.parseTag(fx.repository().exactRef("refs/tags/v1.11.0").getObjectId());
        assertThat(tag.getRawGpgSignature()).isNotNull();
        assertThat(new String(tag.getRawGpgSignature())).startsWith("-----BEGIN PGP SIGNATURE-----");
        RevCommit commit = walk.parseCommit(tag.getObject());
        assertThat(commit.getRawGpgSignature()).isNotNull();
      }
    }
  }

  @Test
  void withoutGpgAPassphraseProtectedKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
    ExternalTools.require("gnupg", "gpg", "gpgconf");
    Path home = tmp.resolve("home");
    gnupg = home.resolve(".gnupg");
    Files.createDirectories(gnupg);
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
    assertThat(run(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback",
        "--passphrase", "correct horse", "--quick-gen-key", "Fixture Author <fixture@example.com>", "rsa2048", "sign",
        "never"))).as("gpg key generation").isTrue();
    FS.DETECTED.setUserHome(home.toFile());
    Path dir = tmp.resolve("repo");
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(dir)) {
      var config = fx.repository().getConfig();
      config.setBoolean("tag", null, "gpgSign", true);
      config.setString("user", null, "signingKey", "fixture@example.com");
      config.save();
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      try (GitRepository repo = GitRepository.open(dir)) {
        ReleasePlan plan = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).plan(repo,
            ReleaseExecutorTest.train(false), ReleaseTestRepos.monorepoConfig(), ReleasePlannerTest.LINKS);
        // Without an environment (no gpg program run), JGit's own signer cannot unlock the key: refused
        // before anything is written.
        assertThatThrownBy(() -> new ReleaseExecutor(Reporter.silent()).execute(repo, plan, null, null, null))
            .isInstanceOfSatisfying(TrainyardException.class, e -> {
              assertThat(e.getMessage()).startsWith("JGit's OpenPGP signer").contains("fixture@example.com")
                  .doesNotContain("\n");
              assertThat(e.hint()).contains("install gpg");
            });
      }
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
    }
  }
}
