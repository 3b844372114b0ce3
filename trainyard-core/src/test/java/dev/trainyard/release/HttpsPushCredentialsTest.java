package dev.trainyard.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.git.GitRepository;
import dev.trainyard.report.Reporter;
import dev.trainyard.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token travels the way GitHub expects it over smart HTTP: as the password of user
 * x-access-token, sent after the server's Basic challenge. The fake server then refuses the push,
 * which also proves the rollback after a remote failure.
 */
class HttpsPushCredentialsTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  @Test
  void theTokenIsSentAsBasicAuthForXAccessTokenAndARefusalRollsBack() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("x-access-token:ghs_push".getBytes(StandardCharsets.UTF_8));
    server.stubFor(get(urlPathEqualTo("/o/r.git/info/refs")).withHeader("Authorization", absent())
        .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"GitHub\"")));
    server.stubFor(get(urlPathEqualTo("/o/r.git/info/refs")).withHeader("Authorization", equalTo(basic))
        .willReturn(aResponse().withStatus(403).withBody("Permission to o/r.git denied to github-actions[bot].")));
    try (GitFixture fx = ReleaseTestRepos.trainMonorepo(tmp)) {
      var config = fx.repository().getConfig();
      config.setString("remote", "origin", "url", server.baseUrl() + "/o/r.git");
      config.save();
      Map<String, String> before = ReleaseExecutorTest.snapshot(fx);
      try (GitRepository repo = GitRepository.open(tmp)) {
        ReleasePlan plan = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).plan(repo,
            ReleaseExecutorTest.train(false), ReleaseTestRepos.monorepoConfig(), ReleasePlannerTest.LINKS);
        assertThatThrownBy(() -> new ReleaseExecutor(Reporter.silent())
            .execute(repo, plan, new PushTarget("origin", "ghs_push", "localhost", false), null, null))
            .isInstanceOfSatisfying(TrainyardException.class, e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.REMOTE);
              assertThat(e.getMessage()).startsWith("release failed: ").endsWith("; the repository was put back as it was")
                  .doesNotContain("ghs_push");
            });
      }
      server.verify(getRequestedFor(urlPathEqualTo("/o/r.git/info/refs"))
          .withQueryParam("service", equalTo("git-receive-pack")).withHeader("Authorization", equalTo(basic)));
      assertThat(ReleaseExecutorTest.snapshot(fx)).isEqualTo(before);
    }
  }
}
