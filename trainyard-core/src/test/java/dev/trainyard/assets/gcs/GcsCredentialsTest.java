package dev.trainyard.assets.gcs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import dev.trainyard.TrainyardException;
import dev.trainyard.assets.LocalAsset;
import dev.trainyard.assets.ObjectHeaders;
import dev.trainyard.assets.RemoteObject;
import dev.trainyard.http.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of the Cloud Storage HTTP path the other GCS tests leave out, on the same (gRPC-free)
 * classpath as the image: Workload Identity Federation credentials as google-github-actions/auth
 * writes them (an {@code external_account} file whose subject token comes from the runner's OIDC URL,
 * exchanged at STS, then a service account impersonated), and the resumable upload of a large file.
 * WireMock plays the OIDC endpoint, STS, IAM Credentials and the JSON API.
 */
class GcsCredentialsTest {
  private WireMockServer google;
  @TempDir Path work;

  @BeforeEach
  void start() {
    google = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort());
    google.start();
  }

  /** Plain HTTP (the store's endpoint, the OIDC URL); {@code baseUrl()} would name the HTTPS port. */
  private String http() {
    return "http://localhost:" + google.port();
  }

  @AfterEach
  void stop() {
    google.stop();
  }

  @Test
  void workloadIdentityFederationTokenReachesEveryStorageRequest() throws IOException {
    google.stubFor(get(urlPathEqualTo("/oidc")).withHeader("Authorization", equalTo("Bearer runner-request-token"))
        .willReturn(okJson("{\"count\":1,\"value\":\"github-oidc-jwt\"}")));
    google.stubFor(post(urlPathEqualTo("/v1/token"))
        .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"))
        .withRequestBody(containing("subject_token=github-oidc-jwt"))
        .willReturn(okJson("{\"access_token\":\"federated-token\",\"issued_token_type\":"
            + "\"urn:ietf:params:oauth:token-type:access_token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    google.stubFor(post(urlPathEqualTo("/v1/projects/-/serviceAccounts/cdn@acme.iam.gserviceaccount.com:generateAccessToken"))
        .withHeader("Authorization", equalTo("Bearer federated-token"))
        .willReturn(okJson("{\"accessToken\":\"service-account-token\",\"expireTime\":\"2099-01-01T00:00:00Z\"}")));
    google.stubFor(get(urlPathEqualTo("/storage/v1/b/bkt/o")).withHeader("Authorization", equalTo("Bearer service-account-token"))
        .willReturn(okJson("{\"kind\":\"storage#objects\",\"items\":[" + object("cdn/a.svg", "00112233445566778899aabbccddeeff", 3, 7L) + "]}")));
    Path credentials = work.resolve("gha-creds-1234.json");
    Files.writeString(credentials, """
        {
          "type": "external_account",
          "audience": "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/acme",
          "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
          "token_url": "%2$s/v1/token",
          "service_account_impersonation_url": "%2$s/v1/projects/-/serviceAccounts/cdn@acme.iam.gserviceaccount.com:generateAccessToken",
          "credential_source": {
            "url": "%1$s/oidc?audience=acme",
            "headers": {"Authorization": "Bearer runner-request-token"},
            "format": {"type": "json", "subject_token_field_name": "value"}
          }
        }
        """.formatted(http(), "https://localhost:" + google.httpsPort()));

    GcsSettings settings = GcsSettings.defaults(http(),
        Map.of("GOOGLE_APPLICATION_CREDENTIALS", credentials.toString(), "GOOGLE_CLOUD_PROJECT", "acme-cdn"));
    List<RemoteObject> listed;
    try (GcsObjectStore store = GcsObjectStore.connect("bkt", settings, Sleeper.SYSTEM, Clock.systemUTC(), GcsCredentialsTest::trustingTransport)) {
      listed = store.list("cdn/");
    }

    assertThat(listed).extracting(RemoteObject::key).containsExactly("cdn/a.svg");
    // The library may ask the runner for the OIDC token more than once; every exchange must use it.
    google.verify(moreThanOrExactly(1), getRequestedFor(urlPathEqualTo("/oidc")));
    google.verify(moreThanOrExactly(1), postRequestedFor(urlPathEqualTo("/v1/token")));
    google.verify(moreThanOrExactly(1), postRequestedFor(urlPathEqualTo(
        "/v1/projects/-/serviceAccounts/cdn@acme.iam.gserviceaccount.com:generateAccessToken")));
    google.verify(1, getRequestedFor(urlPathEqualTo("/storage/v1/b/bkt/o"))
        .withHeader("Authorization", equalTo("Bearer service-account-token")));
  }

  @Test
  void anUnreadableCredentialsFileIsOneClearInputError() {
    GcsSettings settings = GcsSettings.defaults(http(),
        Map.of("GOOGLE_APPLICATION_CREDENTIALS", work.resolve("missing.json").toString()));

    assertThatThrownBy(() -> GcsObjectStore.connect("bkt", settings))
        .isInstanceOf(TrainyardException.class)
        .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS")
        .hasMessageContaining("missing.json");
  }

  @Test
  void aFileAboveTheThresholdGoesUpAsOneResumableSession() throws IOException {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(15).nextBytes(content);
    Path file = work.resolve("media/video.mp4");
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    String md5 = HexFormat.of().formatHex(md5(content));
    String session = http() + "/upload/storage/v1/b/bkt/o?uploadType=resumable&upload_id=session-1";
    google.stubFor(post(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withQueryParam("uploadType", equalTo("resumable"))
        .withQueryParam("ifGenerationMatch", equalTo("0"))
        .willReturn(aResponse().withStatus(200).withHeader("Location", session)));
    google.stubFor(put(urlPathEqualTo("/upload/storage/v1/b/bkt/o")).withQueryParam("upload_id", equalTo("session-1"))
        .willReturn(okJson(object("cdn/media/video.mp4", md5, content.length, 9L))));
    GcsSettings settings = new GcsSettings(http(), true, Map.of(), 3, Duration.ofSeconds(30), 1024 * 1024);

    try (GcsObjectStore store = GcsObjectStore.connect("bkt", settings)) {
      LocalAsset asset = new LocalAsset("media/video.mp4", file, content.length, md5,
          new ObjectHeaders("video/mp4", "public,max-age=86400", null, null, null));
      assertThat(store.upload(asset, "cdn/media/video.mp4", null)).isEqualTo(content.length);
    }

    google.verify(1, postRequestedFor(urlPathEqualTo("/upload/storage/v1/b/bkt/o"))
        .withQueryParam("uploadType", equalTo("resumable"))
        .withRequestBody(containing("\"cacheControl\":\"public,max-age=86400\""))
        .withRequestBody(containing("\"md5Hash\":\"" + Base64.getEncoder().encodeToString(md5(content)) + "\"")));
    var puts = google.findAll(putRequestedFor(urlPathEqualTo("/upload/storage/v1/b/bkt/o")));
    assertThat(puts).isNotEmpty();
    long sent = puts.stream().mapToLong(request -> request.getBody().length).sum();
    assertThat(sent).isEqualTo(content.length);
  }

  /** WireMock's HTTPS port has a self-signed certificate; the library insists on https for STS and IAM. */
  private static HttpTransport trustingTransport() {
    try {
      return new NetHttpTransport.Builder().doNotValidateCertificate().build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String object(String name, String md5Hex, long size, long generation) {
    String md5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(md5Hex));
    return "{\"kind\":\"storage#object\",\"name\":\"" + name + "\",\"bucket\":\"bkt\",\"generation\":\"" + generation
        + "\",\"metageneration\":\"1\",\"contentType\":\"image/svg+xml\",\"storageClass\":\"STANDARD\",\"size\":\"" + size
        + "\",\"md5Hash\":\"" + md5 + "\",\"etag\":\"CJ" + generation + "EAE=\",\"updated\":\"2026-11-20T10:00:00.000Z\"}";
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
