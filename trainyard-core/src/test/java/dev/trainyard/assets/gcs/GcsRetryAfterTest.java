package dev.trainyard.assets.gcs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.TrainyardException;
import dev.trainyard.assets.LocalAsset;
import dev.trainyard.assets.ObjectHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real google-cloud-storage client against WireMock answering like the JSON API under load:
 * a 429 or 503 with {@code Retry-After}. The waits are recorded instead of slept.
 */
class GcsRetryAfterTest {
  private static final String UPLOAD = "/upload/storage/v1/b/bkt/o";
  private static final String RATE_LIMITED =
      "{\"error\":{\"code\":429,\"message\":\"The rate of change requests to the object is too high.\",\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}";
  private WireMockServer gcs;
  private final List<Duration> slept = new ArrayList<>();
  @TempDir Path work;

  @BeforeEach
  void start() {
    gcs = new WireMockServer(wireMockConfig().dynamicPort());
    gcs.start();
  }

  @AfterEach
  void stop() {
    gcs.stop();
  }

  @Test
  void uploadWaitsTheRetryAfterThenSucceeds() throws IOException {
    LocalAsset asset = asset("cdn/app.js", "console.log(1)");
    gcs.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withHeader("Content-Type", "application/json").withBody(RATE_LIMITED)));
    gcs.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(okJson(object("cdn/app.js", asset.md5Hex(), asset.size()))));

    try (GcsObjectStore store = connect(3)) {
      assertThat(store.upload(asset, "cdn/app.js", null)).isEqualTo(asset.size());
    }

    gcs.verify(2, postRequestedFor(urlPathEqualTo(UPLOAD)).withQueryParam("ifGenerationMatch",
        com.github.tomakehurst.wiremock.client.WireMock.equalTo("0")));
    assertThat(slept).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterBeyondTheBoundFailsAtOnceNamingIt() throws IOException {
    LocalAsset asset = asset("cdn/app.js", "console.log(1)");
    gcs.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "600")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":503,\"message\":\"Backend Error\",\"errors\":[{\"reason\":\"backendError\"}]}}")));

    try (GcsObjectStore store = connect(3)) {
      assertThatThrownBy(() -> store.upload(asset, "cdn/app.js", null))
          .isInstanceOf(TrainyardException.class)
          .hasMessageContaining("503")
          .hasMessageContaining("retry after 600 s (Retry-After)");
    }

    gcs.verify(1, postRequestedFor(urlPathEqualTo(UPLOAD)));
    assertThat(slept).isEmpty();
  }

  @Test
  void anHttpDateRetryAfterIsReadOnTheStoresClockInTheMessageToo() throws IOException {
    LocalAsset asset = asset("cdn/app.js", "console.log(1)");
    gcs.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(503)
        .withHeader("Retry-After", "Sun, 22 Nov 2026 01:10:00 GMT")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":503,\"message\":\"Backend Error\",\"errors\":[{\"reason\":\"backendError\"}]}}")));
    Clock fiveMinutesBefore = Clock.fixed(Instant.parse("2026-11-22T01:05:00Z"), ZoneOffset.UTC);

    try (GcsObjectStore store = connect(3, fiveMinutesBefore)) {
      assertThatThrownBy(() -> store.upload(asset, "cdn/app.js", null))
          .isInstanceOf(TrainyardException.class)
          .hasMessageContaining("retry after 300 s (Retry-After)");
    }

    gcs.verify(1, postRequestedFor(urlPathEqualTo(UPLOAD)));
    assertThat(slept).isEmpty();
  }

  @Test
  void retryAfterDoesNotExtendTheAttemptBound() throws IOException {
    LocalAsset asset = asset("cdn/app.js", "console.log(1)");
    gcs.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
        .withHeader("Content-Type", "application/json").withBody(RATE_LIMITED)));

    try (GcsObjectStore store = connect(3)) {
      assertThatThrownBy(() -> store.upload(asset, "cdn/app.js", null)).hasMessageContaining("429");
    }

    gcs.verify(3, postRequestedFor(urlPathEqualTo(UPLOAD)));
    assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  private GcsObjectStore connect(int attempts) {
    return connect(attempts, Clock.systemUTC());
  }

  private GcsObjectStore connect(int attempts, Clock clock) {
    GcsSettings settings = GcsSettings.defaults(gcs.baseUrl(), Map.of()).anonymousAccess().withMaxAttempts(attempts);
    return GcsObjectStore.connect("bkt", settings, slept::add, clock);
  }

  private LocalAsset asset(String key, String content) throws IOException {
    Path file = work.resolve(key);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new LocalAsset(key, file, bytes.length, HexFormat.of().formatHex(md5(bytes)),
        new ObjectHeaders("text/javascript", "public,max-age=60", null, null, null));
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String object(String name, String md5Hex, long size) {
    String md5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(md5Hex));
    return "{\"kind\":\"storage#object\",\"id\":\"bkt/" + name + "/7\",\"name\":\"" + name + "\",\"bucket\":\"bkt\","
        + "\"generation\":\"7\",\"metageneration\":\"1\",\"contentType\":\"text/javascript\",\"storageClass\":\"STANDARD\","
        + "\"size\":\"" + size + "\",\"md5Hash\":\"" + md5 + "\",\"etag\":\"CAcQAQ==\","
        + "\"timeCreated\":\"2026-11-22T01:00:00.000Z\",\"updated\":\"2026-11-22T01:00:00.000Z\"}";
  }
}
