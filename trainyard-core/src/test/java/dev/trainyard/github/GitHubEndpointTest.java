package dev.trainyard.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubEndpointTest {

  @Test
  void readsTheActionsEnvironment() {
    GitHubEndpoint endpoint =
        GitHubEndpoint.fromEnvironment(
            Map.of(
                "GITHUB_API_URL", "https://ghe.example.com/api/v3/",
                "GITHUB_SERVER_URL", "https://ghe.example.com",
                "GITHUB_TOKEN", "ghs_abc",
                "GITHUB_REPOSITORY", "octo-org/octo-repo"));

    assertThat(endpoint.apiUrl()).isEqualTo("https://ghe.example.com/api/v3");
    assertThat(endpoint.api("/repos/x/y").toString()).isEqualTo("https://ghe.example.com/api/v3/repos/x/y");
    assertThat(endpoint.serverUrl()).isEqualTo("https://ghe.example.com");
    assertThat(endpoint.repository()).isEqualTo(new RepositorySlug("octo-org", "octo-repo"));
    assertThat(endpoint.token()).isEqualTo("ghs_abc");
    assertThat(endpoint.toString()).doesNotContain("ghs_abc");
  }

  @Test
  void defaultsToGithubDotComAnonymous() {
    GitHubEndpoint endpoint = GitHubEndpoint.fromEnvironment(Map.of("GITHUB_TOKEN", " "));

    assertThat(endpoint.apiUrl()).isEqualTo("https://api.github.com");
    assertThat(endpoint.serverUrl()).isEqualTo("https://github.com");
    assertThat(endpoint.hasToken()).isFalse();
    assertThat(endpoint.repository()).isNull();
  }

  @Test
  void aBadUrlOrSlugNamesTheVariable() {
    assertThatThrownBy(() -> GitHubEndpoint.fromEnvironment(Map.of("GITHUB_API_URL", "api.github.com")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessage("GITHUB_API_URL is not an http(s) URL: 'api.github.com'");
    assertThatThrownBy(() -> RepositorySlug.parse("just-a-name", "--repo-slug"))
        .hasMessage("--repo-slug must be OWNER/NAME, got 'just-a-name'");
    assertThatThrownBy(() -> RepositorySlug.parse("a/b/c", "GITHUB_REPOSITORY"))
        .hasMessage("GITHUB_REPOSITORY must be OWNER/NAME, got 'a/b/c'");
  }

  @Test
  void aTokenWithAControlCharacterIsRefusedWithoutItsValue() {
    assertThat(GitHubEndpoint.checkedToken("  ghs_trailingNewline\n", "GITHUB_TOKEN")).isEqualTo("ghs_trailingNewline");
    assertThatThrownBy(() -> GitHubEndpoint.fromEnvironment(Map.of("GITHUB_TOKEN", "ghs_first\nghs_second")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessageStartingWith("GITHUB_TOKEN contains a line break at position 10 of 20;")
        .hasMessageNotContaining("ghs_first").hasMessageNotContaining("ghs_second");
    assertThatThrownBy(() -> GitHubEndpoint.checkedToken("ghs\u001b[2Jx", "--token"))
        .hasMessageStartingWith("--token contains a control character at position 4 of 8");
    assertThatThrownBy(() -> GitHubEndpoint.checkedToken("ghs_with space", "--token"))
        .hasMessageStartingWith("--token contains white space at position 9");
    assertThatThrownBy(() -> GitHubEndpoint.checkedToken("ghs_\u00e9", "--token"))
        .hasMessageStartingWith("--token contains a non-ASCII character at position 5");
    assertThatThrownBy(() -> GitHubEndpoint.defaults().withToken("a\rb"))
        .hasMessageStartingWith("the GitHub token contains a line break");
  }

  @Test
  void theTokenGoesOverPlainHttpOnlyToThisMachine() {
    Map<String, String> env = Map.of("GITHUB_API_URL", "http://ghe.example.com/api/v3", "GITHUB_TOKEN", "ghs_clearTextProbe01");

    assertThatThrownBy(() -> GitHubEndpoint.resolve(GitHubConfig.DEFAULTS, env, null, "--repo-slug", null))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessage("GITHUB_API_URL is http://ghe.example.com/api/v3: the GitHub token goes only over HTTPS"
            + " (plain HTTP only to this machine, e.g. 127.0.0.1)")
        .hasMessageNotContaining("ghs_clearTextProbe01");
    assertThatThrownBy(() -> GitHubEndpoint.resolve(new GitHubConfig(null, "http://10.1.2.3/api/v3", null), Map.of(),
        null, "--repo-slug", "ghs_clearTextProbe01"))
        .hasMessageStartingWith("github.api-url is http://10.1.2.3/api/v3: ");
    // Without a token nothing secret travels; to this machine (a local test server) the token may.
    assertThat(GitHubEndpoint.resolveLocation(GitHubConfig.DEFAULTS, env).apiUrl())
        .isEqualTo("http://ghe.example.com/api/v3");
    assertThat(GitHubEndpoint.resolve(GitHubConfig.DEFAULTS, Map.of("GITHUB_API_URL", "http://127.0.0.1:8080",
        "GITHUB_TOKEN", "ghs_clearTextProbe01"), null, "--repo-slug", null).hasToken()).isTrue();
  }
}
