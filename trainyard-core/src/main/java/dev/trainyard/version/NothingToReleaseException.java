package dev.trainyard.version;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;

/**
 * HEAD holds nothing new since the previous release: it is that release, or only merges and release
 * commits came after it. A {@link FailureKind#REPOSITORY_STATE} failure like any other for
 * {@code cut}; {@code preflight} tells it apart to report "nothing to release" as a check.
 */
public final class NothingToReleaseException extends TrainyardException {
  private static final long serialVersionUID = 1L;

  private final String previousTag;

  NothingToReleaseException(String message, String previousTag) {
    super(FailureKind.REPOSITORY_STATE, message, "there is nothing to release; land a change first");
    this.previousTag = previousTag;
  }

  /** The release HEAD adds nothing to. */
  public String previousTag() {
    return previousTag;
  }
}
