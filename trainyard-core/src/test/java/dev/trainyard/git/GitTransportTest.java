package dev.trainyard.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which URLs git reaches over SSH, and which remotes may see the GitHub token. */
class GitTransportTest {
  @Test
  void theTokenGoesOnlyToTheGitHubServerOverHttps() {
    String server = "https://github.com";
    assertThat(GitTransport.tokenFor("https://github.com/o/r.git", "ghs_x", server)).isEqualTo("ghs_x");
    assertThat(GitTransport.tokenFor("https://GitHub.com/o/r", "ghs_x", server)).isEqualTo("ghs_x");
    assertThat(GitTransport.tokenFor("http://github.com/o/r.git", "ghs_x", server)).as("plain HTTP").isNull();
    assertThat(GitTransport.tokenFor("https://gitlab.example/o/r.git", "ghs_x", server)).as("another host").isNull();
    assertThat(GitTransport.tokenFor("https://github.com.evil.example/o/r.git", "ghs_x", server)).isNull();
    assertThat(GitTransport.tokenFor("git@github.com:o/r.git", "ghs_x", server)).as("SSH").isNull();
    assertThat(GitTransport.tokenFor("https://ghe.corp.example/o/r.git", "ghs_x", "https://ghe.corp.example"))
        .isEqualTo("ghs_x");
    assertThat(GitTransport.tokenFor("https://github.com/o/r.git", null, server)).isNull();
  }

  @Test
  void sshUrlsAreTheFormsGitReachesOverSsh() {
    assertThat(GitTransport.isSsh("git@github.com:o/r.git")).isTrue();
    assertThat(GitTransport.isSsh("ssh://git@github.com/o/r.git")).isTrue();
    assertThat(GitTransport.isSsh("https://github.com/o/r.git")).isFalse();
    assertThat(GitTransport.isSsh("/srv/git/r.git")).isFalse();
    assertThat(GitTransport.isSsh("C:/git/r.git")).isFalse();
  }
}
