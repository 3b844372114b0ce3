package dev.trainyard.bugs;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.trainyard.TrainyardException;
import java.util.Locale;

/** The environment a deployment request asks to deploy to (deploy-order may know more; a request is for these two). */
public enum TargetEnvironment {
  STAGE,
  PRODUCTION;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TargetEnvironment parse(String value, String source) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "stage", "staging" -> STAGE;
      case "production", "prod" -> PRODUCTION;
      default -> throw TrainyardException.invalidInput(source + ": '" + value + "' is not an environment",
          "use stage (the default) or production");
    };
  }
}
