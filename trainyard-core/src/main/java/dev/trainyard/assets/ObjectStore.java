package dev.trainyard.assets;

import java.util.List;
import java.util.Map;

/**
 * A bucket behind a CDN. One real implementation per provider (S3, GCS); tests run them against
 * loopback servers. Methods are called from several threads at once.
 */
public interface ObjectStore extends AutoCloseable {

  /** Every object whose key starts with {@code prefix} ("" lists the whole bucket). */
  List<RemoteObject> list(String prefix);

  /** The object with its headers and metadata filled in; may be the argument when already known. */
  RemoteObject describe(RemoteObject listed);

  /**
   * Puts the file's bytes and headers under {@code key}, replacing {@code existing} (null for a new
   * key; stores that support it make the write conditional on it); returns the body bytes sent.
   */
  long upload(LocalAsset asset, String key, RemoteObject existing);

  /**
   * As {@link #upload(LocalAsset, String, RemoteObject)}; {@code content} is the file's whole content
   * when it was read already (to hash it), or null. A store may send it instead of reading the file again.
   */
  default long upload(LocalAsset asset, byte[] content, String key, RemoteObject existing) {
    return upload(asset, key, existing);
  }

  /** Replaces the headers of an object whose content is already right, without sending the body. */
  void replaceHeaders(RemoteObject existing, ObjectHeaders headers);

  /** Deletes the keys; returns the ones that could not be deleted with the reason. */
  Map<String, String> delete(List<String> keys);

  /** Whether {@link #list} already returns headers and content hashes (then no manifest is needed). */
  default boolean headersInListing() {
    return false;
  }

  /** A small text object, or null when it does not exist. */
  String readText(String key);

  /** Writes a small text object. */
  void writeText(String key, String text, String contentType, String cacheControl);

  @Override
  void close();
}
