package dev.trainyard.assets;

import java.util.List;

/**
 * Which relative paths take part in a sync, local files and remote keys alike (a remote object that
 * the filters exclude is never deleted).
 *
 * <p>Like {@code aws s3 sync}: every path starts included, then each filter that matches flips it to
 * its own action, so the last matching filter wins and {@code --exclude "*" --include "*.svg"}
 * keeps only SVG files. Hidden paths (any segment starting with a dot, such as {@code .DS_Store} or
 * {@code .git/}) are left out before the filters unless {@code includeHidden} is set.
 */
public record Selection(List<PathFilter> filters, boolean includeHidden) {
  public Selection {
    filters = List.copyOf(filters);
  }

  public static Selection all() {
    return new Selection(List.of(), false);
  }

  public boolean selects(String relativePath) {
    if (!includeHidden && isHidden(relativePath)) {
      return false;
    }
    boolean included = true;
    for (PathFilter filter : filters) {
      if (filter.glob().matches(relativePath)) {
        included = filter.action() == PathFilter.Action.INCLUDE;
      }
    }
    return included;
  }

  /** Whether a segment of the path starts with a dot. */
  static boolean isHidden(String relativePath) {
    return relativePath.startsWith(".") || relativePath.contains("/.");
  }
}
