package dev.trainyard.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.io.InputStream;
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
  private static volatile MimeTypes standard;

  private final Map<String, String> byExtension;

  private MimeTypes(Map<String, String> byExtension) {
    this.byExtension = Map.copyOf(byExtension);
  }

  /** The table shipped with trainyard, loaded once. */
  public static MimeTypes standard() {
    MimeTypes table = standard;
    if (table == null) {
      synchronized (MimeTypes.class) {
        if (standard == null) {
          standard = load();
        }
        table = standard;
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
    return byExtension.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), FALLBACK);
  }

  private static MimeTypes load() {
    String db = "META-INF/resources/webjars/mime-db/" + webjarVersion() + "/db.json";
    try (InputStream in = MimeTypes.class.getClassLoader().getResourceAsStream(db)) {
      if (in == null) {
        throw new TrainyardException(FailureKind.INTERNAL, "MIME table " + db + " missing from the classpath");
      }
      JsonNode table = new ObjectMapper().readTree(in);
      Map<String, String> byExtension = new HashMap<>();
      Map<String, String> sourceOf = new HashMap<>();
      for (Map.Entry<String, JsonNode> entry : table.properties()) {
        String type = entry.getKey();
        JsonNode extensions = entry.getValue().get("extensions");
        if (extensions == null) {
          continue;
        }
        String source = entry.getValue().path("source").asText("");
        sourceOf.put(type, source);
        for (JsonNode ext : extensions) {
          String extension = ext.asText();
          String existing = byExtension.get(extension);
          if (existing == null || prefer(type, source, existing, sourceOf.get(existing))) {
            byExtension.put(extension, type);
          }
        }
      }
      return new MimeTypes(byExtension);
    } catch (IOException e) {
      throw new TrainyardException(FailureKind.INTERNAL, "cannot read MIME table " + db + ": " + e.getMessage(), null, e);
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
