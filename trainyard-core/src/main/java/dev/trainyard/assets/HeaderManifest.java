package dev.trainyard.assets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@value #NAME}, kept under each synced S3 prefix: for every object trainyard last synced, its ETag,
 * last-modified time, content MD5 and the headers it was given. An S3 listing carries no headers, so
 * without this file spotting a header-only change costs one HEAD per object; with it, one GET per
 * prefix. An entry is trusted only while the listed ETag and last-modified time still match it: any
 * write by another tool (a new body or a metadata copy) changes the time, and that object is read
 * with a HEAD again. {@code manifest: false} reads every object's headers instead.
 *
 * <p>The name starts with a dot, so the default selection never uploads, lists or deletes it.
 */
public final class HeaderManifest {
  public static final String NAME = ".trainyard-assets.json";

  private HeaderManifest() {}

  /**
   * The mapper that writes manifests, built on first use: the listing asks {@link #keyFor} and
   * {@link #isManifest} before its first request, and starting jackson-databind there (about 50 ms
   * in a fresh JVM) delayed the listing; a no-op never writes a manifest.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  /**
   * What the manifest says about one key. {@code fingerprint} is the {@link SourceTree#fingerprint}
   * of the local file the object was synced from (absent in manifests of earlier versions): a file
   * with the same size and fingerprint has the entry's MD5 without being hashed again.
   */
  public record Entry(String etag, String lastModified, String md5, String contentType, String cacheControl,
      String contentDisposition, String storageClass, String fingerprint) {
    /** Does this entry still describe the listed object? */
    boolean describes(RemoteObject listed) {
      return listed.etag() != null && listed.etag().equalsIgnoreCase(etag) && listed.lastModified() != null
          && listed.lastModified().toString().equals(lastModified);
    }

    ObjectHeaders headers() {
      return new ObjectHeaders(contentType == null ? "" : contentType, cacheControl, contentDisposition, null, storageClass);
    }
  }

  private record Document(int version, Map<String, Entry> objects) {}

  public static String keyFor(String listPrefix) {
    return listPrefix + NAME;
  }

  /**
   * The manifest of one shard: each shard of a matrix writes its own ({@code
   * .trainyard-assets.shard-2-of-4.json}), since they run at the same time and a shared file would
   * lose entries. An entry is trusted only while it matches the listing, so a manifest left by
   * another shard count is merely unused.
   */
  public static String keyFor(String listPrefix, Shard shard) {
    return shard.isAll() ? keyFor(listPrefix)
        : listPrefix + ".trainyard-assets.shard-" + shard.index() + "-of-" + shard.count() + ".json";
  }

  /** Is this key a manifest (of any shard) directly under the prefix? Manifests are never synced. */
  public static boolean isManifest(String listPrefix, String key) {
    if (!key.startsWith(listPrefix)) {
      return false;
    }
    String name = key.substring(listPrefix.length());
    return name.equals(NAME) || (name.startsWith(".trainyard-assets.shard-") && name.endsWith(".json") && name.indexOf('/') < 0);
  }

  /**
   * The entries of a manifest; empty (so every object is read with a HEAD) when it cannot be parsed
   * or is of another version. Read with the streaming parser: binding it with jackson-databind
   * (the mapper, then deserializers for the records) cost a no-op about 110 ms of CPU in a fresh
   * JVM, beside the listing; fields this version does not know are skipped.
   */
  public static Map<String, Entry> parse(String json) {
    try (JsonParser in = new JsonFactory().createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return Map.of();
      }
      int version = 0;
      Map<String, Entry> objects = null;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        if (field.equals("version") && value == JsonToken.VALUE_NUMBER_INT) {
          version = in.getIntValue();
        } else if (field.equals("objects") && value == JsonToken.START_OBJECT) {
          objects = entries(in);
        } else {
          in.skipChildren();
        }
      }
      return version == 1 && objects != null ? objects : Map.of();
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static Map<String, Entry> entries(JsonParser in) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String key = in.currentName();
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(in, "the entry of a key is not an object");
      }
      Map<String, String> fields = new HashMap<>();
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        if (in.nextToken() == JsonToken.VALUE_STRING) {
          fields.put(field, in.getText());
        } else {
          in.skipChildren();
        }
      }
      entries.put(key, new Entry(fields.get("etag"), fields.get("lastModified"), fields.get("md5"), fields.get("contentType"),
          fields.get("cacheControl"), fields.get("contentDisposition"), fields.get("storageClass"), fields.get("fingerprint")));
    }
    return entries;
  }

  public static String render(Map<String, Entry> entries) {
    try {
      return Json.MAPPER.writeValueAsString(new Document(1, new TreeMap<>(entries)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the header manifest", e);
    }
  }
}
