package dev.trainyard.mergeback;

import dev.trainyard.match.Glob;
import java.util.List;
import java.util.Objects;

/**
 * A pattern for ref short names ({@code train-*}, {@code release/**}, {@code v[0-9]*}), matched
 * against the whole name with the project's one glob ({@link Glob#whole}): {@code *} stays within
 * one path segment (so {@code release/*} does not reach {@code release/1.2/hotfix}), {@code **}
 * crosses segments, {@code ?} is one character and {@code [...]} a character class, as in
 * {@code git for-each-ref}.
 */
public record RefGlob(String glob, Glob match) {

  public RefGlob {
    Objects.requireNonNull(match, "match");
  }

  public static RefGlob of(String glob) {
    return new RefGlob(glob, Glob.whole(glob));
  }

  public static List<RefGlob> all(List<String> globs) {
    return globs.stream().map(RefGlob::of).toList();
  }

  public boolean matches(String shortName) {
    return match.matches(shortName);
  }
}
