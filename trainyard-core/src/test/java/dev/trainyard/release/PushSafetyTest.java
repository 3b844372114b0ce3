package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.http.RecordingReporter;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where cut --push sends the token, and what a remote's hooks can say: real remotes (a bare
 * repository with hooks, reached with the system git) and WireMock answering the smart-HTTP
 * discovery with a Basic challenge, as a hostile or misconfigured server would. Both of cut's
 * trips to the remote are checked: the look at its refs before anything is written, and the push.
 */
class PushSafetyTest {
  private static final String TOKEN = "ghs_pushSafetyProbe0123456789";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  private static CutRequest push(String gitHubServer) {
    GitHubEndpoint gitHub = new GitHubEndpoint(gitHubServer + "/api/v3", gitHubServer, TOKEN,
        RepositorySlug.parse("o/r", "test"));
    return CutRequest.resolve(ReleaseTestRepos.monorepoConfig(), new CutFlags(VersionFlags.NONE, false, true, false),
        gitHub);
  }

  private static void challengeEverything(WireMockExtension wireMock) {
    wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Basic realm=\"git\"")));
  }

  private static List<String> authorizationHeaders(WireMockExtension wireMock) {
    return wireMock.getAllServeEvents().stream().map(ServeEvent::getRequest)
        .filter(r -> r.containsHeader("Authorization")).map(r -> r.getHeader("Authorization")).toList();
  }

  private void cutAndExpectRemoteFailure(GitFixture fx, String remoteUrl, String gitHubServer, RecordingReporter reporter)
      throws Exception {
    StoredConfig config = fx.repository().getConfig();
    config.setString("remote", "origin", "url", remoteUrl);
    config.save();
    Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
    CutRequest request = push(gitHubServer);
    try (GitRepository repo = GitRepository.open(tmp.resolve("repo"))) {
      // cut first looks at the remote (ls-remote, the same credentials rule as the push): refused there,
      // before anything is written.
      assertThatThrownBy(() -> new Releases(ReleasePlannerTest.CLOCK, reporter).cut(repo, request))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
            assertThat(e.getMessage()).startsWith("cannot list the refs of origin (").doesNotContain(TOKEN);
          });
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
      // The push itself, past that look: refused by the server and rolled back.
      var links = Releases.links(repo, request.gitHub(), request.remote());
      ReleasePlan plan = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent())
          .plan(repo, request.version(), request.config(), links);
      PushTarget target = Releases.pushTarget(repo, request, links, reporter);
      assertThatThrownBy(() -> new ReleaseExecutor(Reporter.silent()).execute(repo, plan, target, null, null))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
            assertThat(e.getMessage()).endsWith("; the repository was put back as it was").doesNotContain(TOKEN);
          });
    }
    assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
  }

  @Test
  void theTokenGoesToTheGitHubServerOverLoopbackHttpButToNoOtherHost() throws Exception {
    challengeEverything(server);
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      // The control: the GitHub server itself, on loopback, gets the token after its challenge.
      cutAndExpectRemoteFailure(fx, server.baseUrl() + "/o/r.git", server.baseUrl(), new RecordingReporter());
      assertThat(authorizationHeaders(server)).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("Basic "));

      // Another host (github.com is the server) answering 401 gets nothing, and the user is told.
      server.resetRequests();
      RecordingReporter reporter = new RecordingReporter();
      cutAndExpectRemoteFailure(fx, server.baseUrl() + "/o/r.git", "https://github.com", reporter);
      assertThat(authorizationHeaders(server)).isEmpty();
      assertThat(reporter.warnings()).anySatisfy(w -> assertThat(w)
          .contains("GITHUB_TOKEN goes only to https://github.com over HTTPS"));
    }
  }

  @Test
  void theTokenNeverTravelsOverPlainHttpToANonLoopbackAddress() throws Exception {
    Optional<String> address = nonLoopbackAddress();
    assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
    challengeEverything(server);
    String plain = "http://" + address.get() + ":" + server.getPort();
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      // Even when it is the configured GitHub server: plain HTTP off this machine carries no token.
      cutAndExpectRemoteFailure(fx, plain + "/o/r.git", plain, new RecordingReporter());
    }
    assertThat(server.getAllServeEvents()).as("the server was asked").isNotEmpty();
    assertThat(authorizationHeaders(server)).isEmpty();
  }

  @Test
  void aRedirectToAnotherHostGetsNoToken() throws Exception {
    challengeEverything(elsewhere);
    String otherHost = elsewhere.baseUrl().replace("localhost", "127.0.0.1");
    server.stubFor(get(urlPathEqualTo("/o/r.git/info/refs")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", otherHost + "/o/r.git/info/refs?service=git-receive-pack")));
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      cutAndExpectRemoteFailure(fx, server.baseUrl() + "/o/r.git", server.baseUrl(), new RecordingReporter());
    }
    assertThat(elsewhere.getAllServeEvents()).as("the redirect was followed").isNotEmpty();
    assertThat(authorizationHeaders(elsewhere)).isEmpty();
  }

  @Test
  void aLocalRemotesPreReceiveHookRunsAndItsRefusalRollsBack() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    Path hook = bare.resolve("hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\necho 'releases are frozen this week' >&2\nexit 1\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String url : List.of(bare.toUri().toString(), bare.toString())) {
      try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo-" + Math.abs(url.hashCode())))) {
        StoredConfig config = fx.repository().getConfig();
        config.setString("remote", "origin", "url", url);
        config.save();
        Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
        try (GitRepository repo = GitRepository.open(fx.dir())) {
          assertThatThrownBy(() -> new Releases(ReleasePlannerTest.CLOCK, new RecordingReporter())
              .cut(repo, push("https://github.com")))
              .isInstanceOfSatisfying(TrainyardException.class, e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
                assertThat(e.getMessage()).contains("push of refs/heads/train-11 to origin was rejected")
                    .contains("pre-receive hook declined").contains("releases are frozen this week")
                    .endsWith("; the repository was put back as it was");
              });
        }
        assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
      }
      try (Git remote = Git.open(bare.toFile())) {
        assertThat(remote.getRepository().getRefDatabase().getRefs()).as("nothing reached " + url).isEmpty();
      }
    }
  }

  @Test
  void aLocalRemoteWithoutHooksIsPushedWithGit() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp.resolve("repo"))) {
      StoredConfig config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", bare.toString());
      config.save();
      try (GitRepository repo = GitRepository.open(fx.dir())) {
        CutOutcome outcome = new Releases(ReleasePlannerTest.CLOCK, new RecordingReporter()).cut(repo, push("https://github.com"));
        assertThat(outcome).isInstanceOfSatisfying(CutOutcome.Released.class, released -> assertThat(
            released.outcome().pushedRefs()).containsExactly("refs/heads/train-11", "refs/tags/v1.11.0"));
      }
    }
    try (Git remote = Git.open(bare.toFile())) {
      assertThat(remote.getRepository().exactRef("refs/tags/v1.11.0")).isNotNull();
      assertThat(remote.getRepository().exactRef("refs/heads/train-11")).isNotNull();
    }
  }

  private static Optional<String> nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
          return Optional.of(address.getHostAddress());
        }
      }
    }
    return Optional.empty();
  }
}
