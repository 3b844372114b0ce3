package dev.trainyard.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.testing.GitFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code RemoteRefs.list} (preflight's "up to date with the remote") sends the GitHub token:
 * WireMock over HTTPS answering git's smart-HTTP discovery with a Basic challenge, as a hostile
 * or misconfigured server would, and redirecting to another host.
 */
class RemoteRefsTest {
  private static final String TOKEN = "ghs_remoteRefsProbe0123456789";

  @RegisterExtension
  static WireMockExtension gitHub = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().dynamicHttpsPort()).build();

  @RegisterExtension
  static WireMockExtension elsewhere = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().dynamicHttpsPort()).build();

  @TempDir Path tmp;

  private static void challenge(WireMockExtension server) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Basic realm=\"git\"")));
  }

  private static List<String> authorizations(WireMockExtension server) {
    return server.getAllServeEvents().stream().map(ServeEvent::getRequest)
        .filter(r -> r.containsHeader("Authorization")).map(r -> r.getHeader("Authorization")).toList();
  }

  private void listAndExpectRefusal(String url) throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("repo"))) {
      fx.commit("feat: first", "README.md", "hello\n");
      StoredConfig config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", url);
      // WireMock's certificate is self-signed; the test is about where the token goes, not TLS.
      config.setBoolean("http", null, "sslVerify", false);
      config.save();
      try (GitRepository repo = GitRepository.open(fx.dir())) {
        assertThatThrownBy(() -> RemoteRefs.list(repo, "origin", TOKEN, "localhost"))
            .isInstanceOfSatisfying(TrainyardException.class, e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
              assertThat(e.getMessage()).doesNotContain(TOKEN);
            });
      }
    }
  }

  @Test
  void theGitHubServerOverHttpsGetsTheTokenAfterItsChallenge() throws Exception {
    challenge(gitHub);

    listAndExpectRefusal("https://localhost:" + gitHub.getRuntimeInfo().getHttpsPort() + "/o/r.git");

    assertThat(authorizations(gitHub)).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("Basic "));
  }

  @Test
  void aRedirectToAnotherHostGetsNoToken() throws Exception {
    challenge(elsewhere);
    String other = "https://127.0.0.1:" + elsewhere.getRuntimeInfo().getHttpsPort();
    gitHub.stubFor(get(urlPathEqualTo("/o/r.git/info/refs")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", other + "/o/r.git/info/refs?service=git-upload-pack")));

    listAndExpectRefusal("https://localhost:" + gitHub.getRuntimeInfo().getHttpsPort() + "/o/r.git");

    assertThat(elsewhere.getAllServeEvents()).as("the redirect was followed").isNotEmpty();
    assertThat(authorizations(elsewhere)).isEmpty();
    assertThat(authorizations(gitHub)).isEmpty();
  }

  @Test
  void theTagsACloneLacksAreNamedInTheSameOrderOnEveryRun() throws Exception {
    try (GitFixture fx = GitFixture.init(tmp.resolve("repo"))) {
      ObjectId head = fx.commit("feat: first", "README.md", "hello\n");
      // Eight tags only the remote has; the message shows five, by name. An order that depended on
      // the map's hashing (Map.copyOf's differs from one JVM to the next) would name others.
      Map<String, ObjectId> remoteTags = new HashMap<>();
      for (String name : List.of("v1.8.0", "v1.3.0", "v1.6.0", "v1.1.0", "v1.7.0", "v1.2.0", "v1.5.0", "v1.4.0")) {
        remoteTags.put(name, head);
      }
      RemoteRefs refs = new RemoteRefs("https://example.invalid/o/r.git", Map.of("main", head), remoteTags, Map.of());

      try (GitRepository repo = GitRepository.open(fx.dir())) {
        assertThat(refs.problems(repo, "origin", "main", head, "v1.9.0")).containsExactly(
            "origin has 8 tags this clone lacks (v1.1.0, v1.2.0, v1.3.0, v1.4.0, v1.5.0 and 3 more), so the version"
                + " may be wrong (run 'git fetch --tags origin')");
      }
      assertThat(refs.tags().keySet()).containsExactly(
          "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0", "v1.5.0", "v1.6.0", "v1.7.0", "v1.8.0");
    }
  }
}
