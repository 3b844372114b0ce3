package dev.trainyard.version;

import dev.trainyard.TrainyardException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the caller asks for.
 *
 * @param scheme the scheme with its settings
 * @param patch a patch (dot) release on an existing train or release branch
 * @param date the push date for the date scheme, or null for the default push day
 * @param mainBranch the branch regular releases are cut from as configured ({@code release.main-branch}),
 *     or null to find the default branch ({@link dev.trainyard.git.MainBranch})
 * @param tagFilter when set, only tags that fully match it count as releases (on top of the
 *     scheme's own shape); null means all tags of the scheme's shape
 * @param firstRelease allow a repository without any release tag
 * @param remote the remote whose {@code HEAD} names the default branch ({@code origin})
 */
public record NextVersionRequest(
    VersionScheme scheme,
    boolean patch,
    LocalDate date,
    String mainBranch,
    Pattern tagFilter,
    boolean firstRelease,
    String remote) {
  public NextVersionRequest {
    Objects.requireNonNull(scheme, "scheme");
    mainBranch = mainBranch == null || mainBranch.isBlank() ? null : mainBranch;
    remote = remote == null || remote.isBlank() ? "origin" : remote;
  }

  /** A request on remote {@code origin}. */
  public NextVersionRequest(VersionScheme scheme, boolean patch, LocalDate date, String mainBranch, Pattern tagFilter,
      boolean firstRelease) {
    this(scheme, patch, date, mainBranch, tagFilter, firstRelease, null);
  }

  /** Compiles a user-given tag pattern, or says in one line what is wrong with it. */
  public static Pattern compileTagPattern(String regex, String inputName) {
    if (regex == null || regex.isBlank()) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw TrainyardException.invalidInput(
          inputName + ": invalid regular expression '" + regex + "': " + e.getDescription()
              + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""),
          "a Java regular expression that whole tag names must match, e.g. 'v1\\.\\d+\\.\\d+'");
    }
  }
}
