package dev.trainyard.assets;

import dev.trainyard.match.Glob;
import java.util.Objects;

/** One include or exclude pattern; filters apply in order and the last one that matches wins. */
public record PathFilter(Action action, Glob glob) {
  public enum Action {
    INCLUDE,
    EXCLUDE
  }

  public PathFilter {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(glob, "glob");
  }

  public static PathFilter include(String pattern) {
    return new PathFilter(Action.INCLUDE, Glob.path(pattern));
  }

  public static PathFilter exclude(String pattern) {
    return new PathFilter(Action.EXCLUDE, Glob.path(pattern));
  }

  @Override
  public String toString() {
    return (action == Action.INCLUDE ? "--include " : "--exclude ") + glob;
  }
}
