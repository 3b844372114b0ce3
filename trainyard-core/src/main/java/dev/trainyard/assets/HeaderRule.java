package dev.trainyard.assets;

import dev.trainyard.match.Glob;
import java.util.Objects;

/**
 * Headers for the paths a glob matches. Rules apply in order; a later matching rule overrides the
 * fields it sets and leaves the others as earlier rules set them.
 */
public record HeaderRule(
    Glob match,
    String cacheControl,
    String contentType,
    String contentDisposition,
    String acl,
    String storageClass) {

  public HeaderRule {
    Objects.requireNonNull(match, "match");
  }
}
