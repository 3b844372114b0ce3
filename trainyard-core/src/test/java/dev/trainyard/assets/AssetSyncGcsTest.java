package dev.trainyard.assets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.trainyard.assets.gcs.GcsObjectStore;
import dev.trainyard.assets.gcs.GcsSettings;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud Storage over the JSON API on HTTP: WireMock serves list, upload, patch and delete replies
 * shaped like the real service's, and the real google-cloud-storage client talks to it.
 */
class AssetSyncGcsTest {
  private static final String CACHE = "public,max-age=86400";
  private WireMockServer gcs;
  @TempDir Path work;
  private Path source;

  @BeforeEach
  void start() throws IOException {
    gcs = new WireMockServer(wireMockConfig().dynamicPort());
    gcs.start();
    source = Files.createDirectories(work.resolve("assets"));
    gcs.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":404,\"message\":\"No such object\",\"errors\":[{\"reason\":\"notFound\"}]}}")));
  }

  @AfterEach
  void stop() {
    gcs.stop();
  }

  @Test
  void plansFromTheListingAndWritesConditionally() throws IOException {
    write("cdn/same.svg", "<svg>same</svg>");
    write("cdn/changed.png", "new png");
    write("cdn/new.pdf", "%PDF new");
    write("cdn/headers.svg", "<svg>headers</svg>");
    listing(
        object("cdn/same.svg", "<svg>same</svg>", 11L, "image/svg+xml", CACHE),
        object("cdn/changed.png", "old png", 42L, "image/png", CACHE),
        object("cdn/headers.svg", "<svg>headers</svg>", 43L, "image/svg+xml", "no-cache"),
        object("cdn/gone.svg", "<svg>gone</svg>", 44L, "image/svg+xml", CACHE));
    gcs.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).willReturn(okJson(object("cdn/x", "x", 99L, "image/png", CACHE))));
    // google-http-client's default transport cannot send PATCH; it POSTs with a method override, as
    // the real service accepts.
    gcs.stubFor(post(urlPathMatching("/storage/v1/b/bkt/o/.*")).withHeader("X-HTTP-Method-Override", equalTo("PATCH"))
        .willReturn(okJson(object("cdn/headers.svg", "<svg>headers</svg>", 43L, "image/svg+xml", CACHE))));
    gcs.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathMatching("/storage/v1/b/bkt/o/.*"))
        .willReturn(aResponse().withStatus(204)));

    SyncResult result = sync(request(true, false));

    assertThat(result.complete()).as(String.valueOf(result.failed())).isTrue();
    assertThat(result.uploaded()).containsExactly("cdn/changed.png", "cdn/new.pdf");
    assertThat(result.updated()).containsExactly("cdn/headers.svg");
    assertThat(result.unchanged()).containsExactly("cdn/same.svg");
    assertThat(result.deleted()).containsExactly("cdn/gone.svg");

    gcs.verify(1, postRequestedFor(urlPathEqualTo("/upload/storage/v1/b/bkt/o"))
        .withQueryParam("ifGenerationMatch", equalTo("42"))
        .withRequestBody(containing("new png"))
        .withRequestBody(containing("\"name\":\"cdn/changed.png\"")));
    gcs.verify(1, postRequestedFor(urlPathEqualTo("/upload/storage/v1/b/bkt/o"))
        .withQueryParam("ifGenerationMatch", equalTo("0"))
        .withRequestBody(containing("\"contentType\":\"application/pdf\""))
        .withRequestBody(containing("\"cacheControl\":\"" + CACHE + "\"")));
    gcs.verify(1, postRequestedFor(urlPathEqualTo("/storage/v1/b/bkt/o/cdn%2Fheaders.svg"))
        .withHeader("X-HTTP-Method-Override", equalTo("PATCH"))
        .withQueryParam("ifGenerationMatch", equalTo("43"))
        .withRequestBody(containing("\"cacheControl\":\"" + CACHE + "\"")));
    gcs.verify(1, deleteRequestedFor(urlPathEqualTo("/storage/v1/b/bkt/o/cdn%2Fgone.svg")));
    gcs.verify(0, anyRequestedFor(urlPathMatching(".*same\\.svg.*")));
  }

  @Test
  void unchangedTreeMakesOnlyTheListingRequest() throws IOException {
    write("cdn/a.svg", "<svg>a</svg>");
    write("cdn/b.png", "b");
    listing(object("cdn/a.svg", "<svg>a</svg>", 1L, "image/svg+xml", CACHE), object("cdn/b.png", "b", 2L, "image/png", CACHE));

    SyncResult result = sync(request(false, false));

    assertThat(result.unchanged()).containsExactly("cdn/a.svg", "cdn/b.png");
    assertThat(gcs.getAllServeEvents()).extracting(e -> e.getRequest().getMethod().getName()).containsOnly("GET");
  }

  @Test
  void serverErrorsAreRetriedWithinTheBoundThenReported() throws IOException {
    write("cdn/flaky.svg", "<svg>flaky</svg>");
    write("cdn/broken.svg", "<svg>broken</svg>");
    listing();
    gcs.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withRequestBody(containing("cdn/flaky.svg"))
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("once")
        .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"code\":503,\"message\":\"Backend Error\"}}")));
    gcs.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withRequestBody(containing("cdn/flaky.svg"))
        .inScenario("flaky").whenScenarioStateIs("once").willSetStateTo("twice")
        .willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"code\":429,\"message\":\"rateLimitExceeded\"}}")));
    gcs.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withRequestBody(containing("cdn/flaky.svg"))
        .inScenario("flaky").whenScenarioStateIs("twice")
        .willReturn(okJson(object("cdn/flaky.svg", "<svg>flaky</svg>", 5L, "image/svg+xml", CACHE))));
    gcs.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withRequestBody(containing("cdn/broken.svg"))
        .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"code\":500,\"message\":\"Internal Error\"}}")));

    SyncResult result = sync(request(false, false));

    assertThat(result.uploaded()).containsExactly("cdn/flaky.svg");
    assertThat(result.failed()).extracting(SyncResult.FailedKey::key).containsExactly("cdn/broken.svg");
    assertThat(result.failed().get(0).error()).contains("500");
    gcs.verify(3, postRequestedFor(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withRequestBody(containing("cdn/flaky.svg")));
    gcs.verify(3, postRequestedFor(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withRequestBody(containing("cdn/broken.svg")));
  }

  private SyncResult sync(SyncRequest request) {
    GcsSettings settings = GcsSettings.defaults(gcs.baseUrl(), Map.of()).anonymousAccess().withMaxAttempts(3);
    try (GcsObjectStore store = GcsObjectStore.connect("bkt", settings)) {
      return new AssetSync(store, Reporter.silent()).run(request);
    }
  }

  private SyncRequest request(boolean delete, boolean dryRun) {
    return new SyncRequest(source, List.of("cdn"), AssetTarget.parse("gs://bkt"), Selection.all(),
        new HeaderPolicy(CACHE, List.of(), MimeTypes.standard()), dryRun, delete, true, 1.0, 4, true, null);
  }

  private void listing(String... objects) {
    gcs.stubFor(get(urlPathEqualTo("/storage/v1/b/bkt/o")).withQueryParam("prefix", equalTo("cdn/"))
        .willReturn(okJson("{\"kind\":\"storage#objects\",\"items\":[" + String.join(",", objects) + "]}")));
  }

  private static String object(String name, String content, long generation, String contentType, String cacheControl) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String md5 = Base64.getEncoder().encodeToString(SourceTree.md5().digest(bytes));
    String encoded = name.replace("/", "%2F");
    List<String> fields = new ArrayList<>(List.of(
        "\"kind\":\"storage#object\"",
        "\"id\":\"bkt/" + name + "/" + generation + "\"",
        "\"selfLink\":\"https://www.googleapis.com/storage/v1/b/bkt/o/" + encoded + "\"",
        "\"mediaLink\":\"https://storage.googleapis.com/download/storage/v1/b/bkt/o/" + encoded + "?generation=" + generation + "&alt=media\"",
        "\"name\":\"" + name + "\"",
        "\"bucket\":\"bkt\"",
        "\"generation\":\"" + generation + "\"",
        "\"metageneration\":\"1\"",
        "\"contentType\":\"" + contentType + "\"",
        "\"storageClass\":\"STANDARD\"",
        "\"size\":\"" + bytes.length + "\"",
        "\"md5Hash\":\"" + md5 + "\"",
        "\"crc32c\":\"AAAAAA==\"",
        "\"etag\":\"CJ" + generation + "EAE=\"",
        "\"timeCreated\":\"2026-11-20T10:00:00.000Z\"",
        "\"updated\":\"2026-11-20T10:00:00.000Z\"",
        "\"timeStorageClassUpdated\":\"2026-11-20T10:00:00.000Z\""));
    if (cacheControl != null) {
      fields.add("\"cacheControl\":\"" + cacheControl + "\"");
    }
    return "{" + String.join(",", fields) + "}";
  }

  private void write(String relative, String content) throws IOException {
    Path file = source.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
