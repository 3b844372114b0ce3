package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.testing.ExternalTools;
import dev.trainyard.testing.GitFixture;
import dev.trainyard.testing.SshGitServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * cut and the remote: a read-only look at the remote's refs before tagging (behind, tag taken, tags
 * missing here), and a push over SSH with the user's own SSH set-up (key and known_hosts in HOME)
 * to a real SSH git server running in the test.
 */
// A program that hangs (a prompt, an agent) fails its test instead of holding up CI.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RemotesTest {
  @TempDir Path tmp;

  static CutRequest request(boolean dryRun, boolean push) {
    return CutRequest.resolve(ReleaseTestRepos.monorepoConfig(), new CutFlags(VersionFlags.NONE, dryRun, push, false),
        GitHubEndpoint.defaults());
  }

  /** The train monorepo with a bare clone of it as origin, everything pushed. */
  GitFixture withOrigin() throws Exception {
    GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"));
    Path bare = tmp.resolve("origin.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    StoredConfig config = fx.repository().getConfig();
    config.setString("remote", "origin", "url", bare.toUri().toString());
    config.save();
    fx.git().push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/*:refs/heads/*"),
        new RefSpec("refs/tags/*:refs/tags/*")).call();
    return fx;
  }

  /** Another clone of origin that lands a commit or a tag there. */
  void someoneElse(String tag) throws Exception {
    try (Git other = Git.cloneRepository().setURI(tmp.resolve("origin.git").toUri().toString()).setBranch("main")
        .setDirectory(tmp.resolve("other-" + (tag == null ? "commit" : tag)).toFile()).call()) {
      GitFixture fx = GitFixture.open(other.getRepository().getWorkTree().toPath());
      fx.commit("fix: landed elsewhere", "elsewhere.txt", "x");
      if (tag != null) {
        fx.tag(tag);
        other.push().setRefSpecs(new RefSpec("refs/tags/" + tag + ":refs/tags/" + tag)).call();
      } else {
        other.push().setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
      }
    }
  }

  CutOutcome cut(GitFixture fx, CutRequest request, RecordingReporter reporter, Map<String, String> env) {
    try (GitRepository repo = GitRepository.open(fx.dir())) {
      return new Releases(ReleasePlannerTest.CLOCK, reporter, env).cut(repo, request);
    }
  }

  @Test
  void aBranchBehindTheRemoteIsRefusedWithThePullCommandAndADryRunWarns() throws Exception {
    try (GitFixture fx = withOrigin()) {
      someoneElse(null);
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      assertThatThrownBy(() -> cut(fx, request(false, false), new RecordingReporter(), null))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
            assertThat(e.getMessage()).startsWith("not up to date with origin: origin/main is at ")
                .contains("the branch is behind (run 'git pull --ff-only origin main')").doesNotContain("\n");
          });
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);

      RecordingReporter reporter = new RecordingReporter();
      assertThat(cut(fx, request(true, false), reporter, null)).isInstanceOf(CutOutcome.Planned.class);
      assertThat(reporter.warnings()).anySatisfy(w -> assertThat(w).contains("the branch is behind")
          .endsWith("(a real cut would refuse)"));
    }
  }

  @Test
  void theRemoteHavingTheTagAlreadyIsRefusedWithTheFetchCommand() throws Exception {
    try (GitFixture fx = withOrigin()) {
      someoneElse("v1.11.0");
      assertThatThrownBy(() -> cut(fx, request(false, false), new RecordingReporter(), null))
          .isInstanceOf(TrainyardException.class)
          .hasMessageContaining("origin already has tag v1.11.0")
          .hasMessageContaining("(run 'git fetch origin tag v1.11.0' and look at it)");
    }
  }

  @Test
  void tagsTheRemoteHasAndThisCloneLacksAreRefusedWithTheFetchCommand() throws Exception {
    try (GitFixture fx = withOrigin()) {
      someoneElse("v1.10.1-feature");
      assertThatThrownBy(() -> cut(fx, request(false, false), new RecordingReporter(), null))
          .hasMessageContaining("origin has a tag this clone lacks (v1.10.1-feature), so the version may be wrong"
              + " (run 'git fetch --tags origin')");
    }
  }

  @Test
  void anUpToDateCloneIsCutAndPushed() throws Exception {
    try (GitFixture fx = withOrigin()) {
      CutOutcome outcome = cut(fx, request(false, true), new RecordingReporter(), null);
      assertThat(outcome).isInstanceOf(CutOutcome.Released.class);
      try (Repository origin = new FileRepositoryBuilder().setGitDir(tmp.resolve("origin.git").toFile()).build()) {
        assertThat(origin.exactRef("refs/tags/v1.11.0")).isNotNull();
        assertThat(origin.exactRef("refs/heads/train-11")).isNotNull();
      }
    }
  }

  static ReleaseConfig withPrivateRemote(String privateRemote) {
    ReleaseConfig c = ReleaseTestRepos.monorepoConfig();
    return new ReleaseConfig(c.scheme(), c.mainBranch(), c.remote(), c.trainMajor(), c.tagPrefix(), c.pushDay(),
        c.belowOneBreaking(), c.belowOneFeature(), c.tagPattern(), c.changelogFormat(), c.deployProduct(), c.packages(),
        c.changelogReleaseCommits(), privateRemote, null);
  }

  @Test
  void aSecurityReleaseGoesOnlyToThePrivateRemoteAndSaysHowToBringItToThePublicOne() throws Exception {
    try (GitFixture fx = withOrigin()) {
      Path privateRepo = tmp.resolve("private.git");
      Git.init().setBare(true).setDirectory(privateRepo.toFile()).call().close();
      StoredConfig config = fx.repository().getConfig();
      config.setString("remote", "private", "url", privateRepo.toUri().toString());
      config.save();
      fx.git().push().setRemote("private").setRefSpecs(new RefSpec("refs/heads/*:refs/heads/*"),
          new RefSpec("refs/tags/*:refs/tags/*")).call();
      CutRequest request = CutRequest.resolve(withPrivateRemote("private"),
          new CutFlags(VersionFlags.NONE, false, true, false, false, true, List.of()), GitHubEndpoint.defaults());
      CutOutcome outcome = cut(fx, request, new RecordingReporter(), null);

      assertThat(outcome).isInstanceOfSatisfying(CutOutcome.Released.class, released -> {
        ReleasePlan plan = released.plan();
        assertThat(plan.pushCommands()).containsExactly("git push --set-upstream private train-11", "git push private v1.11.0");
        assertThat(plan.publicSteps()).containsExactly(
            "git push origin train-11:train-11-uplift",
            "open a pull request train-11-uplift -> train-11 in the public repository",
            "git push origin v1.11.0   # once the pull request is merged",
            "trainyard merge-back --fork-sync private   # the private main must stay in sync with the public one");
      });
      try (Repository priv = new FileRepositoryBuilder().setGitDir(privateRepo.toFile()).build();
          Repository pub = new FileRepositoryBuilder().setGitDir(tmp.resolve("origin.git").toFile()).build()) {
        assertThat(priv.exactRef("refs/tags/v1.11.0")).isNotNull();
        assertThat(priv.exactRef("refs/heads/train-11")).isNotNull();
        assertThat(pub.exactRef("refs/tags/v1.11.0")).as("nothing reaches the public repository").isNull();
        assertThat(pub.exactRef("refs/heads/train-11")).isNull();
      }
    }
  }

  @Test
  void privateWithoutAPrivateRemoteIsAnInputErrorNamingTheKey() {
    assertThatThrownBy(() -> CutRequest.resolve(ReleaseTestRepos.monorepoConfig(),
        new CutFlags(VersionFlags.NONE, false, true, false, false, true, List.of()), GitHubEndpoint.defaults()))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo("--private: release.private-remote is not set");
        });
    assertThatThrownBy(() -> new CutFlags(VersionFlags.NONE, false, true, true, false, true, List.of()))
        .hasMessageStartingWith("--private and --github-release exclude each other");
  }

  static void keygen(Path key) throws Exception {
    keygen(key, "ecdsa", "256");
  }

  static void keygen(Path key, String type, String bits) throws Exception {
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-b", bits, "-N", "", "-C", "test", "-f",
        key.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("ssh-keygen").isTrue();
  }

  /** A home with an SSH key pair (ecdsa, as id_ecdsa) and a server that accepts it. */
  record SshSetup(Path home, Path key, Path hostKey, Path bare) {}

  SshSetup sshSetup() throws Exception {
    return sshSetup("id_ecdsa", "ecdsa", "256");
  }

  /** The user's key of the given type under {@code ~/.ssh/name}; the host key is always ecdsa. */
  SshSetup sshSetup(String name, String type, String bits) throws Exception {
    Path home = tmp.resolve("home");
    Path ssh = home.resolve(".ssh");
    Files.createDirectories(ssh);
    keygen(ssh.resolve(name), type, bits);
    Path hostKey = tmp.resolve("host_key");
    keygen(hostKey);
    Path authorized = tmp.resolve("authorized_keys");
    Files.copy(ssh.resolve(name + ".pub"), authorized);
    Path bare = tmp.resolve("server.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    return new SshSetup(home, ssh.resolve(name), hostKey, bare);
  }

  static void trust(SshSetup setup, int port) throws Exception {
    Files.writeString(setup.home().resolve(".ssh/known_hosts"),
        "[127.0.0.1]:" + port + " " + Files.readString(Path.of(setup.hostKey() + ".pub")).strip() + "\n");
  }

  CutOutcome cutOverSsh(SshSetup setup, int port, Map<String, String> env) throws Exception {
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      StoredConfig config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", "ssh://git@127.0.0.1:" + port + "/o/r.git");
      config.save();
      return cut(fx, request(false, true), new RecordingReporter(), env);
    }
  }

  @Test
  void aPushOverSshUsesTheUsersKeyAndKnownHostsWithoutAToken() throws Exception {
    ExternalTools.require("openssh-client", "ssh-keygen");
    SshSetup setup = sshSetup();
    try (Repository served = new FileRepositoryBuilder().setGitDir(setup.bare().toFile()).build();
        SshGitServer server = new SshGitServer(served, setup.hostKey(), tmp.resolve("authorized_keys"))) {
      trust(setup, server.port());
      CutOutcome outcome = cutOverSsh(setup, server.port(), Map.of("HOME", setup.home().toString()));
      assertThat(outcome).isInstanceOfSatisfying(CutOutcome.Released.class, released ->
          assertThat(released.outcome().pushedRefs()).containsExactly("refs/heads/train-11", "refs/tags/v1.11.0"));
      assertThat(served.exactRef("refs/tags/v1.11.0")).isNotNull();
      assertThat(served.exactRef("refs/heads/train-11")).isNotNull();
    }
  }

  @Test
  void aPushOverSshUsesAKeyOnlyTheAgentHolds() throws Exception {
    ExternalTools.require("openssh-client", "ssh-keygen", "ssh-agent", "ssh-add");
    // An RSA key in the agent, kept elsewhere (not in ~/.ssh): only the agent can sign with it.
    SshSetup setup = sshSetup("agent_rsa", "rsa", "2048");
    Path socket = setup.home().resolve("agent.sock");
    Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
    try {
      // ssh-agent prints "SSH_AUTH_SOCK=...; export SSH_AUTH_SOCK;" once its socket listens (the file
      // appears at bind, before that, and a fixed number of polls for it can run out on a loaded machine).
      String first = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(first).as("ssh-agent announced its socket").startsWith("SSH_AUTH_SOCK=" + socket + ";");
      ProcessBuilder add = new ProcessBuilder("ssh-add", setup.key().toString()).redirectErrorStream(true);
      add.environment().put("SSH_AUTH_SOCK", socket.toString());
      Process adding = add.start();
      adding.getInputStream().readAllBytes();
      assertThat(adding.waitFor(30, TimeUnit.SECONDS) && adding.exitValue() == 0).as("ssh-add").isTrue();
      Files.delete(setup.key());
      try (Repository served = new FileRepositoryBuilder().setGitDir(setup.bare().toFile()).build();
          SshGitServer server = new SshGitServer(served, setup.hostKey(), tmp.resolve("authorized_keys"))) {
        trust(setup, server.port());
        CutOutcome outcome = cutOverSsh(setup, server.port(),
            Map.of("HOME", setup.home().toString(), "SSH_AUTH_SOCK", socket.toString()));
        assertThat(outcome).isInstanceOf(CutOutcome.Released.class);
        assertThat(served.exactRef("refs/tags/v1.11.0")).isNotNull();
      }
    } finally {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
    ExternalTools.require("openssh-client", "ssh-keygen");
    SshSetup setup = sshSetup();
    try (Repository served = new FileRepositoryBuilder().setGitDir(setup.bare().toFile()).build();
        SshGitServer server = new SshGitServer(served, setup.hostKey(), tmp.resolve("authorized_keys"));
        GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      StoredConfig config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", "ssh://git@127.0.0.1:" + server.port() + "/o/r.git");
      config.save();
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      assertThatThrownBy(() -> cut(fx, request(false, true), new RecordingReporter(),
          Map.of("HOME", setup.home().toString())))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
            assertThat(e.getMessage()).startsWith("cannot list the refs of origin (");
          });
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
      assertThat(served.exactRef("refs/tags/v1.11.0")).isNull();
    }
  }
}
