package dev.trainyard.mergeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A public repository and its private security fork, both real, the fork added as a remote. */
class ForkSyncTest {
  @TempDir Path tmp;
  GitFixture ours;
  GitFixture fork;

  @BeforeEach
  void init() throws Exception {
    ours = GitFixture.init(tmp.resolve("public"));
    ours.commit("initial", "a.txt", "a\n");
    Git.cloneRepository().setURI(ours.dir().toUri().toString()).setDirectory(tmp.resolve("private").toFile())
        .call().close();
    fork = GitFixture.open(tmp.resolve("private"));
    ours.git().remoteAdd().setName("security").setUri(new URIish(fork.dir().toUri().toURL())).call();
  }

  @AfterEach
  void close() {
    fork.close();
    ours.close();
  }

  private ForkSyncResult sync() {
    ForkSync.fetch(ours.repository(), "refs/heads/main", "security", null, null, Reporter.silent());
    return ForkSync.compare(ours.repository(), "refs/heads/main", "security");
  }

  @Test
  void equal() {
    ForkSyncResult result = sync();

    assertThat(result.state()).isEqualTo(ForkSyncState.EQUAL);
    assertThat(result.remoteRef()).isEqualTo("refs/remotes/security/main");
    assertThat(result.onlyOnOurs()).isEmpty();
    assertThat(result.onlyOnFork()).isEmpty();
  }

  @Test
  void behindListsWhatTheForkLacks() {
    RevCommit published = ours.commit("fix: public", "b.txt", "b\n");

    ForkSyncResult result = sync();

    assertThat(result.state()).isEqualTo(ForkSyncState.BEHIND);
    assertThat(result.onlyOnOurs()).containsExactly(published.name());
  }

  @Test
  void aheadListsTheUnpublishedFix() {
    RevCommit secret = fork.commit("fix: security", "s.txt", "s\n");

    ForkSyncResult result = sync();

    assertThat(result.state()).isEqualTo(ForkSyncState.AHEAD);
    assertThat(result.onlyOnFork()).containsExactly(secret.name());
  }

  @Test
  void diverged() {
    RevCommit secret = fork.commit("fix: security", "s.txt", "s\n");
    RevCommit published = ours.commit("feat: public", "p.txt", "p\n");

    ForkSyncResult result = sync();

    assertThat(result.state()).isEqualTo(ForkSyncState.DIVERGED);
    assertThat(result.onlyOnFork()).containsExactly(secret.name());
    assertThat(result.onlyOnOurs()).containsExactly(published.name());
  }

  @Test
  void withoutFetchTheRemoteTrackingRefMustExist() {
    assertThatThrownBy(() -> ForkSync.compare(ours.repository(), "refs/heads/main", "security"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REPOSITORY_STATE);
          assertThat(e.getMessage()).contains("refs/remotes/security/main");
          assertThat(e.hint()).contains("--fetch");
        });
  }

  @Test
  void unknownRemoteIsAnInputError() {
    assertThatThrownBy(() -> ForkSync.compare(ours.repository(), "refs/heads/main", "nope"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.hint()).contains("git remote add nope");
        });
  }

  @Test
  void unreachableRemoteFailsAsRemoteAfterRetries() throws Exception {
    ours.git().remoteAdd().setName("gone").setUri(new URIish(tmp.resolve("missing").toUri().toURL())).call();

    assertThatThrownBy(() -> ForkSync.fetch(ours.repository(), "refs/heads/main", "gone", null, null, Reporter.silent()))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
          assertThat(e.getMessage()).contains("after 3 attempts");
        });
  }

  @Test
  void explicitBranchOfTheFork() throws Exception {
    fork.branch("stable").commit("fix: only on stable", "st.txt", "x\n");
    ForkSync.fetch(ours.repository(), "refs/heads/main", "security/stable", null, null, Reporter.silent());

    ForkSyncResult result = ForkSync.compare(ours.repository(), "refs/heads/main", "security/stable");

    assertThat(result.remoteRef()).isEqualTo("refs/remotes/security/stable");
    assertThat(result.state()).isEqualTo(ForkSyncState.AHEAD);
  }

  @Test
  void theTokenGoesToTheGitHubServerOnlyNeverToAnotherHostOrOverPlainHttp() throws Exception {
    com.github.tomakehurst.wiremock.WireMockServer server = new com.github.tomakehurst.wiremock.WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());
    server.start();
    try {
      server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
          .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
              .withHeader("WWW-Authenticate", "Basic realm=\"git\"")));
      ours.git().remoteSetUrl().setRemoteName("security").setRemoteUri(new URIish(server.baseUrl() + "/o/fork.git")).call();

      // The GitHub server is github.com: the fork on another host gets no token.
      assertThatThrownBy(() -> ForkSync.fetch(ours.repository(), "refs/heads/main", "security", "ghs_forkProbe123",
          "github.com", Reporter.silent())).isInstanceOf(TrainyardException.class);
      assertThat(server.getAllServeEvents()).isNotEmpty()
          .allSatisfy(e -> assertThat(e.getRequest().containsHeader("Authorization")).isFalse());

      // The control: the fork on the GitHub server itself (on loopback here) gets it after the challenge.
      server.resetRequests();
      assertThatThrownBy(() -> ForkSync.fetch(ours.repository(), "refs/heads/main", "security", "ghs_forkProbe123",
          "localhost", Reporter.silent())).isInstanceOf(TrainyardException.class);
      assertThat(server.getAllServeEvents()).anySatisfy(e -> assertThat(e.getRequest().getHeader("Authorization"))
          .startsWith("Basic "));
    } finally {
      server.stop();
    }
  }
}
