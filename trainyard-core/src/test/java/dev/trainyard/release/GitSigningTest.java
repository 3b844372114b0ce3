package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.ExternalTools;
import dev.trainyard.testing.GitFixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing as git does it, with throwaway keys in a temporary home: an OpenPGP key whose passphrase
 * gpg-agent holds (as a release owner's unlocked agent would), an X.509 certificate made by gpgsm
 * whose passphrase the agent holds too, an SSH key file, and an SSH key only the agent holds
 * ({@code key::} literal). Each release tag is then checked by git itself ({@code git tag -v}, with
 * an allowed-signers file for SSH). Needs gpg, gpgsm, ssh-keygen and git, which
 * .ci/run installs; skipped where they are missing, failed instead on CI ({@link ExternalTools}).
 */
// A program that hangs (a prompt, an agent) fails its test instead of holding up CI.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GitSigningTest {
  static final String PASSPHRASE = "correct horse battery staple";

  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();
  final List<Process> agents = new ArrayList<>();

  @AfterEach
  void stopAgents() throws Exception {
    if (env.containsKey("GNUPGHOME")) {
      run(List.of("gpgconf", "--kill", "gpg-agent"));
    }
    if (env.containsKey("SSH_AGENT_PID")) {
      run(List.of("ssh-agent", "-k"));
    }
  }

  /** Runs a command with the test's environment; returns its output, or null when it failed. */
  String run(List<String> command) throws Exception {
    // No stdin (gpgsm --gen-key waits on an open one), and the output goes to a file, so that an agent
    // the command starts (holding its descriptors) cannot keep the test waiting past the timeout.
    Path output = Files.createTempFile(tmp, "run", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return null;
    }
    return process.exitValue() == 0 ? Files.readString(output, StandardCharsets.UTF_8) : null;
  }

  Path home() throws Exception {
    Path home = tmp.resolve("h");
    Files.createDirectories(home);
    env.put("HOME", home.toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("LC_ALL", "C");
    return home;
  }

  /** The train monorepo fixture with its git config asking for signatures. */
  GitFixture repoAsking(String... keysAndValues) throws Exception {
    GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"));
    StoredConfig config = fx.repository().getConfig();
    config.setBoolean("tag", null, "gpgSign", true);
    config.setBoolean("commit", null, "gpgSign", true);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String[] key = keysAndValues[i].split("\\.");
      config.setString(key[0], key.length == 3 ? key[1] : null, key[key.length - 1], keysAndValues[i + 1]);
    }
    config.save();
    return fx;
  }

  ReleaseOutcome cut(GitFixture fx) {
    try (GitRepository repo = GitRepository.open(fx.dir())) {
      ReleasePlan plan = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).plan(repo,
          ReleaseExecutorTest.train(false), ReleaseTestRepos.monorepoConfig(), ReleasePlannerTest.LINKS);
      assertThat(plan.sign()).isTrue();
      return new ReleaseExecutor(Reporter.silent(), step -> {}, env).execute(repo, plan, null, null, null);
    }
  }

  /** {@code git tag -v} (and {@code git verify-commit}) with the test's environment and extra config. */
  String verify(GitFixture fx, String tag, String... config) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", fx.dir().toString()));
    for (String c : config) {
      command.add("-c");
      command.add(c);
    }
    List<String> tagCommand = new ArrayList<>(command);
    tagCommand.addAll(List.of("tag", "-v", tag));
    String tagOut = run(tagCommand);
    List<String> commitCommand = new ArrayList<>(command);
    commitCommand.addAll(List.of("verify-commit", tag + "^{commit}"));
    String commitOut = run(commitCommand);
    return tagOut == null || commitOut == null ? null : tagOut + commitOut;
  }

  @Test
  void anOpenPgpKeyWhosePassphraseTheAgentHoldsSignsAndGitVerifies() throws Exception {
    ExternalTools.require("gnupg", "gpg", "gpgconf", "gpg-agent");
    ExternalTools.require("git", "git");
    Path home = home();
    Path gnupg = home.resolve("g");
    Files.createDirectories(gnupg);
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
    env.put("GNUPGHOME", gnupg.toString());
    Files.writeString(gnupg.resolve("gpg-agent.conf"), "allow-preset-passphrase\n");
    assertThat(run(List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE,
        "--quick-gen-key", "Fixture Author <fixture@example.com>", "ed25519", "sign", "never"))).isNotNull();
    String keys = run(List.of("gpg", "--batch", "--with-colons", "--with-keygrip", "--list-secret-keys"));
    String keygrip = keys.lines().filter(l -> l.startsWith("grp:")).findFirst().orElseThrow().split(":")[9];
    String libexec = run(List.of("gpgconf", "--list-dirs", "libexecdir")).strip();
    assertThat(run(List.of(libexec + "/gpg-preset-passphrase", "--preset", "-P", PASSPHRASE, keygrip)))
        .as("passphrase preset in the agent").isNotNull();

    try (GitFixture fx = repoAsking("user.signingkey", "fixture@example.com")) {
      ReleaseOutcome outcome = cut(fx);
      assertThat(outcome.tag()).isEqualTo("v1.11.0");
      try (RevWalk walk = new RevWalk(fx.repository())) {
        RevTag tag = walk.parseTag(fx.repository().exactRef("refs/tags/v1.11.0").getObjectId());
        assertThat(new String(tag.getRawGpgSignature(), StandardCharsets.UTF_8)).startsWith("-----BEGIN PGP SIGNATURE-----");
      }
      assertThat(verify(fx, "v1.11.0")).as("git tag -v / verify-commit").isNotNull().contains("Good signature");
    }
  }

  /**
   * gpg.format=x509: a self-signed certificate made by gpgsm, its key's passphrase preset in
   * gpg-agent, trusted through trustlist.txt (no CRL to fetch offline), as an S/MIME signer's would be.
   */
  @Test
  void anX509CertificateWhosePassphraseTheAgentHoldsSignsAndGitVerifies() throws Exception {
    ExternalTools.require("gnupg", "gpgsm", "gpgconf", "gpg-agent");
    ExternalTools.require("git", "git");
    Path home = home();
    Path gnupg = home.resolve("g");
    Files.createDirectories(gnupg);
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
    env.put("GNUPGHOME", gnupg.toString());
    Files.writeString(gnupg.resolve("gpg-agent.conf"), "allow-preset-passphrase\n");
    Files.writeString(gnupg.resolve("gpgsm.conf"), "disable-crl-checks\n");
    Path parameters = home.resolve("certificate.txt");
    Files.writeString(parameters, """
        Key-Type: RSA
        Key-Length: 2048
        Key-Usage: sign
        Serial: random
        Name-DN: CN=Fixture Author,O=Trainyard
        Name-Email: fixture@example.com
        """);
    String certificate = run(List.of("gpgsm", "--batch", "--armor", "--pinentry-mode", "loopback", "--passphrase",
        PASSPHRASE, "--gen-key", parameters.toString()));
    assertThat(certificate).as("self-signed certificate").isNotNull();
    Path pem = home.resolve("certificate.pem");
    String end = "-----END CERTIFICATE-----";
    Files.writeString(pem, certificate.substring(certificate.indexOf("-----BEGIN CERTIFICATE-----"),
        certificate.indexOf(end) + end.length()) + "\n");
    assertThat(run(List.of("gpgsm", "--batch", "--import", pem.toString()))).as("import").isNotNull();
    String keys = run(List.of("gpgsm", "--batch", "--with-colons", "--with-keygrip", "--list-secret-keys"));
    String fingerprint = keys.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    String keygrip = keys.lines().filter(l -> l.startsWith("grp:")).findFirst().orElseThrow().split(":")[9];
    Files.writeString(gnupg.resolve("trustlist.txt"), fingerprint + " S relax\n");
    String libexec = run(List.of("gpgconf", "--list-dirs", "libexecdir")).strip();
    assertThat(run(List.of(libexec + "/gpg-preset-passphrase", "--preset", "-P", PASSPHRASE, keygrip)))
        .as("passphrase preset in the agent").isNotNull();

    try (GitFixture fx = repoAsking("gpg.format", "x509", "user.signingkey", "fixture@example.com")) {
      assertThat(cut(fx).tag()).isEqualTo("v1.11.0");
      try (RevWalk walk = new RevWalk(fx.repository())) {
        RevTag tag = walk.parseTag(fx.repository().exactRef("refs/tags/v1.11.0").getObjectId());
        assertThat(new String(tag.getRawGpgSignature(), StandardCharsets.UTF_8)).startsWith("-----BEGIN SIGNED MESSAGE-----");
      }
      assertThat(verify(fx, "v1.11.0")).as("git tag -v / verify-commit").isNotNull()
          .contains("Good signature from \"/CN=Fixture Author/O=Trainyard\"");
    }
  }

  @Test
  void anSshKeyFileSignsAndGitVerifiesWithAnAllowedSignersFile() throws Exception {
    ExternalTools.require("openssh-client", "ssh-keygen");
    ExternalTools.require("git", "git");
    Path home = home();
    Path key = home.resolve("id_ed25519");
    assertThat(run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fixture", "-f", key.toString())))
        .isNotNull();
    Path allowed = allowedSigners(key);
    try (GitFixture fx = repoAsking("gpg.format", "ssh", "user.signingkey", key.toString())) {
      cut(fx);
      try (RevWalk walk = new RevWalk(fx.repository())) {
        RevTag tag = walk.parseTag(fx.repository().exactRef("refs/tags/v1.11.0").getObjectId());
        assertThat(new String(tag.getRawGpgSignature(), StandardCharsets.UTF_8)).startsWith("-----BEGIN SSH SIGNATURE-----");
      }
      assertThat(verify(fx, "v1.11.0", "gpg.ssh.allowedSignersFile=" + allowed))
          .as("git tag -v / verify-commit").isNotNull().contains("Good \"git\" signature for fixture@example.com");
    }
  }

  @Test
  void anSshKeyTheAgentHoldsSignsThroughAKeyLiteral() throws Exception {
    ExternalTools.require("openssh-client", "ssh-keygen", "ssh-agent", "ssh-add");
    ExternalTools.require("git", "git");
    Path home = home();
    Path key = home.resolve("id_agent");
    assertThat(run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fixture", "-f", key.toString())))
        .isNotNull();
    Path socket = home.resolve("agent.sock");
    String agent = run(List.of("ssh-agent", "-a", socket.toString(), "-s"));
    assertThat(agent).isNotNull();
    env.put("SSH_AUTH_SOCK", socket.toString());
    agent.lines().filter(l -> l.startsWith("SSH_AGENT_PID=")).findFirst()
        .ifPresent(l -> env.put("SSH_AGENT_PID", l.substring("SSH_AGENT_PID=".length(), l.indexOf(';'))));
    assertThat(run(List.of("ssh-add", key.toString()))).isNotNull();
    Path allowed = allowedSigners(key);
    String literal = "key::" + Files.readString(Path.of(key + ".pub")).strip();
    Files.delete(key);
    try (GitFixture fx = repoAsking("gpg.format", "ssh", "user.signingkey", literal)) {
      cut(fx);
      assertThat(verify(fx, "v1.11.0", "gpg.ssh.allowedSignersFile=" + allowed)).isNotNull();
    }
  }

  Path allowedSigners(Path key) throws Exception {
    String publicKey = Files.readString(Path.of(key + ".pub")).strip();
    Path allowed = tmp.resolve("allowed_signers");
    Files.writeString(allowed, "fixture@example.com namespaces=\"git\" " + publicKey + "\n");
    return allowed;
  }

  @Test
  void aMissingSshKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
    home();
    try (GitFixture fx = repoAsking("gpg.format", "ssh", "user.signingkey", tmp.resolve("nope.pub").toString())) {
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      assertThatThrownBy(() -> cut(fx)).isInstanceOfSatisfying(TrainyardException.class, e -> {
        assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
        assertThat(e.getMessage()).startsWith("user.signingkey names ").endsWith("nope.pub, which does not exist or cannot be read");
      });
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
    }
  }

  @Test
  void aSignatureThatFailsLeavesTheRepositoryAsItWas() throws Exception {
    Path home = home();
    Path gpg = home.resolve("fake-gpg");
    Files.writeString(gpg, """
        #!/bin/sh
        case "$*" in *--list-secret-keys*) exit 0 ;; esac
        cat >/dev/null
        echo "gpg: signing failed: Operation cancelled" >&2
        exit 2
        """);
    Files.setPosixFilePermissions(gpg, PosixFilePermissions.fromString("rwx------"));
    try (GitFixture fx = repoAsking("gpg.program", gpg.toString())) {
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      assertThatThrownBy(() -> cut(fx)).isInstanceOfSatisfying(TrainyardException.class, e -> {
        assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
        assertThat(e.getMessage()).contains("signing with gpg.program failed (exit 2): gpg: signing failed: Operation cancelled")
            .endsWith("; the repository was put back as it was");
      });
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
    }
  }

  @Test
  void aProgramThatIsNotInstalledIsRefusedNamingTheKey() throws Exception {
    home();
    try (GitFixture fx = repoAsking("gpg.format", "x509", "gpg.x509.program", "no-such-gpgsm")) {
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      assertThatThrownBy(() -> cut(fx))
          .hasMessage("git config asks for signed tags/commits (gpg.format=x509), but gpg.x509.program 'no-such-gpgsm'"
              + " is not an executable on PATH");
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
    }
  }
}
