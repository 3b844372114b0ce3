package dev.trainyard.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which URLs git reaches over SSH. */
class GitTransportTest {
  @Test
  void sshUrlsAreTheFormsGitReachesOverSsh() {
    assertThat(GitTransport.isSsh("git@github.com:o/r.git")).isTrue();
    assertThat(GitTransport.isSsh("ssh://git@github.com/o/r.git")).isTrue();
    assertThat(GitTransport.isSsh("https://github.com/o/r.git")).isFalse();
    assertThat(GitTransport.isSsh("/srv/git/r.git")).isFalse();
    assertThat(GitTransport.isSsh("C:/git/r.git")).isFalse();
  }
}
