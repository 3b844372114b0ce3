package dev.trainyard.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The class-data training's round trip must stay a real upload followed by a real no-op. */
class S3RoundTripTest {
  private static final String KEYS =
      "[ \"site/icons/a.svg\", \"site/icons/b.css\", \"site/index.html\", \"site/video.mp4\" ]";

  @Test
  void uploadsFourFilesThenFindsThemUnchanged() throws Exception {
    List<S3RoundTrip.Run> runs = S3RoundTrip.run();

    assertThat(runs).extracting(S3RoundTrip.Run::exitCode).containsExactly(0, 0);
    assertThat(runs.get(0).output()).contains("listed 0 remote objects").contains("\"uploaded\" : " + KEYS);
    assertThat(runs.get(1).output()).contains("listed 4 remote objects").contains("\"uploaded\" : [ ]")
        .contains("\"unchanged\" : " + KEYS);
  }
}
