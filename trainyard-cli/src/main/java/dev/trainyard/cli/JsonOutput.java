package dev.trainyard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a command's result as JSON, exactly as Jackson's {@code ObjectMapper} would (pretty
 * printed, java.time values as ISO strings), but for the plain values results are made of (records,
 * maps with string keys, lists, strings, numbers, enums) through jackson-core's streaming generator
 * alone. Starting jackson-databind costs a short command about a tenth of a second of CPU, more than
 * rendering the result; anything else (annotated records, paths, other classes) still goes through
 * the full mapper, so the output never depends on which path wrote it.
 */
final class JsonOutput {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Set<Class<?>> PLAIN_NUMBERS = Set.of(
      Integer.class, Long.class, Short.class, Byte.class, Double.class, Float.class,
      BigInteger.class, BigDecimal.class);
  private static final Map<Class<?>, List<Method>> PLAIN_RECORDS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Boolean> NOT_PLAIN = new ConcurrentHashMap<>();

  /** The full mapper, started on first use only. */
  static final class Mapper {
    static final ObjectMapper INSTANCE = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();

    private Mapper() {}
  }

  private JsonOutput() {}

  static String render(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.setPrettyPrinter(new DefaultPrettyPrinter());
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render JSON for " + value.getClass().getName(), e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (PLAIN_NUMBERS.contains(value.getClass())) {
      writeNumber(generator, (Number) value);
    } else if (value instanceof Instant instant) {
      generator.writeString(DateTimeFormatter.ISO_INSTANT.format(instant));
    } else if (value instanceof LocalDate date) {
      generator.writeString(date.toString());
    } else if (value instanceof Duration duration) {
      generator.writeString(duration.toString());
    } else if (value instanceof Enum<?> constant && plainEnum(constant.getDeclaringClass())) {
      generator.writeString(constant.name());
    } else if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName((String) entry.getKey());
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> || value instanceof Set<?>) {
      generator.writeStartArray();
      for (Object element : (Collection<?>) value) {
        write(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof Record record && plainRecordAccessors(record.getClass()) != null) {
      generator.writeStartObject();
      for (Method accessor : plainRecordAccessors(record.getClass())) {
        generator.writeFieldName(accessor.getName());
        write(generator, invoke(accessor, record));
      }
      generator.writeEndObject();
    } else {
      Mapper.INSTANCE.writeValue(generator, value);
    }
  }

  private static void writeNumber(JsonGenerator generator, Number number) throws IOException {
    if (number instanceof Double d) {
      generator.writeNumber(d);
    } else if (number instanceof Float f) {
      generator.writeNumber(f);
    } else if (number instanceof BigDecimal decimal) {
      generator.writeNumber(decimal);
    } else if (number instanceof BigInteger integer) {
      generator.writeNumber(integer);
    } else {
      generator.writeNumber(number.longValue());
    }
  }

  /** An enum Jackson writes by name: no Jackson annotation on it, its methods or its constants. */
  private static boolean plainEnum(Class<?> type) {
    return !NOT_PLAIN.computeIfAbsent(type, t -> {
      if (jacksonAnnotated(t)) {
        return true;
      }
      for (Method method : t.getDeclaredMethods()) {
        if (jacksonAnnotated(method)) {
          return true;
        }
      }
      for (Field field : t.getDeclaredFields()) {
        if (jacksonAnnotated(field)) {
          return true;
        }
      }
      return false;
    });
  }

  /**
   * The accessors of a record Jackson writes as its components in order, or null when Jackson might
   * write it differently: a Jackson annotation, or a getter-like method that is not a component.
   */
  private static List<Method> plainRecordAccessors(Class<?> type) {
    if (NOT_PLAIN.containsKey(type)) {
      return null;
    }
    List<Method> cached = PLAIN_RECORDS.get(type);
    if (cached != null) {
      return cached;
    }
    RecordComponent[] components = type.getRecordComponents();
    Method[] accessors = new Method[components.length];
    boolean plain = !jacksonAnnotated(type);
    for (int i = 0; i < components.length && plain; i++) {
      accessors[i] = components[i].getAccessor();
      plain = !jacksonAnnotated(components[i]) && !jacksonAnnotated(accessors[i])
          && !looksLikeGetter(components[i].getName());
      // Jackson reads the components of a nested, non-public record too.
      accessors[i].setAccessible(true);
    }
    if (plain) {
      for (Method method : type.getMethods()) {
        plain &= Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
            || !looksLikeGetter(method.getName()) || method.getDeclaringClass() == Object.class;
      }
    }
    if (!plain) {
      NOT_PLAIN.put(type, true);
      return null;
    }
    List<Method> result = List.of(accessors);
    PLAIN_RECORDS.put(type, result);
    return result;
  }

  /** A name Jackson takes for a bean getter ({@code getX}, {@code isX}) and renames. */
  private static boolean looksLikeGetter(String name) {
    return (name.startsWith("get") && name.length() > 3 && Character.isUpperCase(name.charAt(3)))
        || (name.startsWith("is") && name.length() > 2 && Character.isUpperCase(name.charAt(2)));
  }

  private static boolean jacksonAnnotated(AnnotatedElement element) {
    for (Annotation annotation : element.getAnnotations()) {
      if (annotation.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
        return true;
      }
    }
    return false;
  }

  private static Object invoke(Method accessor, Record record) {
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + accessor, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + accessor, e.getCause());
    }
  }
}
