package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.assets.gcs.GcsObjectStore;
import dev.trainyard.assets.gcs.GcsSettings;
import dev.trainyard.assets.s3.S3ObjectStore;
import dev.trainyard.assets.s3.S3Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without credentials, the S3 and Cloud Storage stores say in one line which credentials they looked
 * for and how to provide them in Actions, instead of the SDK's provider-chain dump.
 */
class MissingCredentialsTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;

  private static void assumeNoAmbientCredentials(String... variables) {
    for (String name : variables) {
      assumeTrue(System.getenv(name) == null, name + " is set in this test's environment");
    }
  }

  @Test
  void s3WithoutCredentialsIsOneLineNamingWhatWasLookedFor() throws Exception {
    assumeNoAmbientCredentials("AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_PROFILE");
    Path none = tmp.resolve("no-such-aws-file");
    Map<String, String> saved = Map.of();
    String[] properties = {"aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata"};
    String[] before = Stream.of(properties).map(System::getProperty).toArray(String[]::new);
    System.setProperty("aws.sharedCredentialsFile", none.toString());
    System.setProperty("aws.configFile", none.toString());
    System.setProperty("aws.disableEc2Metadata", "true");
    try (S3ObjectStore store = S3ObjectStore.connect("bucket",
        S3Settings.defaults(URI.create(server.baseUrl()), true, "us-east-1", saved, 2))) {
      assertThatThrownBy(() -> store.list("static/"))
          .isInstanceOfSatisfying(TrainyardException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
            assertThat(e.getMessage()).startsWith("no AWS credentials: looked for AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
                .doesNotContain("ProviderChain").doesNotContain("\n");
            assertThat(e.hint()).contains("aws-actions/configure-aws-credentials").contains("id-token: write");
          });
      assertThat(server.getAllServeEvents()).isEmpty();
    } finally {
      for (int i = 0; i < properties.length; i++) {
        if (before[i] == null) {
          System.clearProperty(properties[i]);
        } else {
          System.setProperty(properties[i], before[i]);
        }
      }
    }
  }

  @Test
  void cloudStorageWithoutCredentialsIsOneLineNamingWhatWasLookedFor() {
    assumeNoAmbientCredentials("GOOGLE_APPLICATION_CREDENTIALS");
    assumeTrue(!Files.exists(Path.of(System.getProperty("user.home"), ".config/gcloud/application_default_credentials.json")));
    assertThatThrownBy(() -> GcsObjectStore.connect("bucket", GcsSettings.defaults(null, Map.of())))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("no Google Cloud credentials: looked for GOOGLE_APPLICATION_CREDENTIALS")
              .doesNotContain("\n");
          assertThat(e.hint()).contains("google-github-actions/auth");
        });
  }
}
