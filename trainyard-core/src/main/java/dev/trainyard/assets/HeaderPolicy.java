package dev.trainyard.assets;

import java.util.List;

/**
 * Decides the headers of each asset: Content-Type from the MIME table unless a rule overrides it,
 * then the default Cache-Control, then every matching rule in order.
 */
public record HeaderPolicy(String defaultCacheControl, List<HeaderRule> rules, MimeTypes mimeTypes) {
  public HeaderPolicy {
    rules = List.copyOf(rules);
  }

  public ObjectHeaders headersFor(String relativePath) {
    String contentType = mimeTypes.forPath(relativePath);
    String cacheControl = defaultCacheControl;
    String contentDisposition = null;
    String acl = null;
    String storageClass = null;
    for (HeaderRule rule : rules) {
      if (!rule.match().matches(relativePath)) {
        continue;
      }
      contentType = pick(rule.contentType(), contentType);
      cacheControl = pick(rule.cacheControl(), cacheControl);
      contentDisposition = pick(rule.contentDisposition(), contentDisposition);
      acl = pick(rule.acl(), acl);
      storageClass = pick(rule.storageClass(), storageClass);
    }
    return new ObjectHeaders(contentType, cacheControl, contentDisposition, acl, storageClass);
  }

  private static String pick(String override, String current) {
    return override != null ? override : current;
  }
}
