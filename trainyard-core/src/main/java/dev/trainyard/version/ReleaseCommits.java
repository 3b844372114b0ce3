package dev.trainyard.version;

import java.util.regex.Pattern;

/** Recognises the commits trainyard itself writes, so they never count as work to release. */
public final class ReleaseCommits {
  private static final Pattern RELEASE_SUBJECT = Pattern.compile(
      "^(Release \\S+|chore: tag \\S+)(\\s*\\(#\\d+\\))?\\s*$");

  private ReleaseCommits() {}

  /** True for a parsed commit that trainyard's own release commit became. */
  public static boolean isReleaseCommit(dev.trainyard.changelog.ConventionalCommit commit) {
    return isReleaseCommit(commit.subject()) || isReleaseCommit(commit.type() + ": " + commit.subject());
  }

  /** True for {@code Release 1.5.0} and {@code chore: tag 1.5.0} (also squash-merged with {@code (#12)}). */
  public static boolean isReleaseCommit(String fullMessage) {
    String subject = fullMessage == null ? "" : fullMessage.lines().findFirst().orElse("");
    return RELEASE_SUBJECT.matcher(subject.strip()).matches();
  }
}
