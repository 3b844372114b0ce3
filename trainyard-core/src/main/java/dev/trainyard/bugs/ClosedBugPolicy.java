package dev.trainyard.bugs;

import dev.trainyard.TrainyardException;
import java.util.Locale;

/** What to do when the request a comment belongs on is closed. */
public enum ClosedBugPolicy {
  /** Stop with an error and a hint (the default: a closed request usually means someone is done with it). */
  REFUSE,
  /** Comment anyway (accounts: "it may be commented on later if there are patch releases in production"). */
  COMMENT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ClosedBugPolicy parse(String value, String source) {
    for (ClosedBugPolicy policy : values()) {
      if (policy.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return policy;
      }
    }
    throw TrainyardException.invalidInput(source + ": '" + value + "' is not a closed-bug policy",
        "use refuse (the default) or comment");
  }

  /** The lower-case name, as users write it (also what the configuration schema lists). */
  @Override
  public String toString() {
    return id();
  }
}
