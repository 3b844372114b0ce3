package dev.trainyard.deploy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.TrainyardException;
import java.util.Locale;

/**
 * Whether a service touches the database: YAML {@code touches-database: true}, {@code false} or
 * {@code auto} (detected: a file under the service's migration globs changed in the release range).
 */
public enum DatabaseUse {
  TRUE,
  FALSE,
  AUTO;

  /** YAML gives a boolean for true/false and a string for auto; both are accepted. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DatabaseUse fromYaml(JsonNode value) {
    if (value != null && value.isBoolean()) {
      return value.booleanValue() ? TRUE : FALSE;
    }
    if (value != null && value.isTextual()) {
      return parse(value.textValue(), "touches-database");
    }
    throw TrainyardException.invalidInput(
        "touches-database must be true, false or auto, got " + value, null);
  }

  public static DatabaseUse parse(String text, String what) {
    return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> TRUE;
      case "false", "no" -> FALSE;
      case "auto" -> AUTO;
      default -> throw TrainyardException.invalidInput(
          what + " must be true, false or auto, got '" + text + "'", null);
    };
  }

  @JsonValue
  public Object yamlValue() {
    return switch (this) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case AUTO -> "auto";
    };
  }
}
