package dev.trainyard.assets;

import java.util.Objects;

/**
 * The HTTP headers an object is served with, plus the S3-only ACL and storage class. Null means
 * "not set": the store's default applies and a comparison ignores what is not configured.
 */
public record ObjectHeaders(
    String contentType,
    String cacheControl,
    String contentDisposition,
    String acl,
    String storageClass) {

  public ObjectHeaders {
    Objects.requireNonNull(contentType, "contentType");
    cacheControl = blankToNull(cacheControl);
    contentDisposition = blankToNull(contentDisposition);
    acl = blankToNull(acl);
    storageClass = blankToNull(storageClass);
  }

  /**
   * Whether an object served with {@code remote} headers needs new metadata to match these. The ACL
   * cannot be read back from a HEAD, and a storage class is compared only when one is configured
   * (S3 omits it for STANDARD).
   */
  public boolean differsFrom(ObjectHeaders remote) {
    if (remote == null) {
      return true;
    }
    return !contentType.equalsIgnoreCase(remote.contentType)
        || !Objects.equals(cacheControl, remote.cacheControl)
        || !Objects.equals(contentDisposition, remote.contentDisposition)
        || (storageClass != null
            && !storageClass.equalsIgnoreCase(
                remote.storageClass == null ? "STANDARD" : remote.storageClass));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
