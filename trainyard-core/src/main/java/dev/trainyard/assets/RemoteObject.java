package dev.trainyard.assets;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An object as the store describes it. A listing gives key, size and ETag; {@code md5Hex},
 * {@code headers} and {@code userMetadata} are null until the object is described (S3 HEAD), or
 * filled straight from the listing where the store returns them (GCS). {@code version} is the
 * store's token for conditional writes (GCS generation), null where unused; {@code lastModified}
 * as the listing reports it.
 */
public record RemoteObject(
    String key,
    long size,
    String etag,
    String md5Hex,
    ObjectHeaders headers,
    Map<String, String> userMetadata,
    Long version,
    Instant lastModified) {

  /** User metadata key holding the MD5 of the content, for objects whose ETag is not one. */
  public static final String MD5_METADATA = "trainyard-md5";

  public RemoteObject {
    Objects.requireNonNull(key, "key");
    etag = etag == null ? null : etag.replace("\"", "");
    userMetadata = userMetadata == null ? null : Map.copyOf(userMetadata);
  }

  public static RemoteObject listed(String key, long size, String etag, Instant lastModified) {
    return new RemoteObject(key, size, etag, null, null, null, null, lastModified);
  }

  /** The listed object with what a {@link HeaderManifest} entry says about its content and headers. */
  public RemoteObject withManifest(HeaderManifest.Entry entry) {
    return new RemoteObject(key, size, etag, entry.md5(), entry.headers(), null, version, lastModified);
  }

  public boolean described() {
    return headers != null;
  }

  /** Is the content known to equal the given MD5, from the ETag of a single-part upload or metadata? */
  public boolean contentMatches(String localMd5Hex) {
    return localMd5Hex.equalsIgnoreCase(etag) || localMd5Hex.equalsIgnoreCase(md5Hex);
  }

  /** An ETag of 32 hex digits is the MD5 of a single-part, unencrypted upload; anything else says nothing. */
  public boolean etagIsContentMd5() {
    return etag != null && etag.length() == 32 && etag.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
