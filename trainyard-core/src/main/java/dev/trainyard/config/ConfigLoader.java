package dev.trainyard.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trainyard.TrainyardException;
import dev.trainyard.match.NearestName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads {@code .trainyard.yml} strictly: an unknown key, a wrong type or an invalid value fails with
 * {@code file:line:column}, the key path, and a hint (a "did you mean" for misspelt keys).
 */
public final class ConfigLoader {
  public static final String DEFAULT_FILE_NAME = ".trainyard.yml";

  /** Created on the first parse: without a configuration file no YAML parser is started. */
  private ObjectMapper mapper;

  /**
   * Loads {@code file}. A missing file is an error only when {@code required} (the user named it
   * with {@code --config}); otherwise the defaults apply.
   */
  public TrainyardConfig load(Path file, boolean required) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (required) {
        throw TrainyardException.invalidInput(
            "configuration file " + file + " does not exist",
            "check the --config path, or leave it out to use " + DEFAULT_FILE_NAME + " when present");
      }
      return TrainyardConfig.defaults();
    } catch (IOException e) {
      throw TrainyardException.invalidInput(
          "cannot read configuration file " + file + ": " + e.getMessage(), "check its permissions");
    }
    return parse(text, file.toString());
  }

  /** Parses configuration text; {@code source} names it in error messages. */
  public TrainyardConfig parse(String text, String source) {
    if (text.isBlank()) {
      return TrainyardConfig.defaults();
    }
    if (mapper == null) {
      mapper = strictYamlMapper();
    }
    try {
      JsonNode tree = mapper.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return TrainyardConfig.defaults();
      }
      return mapper.readValue(text, TrainyardConfig.class);
    } catch (JsonProcessingException e) {
      throw describe(e, source, text);
    }
  }

  /** The mapper used for configuration, shared with the schema generator's tests. */
  public static ObjectMapper strictYamlMapper() {
    JsonMapper.Builder builder =
        JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new JavaTimeModule());
    JsonMapper mapper = builder.build();
    // "3" for a number or "yes" for a boolean is more likely a mistake than intent.
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }

  private TrainyardException describe(JsonProcessingException e, String source, String text) {
    JsonLocation location = e.getLocation();
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      // Records are built after their whole mapping is read, so Jackson reports the end of the
      // mapping; the key itself is where the user has to look.
      location = locate(text, pointer(mapping.getPath()), location);
    }
    String where = source + location(location);
    if (e instanceof UnrecognizedPropertyException unknown) {
      String key = unknown.getPropertyName();
      String path = parentPath(unknown);
      String suggestion = closest(key, unknown.getKnownPropertyIds());
      String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
          .collect(Collectors.joining(", "));
      return TrainyardException.invalidInput(
          where + ": unknown key '" + key + "'" + (path.isEmpty() ? "" : " under '" + path + "'"),
          suggestion != null ? "did you mean '" + suggestion + "'? (allowed: " + known + ")"
              : "allowed keys here: " + known);
    }
    if (e instanceof ValueInstantiationException invalid) {
      Throwable cause = invalid.getCause() != null ? invalid.getCause() : invalid;
      return TrainyardException.invalidInput(
          where + ": invalid value for '" + path(invalid) + "': " + cause.getMessage(),
          cause instanceof TrainyardException rejected ? rejected.hint() : null);
    }
    if (e instanceof InvalidFormatException format) {
      String expected = describeType(format.getTargetType());
      return TrainyardException.invalidInput(
          where + ": '" + path(format) + "' must be " + expected + ", got '" + format.getValue() + "'",
          expected.startsWith("one of") ? null : "write the value as " + expected);
    }
    if (e instanceof MismatchedInputException mismatch) {
      String key = path(mismatch);
      String expected = mismatch.getTargetType() == null ? "a different value" : describeType(mismatch.getTargetType());
      return TrainyardException.invalidInput(
          where + ": " + (key.isEmpty() ? "the file" : "'" + key + "'") + " must be " + expected,
          "see docs/trainyard.schema.json for the expected shape");
    }
    String message = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
    return TrainyardException.invalidInput(where + ": " + message, "fix the YAML syntax");
  }

  private JsonLocation locate(String text, JsonPointer target, JsonLocation fallback) {
    try (JsonParser parser = mapper.getFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || parser.getParsingContext().inArray()) {
          if (parser.getParsingContext().pathAsPointer().equals(target)) {
            return parser.currentTokenLocation();
          }
        }
      }
    } catch (IOException ignored) {
      // The text already failed to map; keep Jackson's own location.
    }
    return fallback;
  }

  private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
    JsonPointer pointer = JsonPointer.empty();
    for (JsonMappingException.Reference ref : path) {
      pointer = ref.getIndex() >= 0 ? pointer.appendIndex(ref.getIndex()) : pointer.appendProperty(ref.getFieldName());
    }
    return pointer;
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      }
    }
    return out.toString();
  }

  private static String parentPath(JsonMappingException e) {
    List<JsonMappingException.Reference> refs = e.getPath();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < refs.size() - 1; i++) {
      JsonMappingException.Reference ref = refs.get(i);
      if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      }
    }
    return out.toString();
  }

  private static String describeType(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants())
          .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
          .collect(Collectors.joining(", "));
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type == java.time.Duration.class) {
      return "a duration such as PT30M";
    }
    return "a mapping (key: value)";
  }

  /** The known key closest to {@code key}, if it is close enough to be a typo. */
  static String closest(String key, Collection<Object> known) {
    return NearestName.typo(key, known.stream().map(String::valueOf).toList()).orElse(null);
  }
}
