package dev.trainyard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.deploy.dockerflow.EndpointUrls;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small pieces the plan and the poller stand on: path rules, URLs and version order (globs: match.GlobTest). */
class DeployPiecesTest {
  @Test
  void pathRulesFollowFoldersAndFileNames() {
    PathRule folder = PathRule.of(List.of("packages/auth-server"));
    assertThat(folder.matches("packages/auth-server/lib/index.js")).isTrue();
    assertThat(folder.matches("packages/auth-server")).isTrue();
    assertThat(folder.matches("packages/auth-server-v2/index.js")).as("a sibling with a longer name").isFalse();
    PathRule globs = PathRule.of(List.of("packages/*/migrations/**", "*.sql"));
    assertThat(globs.matches("packages/db/migrations/2026/001.js")).isTrue();
    assertThat(globs.matches("deep/down/patch-002.sql")).as("a pattern without / matches file names").isTrue();
    assertThat(globs.matches("packages/db/src/index.js")).isFalse();
    assertThat(PathRule.of(List.of("./web/")).matches("web/a/b.css")).isTrue();
    assertThat(PathRule.of(List.of(".")).matches("anything/at/all")).isTrue();
    assertThat(PathRule.of(List.of("**/migrations/**")).matches("migrations/001.sql")).as("**/ matches no folder").isTrue();
  }

  @Test
  void theHeartbeatIsBesideTheVersionAndCredentialsAreNeverShown() {
    assertThat(EndpointUrls.heartbeatBeside(URI.create("https://accounts.example.com/__version__")))
        .isEqualTo(URI.create("https://accounts.example.com/__heartbeat__"));
    assertThat(EndpointUrls.heartbeatBeside(URI.create("https://profile.example.com/v1/__version__?x=1")))
        .isEqualTo(URI.create("https://profile.example.com/v1/__heartbeat__"));
    assertThat(EndpointUrls.redact(URI.create("https://deploy:s3cret@accounts.example.com:8443/__version__")))
        .isEqualTo("https://accounts.example.com:8443/__version__");
    assertThatThrownBy(() -> EndpointUrls.parse("ftp://example.com/__version__", "deploy.services.a.version-url.stage"))
        .hasMessageContaining("must be an http:// or https:// URL");
  }

  @Test
  void versionsMadeOfNumbersAreOrdered() {
    assertThat(VersionOrder.compare("v1.212.0", "1.211.3")).contains(1);
    assertThat(VersionOrder.compare("1.9.0", "1.10.0")).contains(-1);
    assertThat(VersionOrder.compare("2026.11.26-1", "2026.11.26")).contains(1);
    assertThat(VersionOrder.compare("1.2", "1.2.0")).contains(0);
    assertThat(VersionOrder.compare("main-4c2b7e9", "1.2.0")).isEmpty();
  }
}
