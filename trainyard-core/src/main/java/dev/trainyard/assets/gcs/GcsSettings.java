package dev.trainyard.assets.gcs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a Cloud Storage bucket. Credentials come from the file {@code GOOGLE_APPLICATION_CREDENTIALS}
 * names in {@code env} (what google-github-actions/auth sets up), else from the library's other
 * Application Default Credentials sources, unless {@code anonymous} is set, for emulators and tests.
 *
 * @param endpoint JSON API host, e.g. {@code http://127.0.0.1:4443}; null for Google's
 * @param env the process environment as the CLI passes it, read for the project id
 */
public record GcsSettings(
    String endpoint,
    boolean anonymous,
    Map<String, String> env,
    int maxAttempts,
    Duration attemptTimeout,
    long resumableThreshold) {

  public GcsSettings {
    env = env == null ? Map.of() : Map.copyOf(env);
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts " + maxAttempts);
    }
  }

  public static GcsSettings defaults(String endpoint, Map<String, String> env) {
    return new GcsSettings(endpoint, false, env, 4, Duration.ofSeconds(30), 16L * 1024 * 1024);
  }

  public GcsSettings anonymousAccess() {
    return new GcsSettings(endpoint, true, env, maxAttempts, attemptTimeout, resumableThreshold);
  }

  public GcsSettings withMaxAttempts(int attempts) {
    return new GcsSettings(endpoint, anonymous, env, attempts, attemptTimeout, resumableThreshold);
  }

  /** The file {@code GOOGLE_APPLICATION_CREDENTIALS} names, or null to leave the lookup to the library. */
  Path credentialsFile() {
    String value = env.get("GOOGLE_APPLICATION_CREDENTIALS");
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  String projectId() {
    for (String name : new String[] {"GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT", "GCLOUD_PROJECT", "CLOUDSDK_PROJECT"}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
