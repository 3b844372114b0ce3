package dev.trainyard.assets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Content-Type by file extension from mime-db (the table behind Node's {@code mime-types}, kept up
 * to date by the jshttp project and shipped to Maven Central as the {@code org.webjars.npm:mime-db}
 * jar). Reading that table keeps svg, webp, avif, woff2 and friends right without us maintaining a
 * list; the JDK's {@code Files.probeContentType} depends on the host's {@code /etc/mime.types},
 * which differs between a laptop and a container.
 */
public final class MimeTypes {
  public static final String FALLBACK = "application/octet-stream";
  private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/mime-db/pom.properties";
  // For an extension several types claim: IANA beats Apache beats nginx (as in mime-types); between
  // equals a media type beats application/*, so .mp4 is video/mp4 and .js text/javascript (RFC 9239).
  private static final List<String> SOURCE_PREFERENCE = List.of("nginx", "apache", "", "iana");
  private static final MimeTypes STANDARD = new MimeTypes();

  private volatile Map<String, String> byExtension;

  private MimeTypes() {}

  /**
   * The table shipped with trainyard. It is read at the first lookup, not here: a sync's first
   * lookups run while the store is still connecting, and the command resolving its request is not
   * kept waiting for the table.
   */
  public static MimeTypes standard() {
    return STANDARD;
  }

  private Map<String, String> byExtension() {
    Map<String, String> table = byExtension;
    if (table == null) {
      synchronized (this) {
        if (byExtension == null) {
          byExtension = load();
        }
        table = byExtension;
      }
    }
    return table;
  }

  /** The Content-Type for a path, {@value #FALLBACK} when the extension is unknown. */
  public String forPath(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot <= slash + 1 || dot == path.length() - 1) {
      return FALLBACK;
    }
    return byExtension().getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), FALLBACK);
  }

  /** Reads db.json with the streaming parser: {"type": {"source": ..., "extensions": [...]}, ...}. */
  private static Map<String, String> load() {
    String db = "META-INF/resources/webjars/mime-db/" + webjarVersion() + "/db.json";
    try (InputStream in = MimeTypes.class.getClassLoader().getResourceAsStream(db)) {
      if (in == null) {
        throw new TrainyardException(FailureKind.INTERNAL, "MIME table " + db + " missing from the classpath");
      }
      Map<String, String> byExtension = new HashMap<>();
      Map<String, String> sourceOf = new HashMap<>();
      try (JsonParser json = new JsonFactory().createParser(in)) {
        expect(json.nextToken(), JsonToken.START_OBJECT, db);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String type = json.currentName();
          expect(json.nextToken(), JsonToken.START_OBJECT, db);
          String source = "";
          List<String> extensions = new ArrayList<>();
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("source") && value == JsonToken.VALUE_STRING) {
              source = json.getText();
            } else if (field.equals("extensions") && value == JsonToken.START_ARRAY) {
              while (json.nextToken() == JsonToken.VALUE_STRING) {
                extensions.add(json.getText());
              }
            } else {
              json.skipChildren();
            }
          }
          if (extensions.isEmpty()) {
            continue;
          }
          sourceOf.put(type, source);
          for (String extension : extensions) {
            String existing = byExtension.get(extension);
            if (existing == null || prefer(type, source, existing, sourceOf.get(existing))) {
              byExtension.put(extension, type);
            }
          }
        }
      }
      return Map.copyOf(byExtension);
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.INTERNAL, "cannot read MIME table " + db + ": " + e.getMessage(), null, e);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, String db) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " in " + db + ", found " + actual);
    }
  }

  private static String webjarVersion() {
    try (InputStream in = MimeTypes.class.getClassLoader().getResourceAsStream(WEBJAR_PROPERTIES)) {
      if (in == null) {
        throw new TrainyardException(FailureKind.INTERNAL, "mime-db webjar missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.INTERNAL, "cannot read " + WEBJAR_PROPERTIES, null, e);
    }
  }

  private static boolean prefer(
      String candidate, String candidateSource, String existing, String existingSource) {
    if (existing.equals(FALLBACK)) {
      return true;
    }
    int from = SOURCE_PREFERENCE.indexOf(existingSource == null ? "" : existingSource);
    int to = SOURCE_PREFERENCE.indexOf(candidateSource);
    if (from != to) {
      return to > from;
    }
    return existing.startsWith("application/") && !candidate.startsWith("application/");
  }
}
