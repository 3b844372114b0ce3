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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.trainyard.TrainyardException;
import dev.trainyard.match.NearestName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
   * with {@code --config}); otherwise the defaults apply. The file is read with a size limit
   * ({@value #MAX_BYTES} bytes), so {@code /dev/zero} or a huge sparse file is one clear line too.
   */
  public TrainyardConfig load(Path file, boolean required) {
    String text;
    try {
      text = readText(file);
    } catch (NoSuchFileException e) {
      if (required) {
        throw TrainyardException.invalidInput(
            "configuration file " + file + " does not exist",
            "check the --config path, or leave it out to use " + DEFAULT_FILE_NAME + " when present");
      }
      return TrainyardConfig.defaults();
    } catch (AccessDeniedException e) {
      throw TrainyardException.invalidInput(
          "cannot read configuration file " + file + ": permission denied", "check its permissions");
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw TrainyardException.invalidInput("cannot read configuration file " + file + ": " + reason,
          Files.isDirectory(file) ? "name the YAML file, not its folder" : "check that it is a readable file");
    }
    return parse(text, file.toString());
  }

  /** The largest configuration file trainyard reads: far above any real one, far below memory. */
  public static final int MAX_BYTES = 1024 * 1024;

  /**
   * The file's text: at most {@link #MAX_BYTES} bytes (more fails without reading on), UTF-8, and
   * no NUL byte (a binary file), each refused with INVALID_INPUT naming the file.
   */
  static String readText(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw TrainyardException.invalidInput(
          "configuration file " + file + " is larger than " + (MAX_BYTES / 1024) + " KiB; it cannot be a trainyard configuration",
          "check the --config path (a device such as /dev/zero or a generated file?)");
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw TrainyardException.invalidInput(
            "configuration file " + file + " is not a text file (a NUL byte at offset " + i + ")",
            "name the YAML file; a binary file cannot be a trainyard configuration");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw TrainyardException.invalidInput(
          "configuration file " + file + " is not UTF-8 text", "save it as UTF-8 (YAML files are UTF-8)");
    }
  }

  /** Parses configuration text; {@code source} names it in error messages. */
  public TrainyardConfig parse(String text, String source) {
    if (text.isBlank()) {
      return TrainyardConfig.defaults();
    }
    if (mapper == null) {
      mapper = strictYamlMapper();
    }
    checkStructure(text, source);
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

  /**
   * What Jackson's YAML reader does not refuse on its own: an alias ({@code *name}), which it reads
   * as the text "name" instead of the anchored value, and a key given twice in one mapping, which a
   * record would take the last value of. Both fail with file:line:column. Syntax errors are left to
   * the parse that follows, which reports them.
   */
  private void checkStructure(String text, String source) {
    try (JsonParser parser = mapper.getFactory().createParser(text)) {
      Deque<Set<String>> keys = new ArrayDeque<>();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          String alias = parser.getText();
          throw TrainyardException.invalidInput(
              source + location(parser.currentTokenLocation()) + ": YAML alias '*" + alias
                  + "' is not supported: trainyard reads every value as written",
              "write the value of '&" + alias + "' out in full here instead of '*" + alias + "'");
        }
        if (token == JsonToken.START_OBJECT) {
          keys.push(new HashSet<>());
        } else if (token == JsonToken.END_OBJECT && !keys.isEmpty()) {
          keys.pop();
        } else if (token == JsonToken.FIELD_NAME && !keys.isEmpty() && !keys.peek().add(parser.currentName())) {
          String path = parser.getParsingContext().getParent() == null ? ""
              : parser.getParsingContext().getParent().pathAsPointer().toString().replaceFirst("^/", "").replace('/', '.');
          throw TrainyardException.invalidInput(
              source + location(parser.currentTokenLocation()) + ": duplicate key '" + parser.currentName() + "'"
                  + (path.isEmpty() ? "" : " under '" + path + "'"),
              "keep one of them: YAML keys are unique within a mapping");
        }
      }
    } catch (JsonProcessingException syntax) {
      // reported with its location by the parse that follows
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
