package dev.trainyard.assets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
   * The mapper, built on first use: the listing asks {@link #keyFor} and {@link #isManifest} before
   * its first request, and starting jackson-databind there (about 50 ms in a fresh JVM) delayed
   * the listing; the manifest is parsed beside the listing, on another thread.
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

  /** The entries of a manifest; empty (so every object is read with a HEAD) when it cannot be parsed. */
  public static Map<String, Entry> parse(String json) {
    try {
      Document document = Json.MAPPER.readValue(json, Document.class);
      return document.version() == 1 && document.objects() != null ? document.objects() : Map.of();
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  public static String render(Map<String, Entry> entries) {
    try {
      return Json.MAPPER.writeValueAsString(new Document(1, new TreeMap<>(entries)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the header manifest", e);
    }
  }
}
