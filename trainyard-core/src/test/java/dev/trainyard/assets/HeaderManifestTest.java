package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderManifestTest {
  private static final HeaderManifest.Entry FULL = new HeaderManifest.Entry("0cc175b9c0f1b6a831c399e269772661",
      "2026-11-29T07:00:00Z", "0cc175b9c0f1b6a831c399e269772661", "image/svg+xml", "max-age=60", "attachment",
      "STANDARD_IA", "9a71bb4c3610a686");

  @Test
  void whatRenderWritesParseReads() {
    HeaderManifest.Entry sparse = new HeaderManifest.Entry("e", "2026-11-29T07:00:00Z", "m", "text/plain", null, null, null, null);
    Map<String, HeaderManifest.Entry> entries = Map.of("a/b.svg", FULL, "dir/naïve \"quoted\".txt", sparse);

    assertThat(HeaderManifest.parse(HeaderManifest.render(entries))).isEqualTo(entries);
  }

  @Test
  void fieldsOfALaterVersionAreSkipped() {
    String json = "{\"version\":1,\"writer\":{\"name\":\"trainyard\",\"tags\":[1,2]},\"objects\":{\"k\":"
        + "{\"etag\":\"e\",\"size\":5,\"extra\":{\"x\":[\"y\"]},\"md5\":\"m\",\"fingerprint\":\"f\"}}}";

    assertThat(HeaderManifest.parse(json))
        .containsExactly(Map.entry("k", new HeaderManifest.Entry("e", null, "m", null, null, null, null, "f")));
  }

  @Test
  void anUnreadableOrOtherVersionManifestIsEmpty() {
    assertThat(HeaderManifest.parse("")).isEmpty();
    assertThat(HeaderManifest.parse("[]")).isEmpty();
    assertThat(HeaderManifest.parse("{\"version\":1,\"objects\":{\"k\":{\"etag\":\"e\"")).isEmpty();
    assertThat(HeaderManifest.parse("{\"version\":1,\"objects\":{\"k\":\"e\"}}")).isEmpty();
    assertThat(HeaderManifest.parse("{\"version\":2,\"objects\":{\"k\":{\"etag\":\"e\"}}}")).isEmpty();
    assertThat(HeaderManifest.parse("{\"objects\":{\"k\":{\"etag\":\"e\"}}}")).isEmpty();
  }
}
