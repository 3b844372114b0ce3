package dev.trainyard.rehearse;

import dev.trainyard.assets.AssetTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whether the SDKs' default credential chains have something to find here. The rehearsal only lists
 * a real bucket when they do: asking without credentials would wait for the cloud metadata
 * endpoints to time out on a laptop, for an answer known in advance.
 */
final class BucketCredentials {
  private static final List<String> AWS_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE",
      "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  private static final List<String> GOOGLE_VARIABLES = List.of("GOOGLE_APPLICATION_CREDENTIALS",
      "CLOUDSDK_AUTH_ACCESS_TOKEN_FILE", "GOOGLE_GHA_CREDS_PATH");

  private BucketCredentials() {}

  static boolean present(AssetTarget.Scheme scheme, Map<String, String> env) {
    String home = env.get("HOME");
    return switch (scheme) {
      case FILE -> true;
      case S3 -> anySet(env, AWS_VARIABLES) || exists(home, ".aws/credentials") || exists(home, ".aws/config");
      case GCS -> anySet(env, GOOGLE_VARIABLES) || exists(home, ".config/gcloud/application_default_credentials.json");
    };
  }

  private static boolean anySet(Map<String, String> env, List<String> names) {
    return names.stream().anyMatch(name -> env.get(name) != null && !env.get(name).isBlank());
  }

  private static boolean exists(String home, String file) {
    return home != null && !home.isBlank() && Files.isRegularFile(Path.of(home, file));
  }
}
