package dev.trainyard.bugs;

import java.util.List;
import java.util.Optional;

/**
 * A place deployment requests live: Bugzilla ({@link BugzillaTracker}) or GitHub issues
 * ({@link GitHubIssueTracker}). Implementations translate; the decisions (find, file or comment,
 * exactly once, the race) are {@link DeployBug}'s, so both trackers behave the same.
 */
public interface BugTracker {

  /** "Bugzilla" or "GitHub", for messages. */
  String name();

  /** Where a new request goes, for {@code --dry-run} and messages ({@code Cloud Services :: Operations: ...}). */
  String destination();

  /**
   * Every request carrying {@code key}, open or closed, oldest first. A request closed as a
   * duplicate is replaced by the one it duplicates (followed for a few hops), so callers see each
   * request once.
   */
  List<TrackedBug> find(RequestKey key);

  /** The request's description (first, when the tracker keeps it apart) and comments, oldest first. */
  List<BugComment> comments(TrackedBug bug);

  /** Files a new request; its key goes where {@link #find} looks (whiteboard or body). */
  TrackedBug file(NewRequest request);

  /** Adds a comment; returns it. */
  BugComment comment(TrackedBug bug, String text);

  /** Makes sure a request filed earlier carries {@code key} where {@link #find} looks; false when it cannot. */
  boolean ensureKey(TrackedBug bug, RequestKey key);

  /** Closes {@code duplicate} as a duplicate of {@code original}, saying why. */
  void closeAsDuplicate(TrackedBug duplicate, TrackedBug original, String why);

  /**
   * Removes or hides a comment that repeats an earlier one (GitHub deletes it; Bugzilla, which
   * cannot delete comments, tags it so the page collapses it). Empty when done, else why not.
   */
  Optional<String> retractDuplicateComment(TrackedBug bug, BugComment comment);

  /** {@code text} with {@code marker} appended the way this tracker keeps it (visible on Bugzilla, hidden on GitHub). */
  String withMarker(String text, String marker);

  /** The web page of request {@code id}. */
  String url(long id);
}
