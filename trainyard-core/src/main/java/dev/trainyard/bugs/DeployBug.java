package dev.trainyard.bugs;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.http.OutcomeUnknownException;
import dev.trainyard.http.RetryPolicy;
import dev.trainyard.http.Sleeper;
import dev.trainyard.report.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Files a release's deployment request, or comments on it, exactly once.
 *
 * <p><b>Exactly once.</b> Every text ends with its marker ({@link RequestKey#marker}). Before
 * posting, the request's description and comments are searched for the marker; found means the
 * text is there, and the run answers {@code unchanged}. A write that fails in a way that leaves
 * open whether it arrived (a 5xx answer or a reset after the request went out) is not blindly
 * repeated: the request (or comment) is looked up first and only sent again when it is not there.
 *
 * <p><b>Two runs at once.</b> Two jobs for the same train can both find no request and both file
 * one; nothing on either tracker makes "file if absent" atomic. So every run that files looks again
 * right after filing: when an older request with the same key exists, the run closes its own as a
 * duplicate of the older one and continues there (posting its text as a comment if the older
 * request lacks its marker). Both runs make the same decision, because the older request is older
 * for both; so at most one request survives, and it is always the first one filed. A run that
 * finds several requests (a repair that failed earlier) closes the younger ones that trainyard
 * filed. Comments race the same way: after posting, the comments are read again, and a comment
 * that repeats an earlier one with the same marker is retracted (deleted on GitHub; on Bugzilla,
 * which cannot delete comments, tagged "obsolete" so the page collapses it).
 */
public final class DeployBug {
  private final BugTracker tracker;
  private final Reporter reporter;
  private final RetryPolicy policy;
  private final Sleeper sleeper;

  public DeployBug(BugTracker tracker, Reporter reporter, RetryPolicy policy, Sleeper sleeper) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * What a dry run can say without asking the tracker (no API key or token): a regular release
   * would be filed, anything else would be a comment on the existing request.
   */
  public static DeployBugResult offline(RequestTexts texts, BugTracker tracker, String why) {
    List<String> notes = List.of(tracker.name() + " was not asked (" + why + "); a real run files a new request"
        + " only when none carries " + texts.key().token());
    return texts.expectsExisting()
        ? new DeployBugResult(DeployBugAction.WOULD_COMMENT, 0, null, tracker.withMarker(texts.comment(), texts.marker()),
            null, tracker.name(), tracker.destination(), texts.key().token(), texts.marker(), notes)
        : new DeployBugResult(DeployBugAction.WOULD_FILE, 0, null, tracker.withMarker(texts.description(), texts.marker()),
            texts.summary(), tracker.name(), tracker.destination(), texts.key().token(), texts.marker(), notes);
  }

  public DeployBugResult run(RequestTexts texts, ClosedBugPolicy closedPolicy, boolean dryRun) {
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(closedPolicy, "closedPolicy");
    List<String> notes = new ArrayList<>();
    List<TrackedBug> requests = tracker.find(texts.key());
    reporter.debug(tracker.name() + ": " + requests.size() + " request(s) carry " + texts.key().token());
    if (requests.isEmpty()) {
      if (texts.expectsExisting() && texts.filedNote() != null) {
        notes.add(texts.filedNote());
      }
      String description = tracker.withMarker(texts.description(), texts.marker());
      if (dryRun) {
        return result(DeployBugAction.WOULD_FILE, null, description, texts, notes);
      }
      return fileAndSettle(texts, description, closedPolicy, notes);
    }
    TrackedBug request = requests.get(0);
    if (requests.size() > 1) {
      repairDuplicates(requests, texts, dryRun, notes);
    }
    return ensurePosted(request, texts, closedPolicy, dryRun, notes);
  }

  private DeployBugResult fileAndSettle(RequestTexts texts, String description, ClosedBugPolicy closedPolicy,
      List<String> notes) {
    TrackedBug mine = writeOnce("file the request", () -> tracker.file(
        new NewRequest(texts.key(), texts.summary(), description)), () -> filedEarlier(texts));
    if (texts.expectsExisting() && texts.filedNote() != null) {
      reporter.warn(texts.filedNote());
    }
    reporter.info("filed " + tracker.name() + " request " + mine.id() + ": " + mine.url());
    List<TrackedBug> all = tracker.find(texts.key());
    if (all.stream().noneMatch(b -> b.id() == mine.id())) {
      if (tracker.ensureKey(mine, texts.key())) {
        all = tracker.find(texts.key());
      } else {
        String warning = "request " + mine.id() + " does not carry " + texts.key().token()
            + " where trainyard looks, so a re-run cannot find it; add it to the whiteboard by hand";
        reporter.warn(warning);
        notes.add(warning);
      }
    }
    TrackedBug oldest = all.stream().filter(b -> b.id() < mine.id()).findFirst().orElse(null);
    if (oldest == null) {
      return result(DeployBugAction.FILED, mine, description, texts, notes);
    }
    String why = "two trainyard runs filed this request at the same time; #" + oldest.id()
        + " was first and is the one to use";
    tracker.closeAsDuplicate(mine, oldest, why);
    String note = "another run filed request " + oldest.id() + " at the same time; closed " + mine.id()
        + " as its duplicate";
    reporter.warn(note);
    notes.add(note);
    return ensurePosted(oldest, texts, closedPolicy, false, notes);
  }

  /** A request filed by an earlier attempt of this run (whose answer was lost), found by its marker. */
  private Optional<TrackedBug> filedEarlier(RequestTexts texts) {
    for (TrackedBug bug : tracker.find(texts.key())) {
      if (tracker.comments(bug).stream().anyMatch(c -> c.description() && c.text().contains(texts.marker()))) {
        return Optional.of(bug);
      }
    }
    return Optional.empty();
  }

  private void repairDuplicates(List<TrackedBug> requests, RequestTexts texts, boolean dryRun, List<String> notes) {
    TrackedBug first = requests.get(0);
    for (TrackedBug younger : requests.subList(1, requests.size())) {
      String description = younger.description() != null ? younger.description()
          : tracker.comments(younger).stream().filter(BugComment::description).map(BugComment::text).findFirst()
              .orElse("");
      if (!texts.key().postedByTrainyard(description)) {
        notes.add("request " + younger.id() + " also carries " + texts.key().token()
            + " but was not filed by trainyard; left alone, using the older " + first.id());
        continue;
      }
      if (dryRun) {
        notes.add("would close request " + younger.id() + " as a duplicate of the older " + first.id());
        continue;
      }
      try {
        tracker.closeAsDuplicate(younger, first, "trainyard filed this request twice (an earlier run was interrupted"
            + " before it could tidy up); #" + first.id() + " is the one to use");
        notes.add("closed request " + younger.id() + " as a duplicate of the older " + first.id());
      } catch (TrainyardException e) {
        reporter.warn("could not close duplicate request " + younger.id() + ": " + e.getMessage());
        notes.add("request " + younger.id() + " duplicates " + first.id() + " and could not be closed");
      }
    }
  }

  private DeployBugResult ensurePosted(TrackedBug request, RequestTexts texts, ClosedBugPolicy closedPolicy,
      boolean dryRun, List<String> notes) {
    List<BugComment> carrying = withMarker(tracker.comments(request), texts.marker());
    if (!carrying.isEmpty()) {
      if (carrying.size() > 1 && !dryRun) {
        retractRepeats(request, carrying, notes);
      }
      return result(DeployBugAction.UNCHANGED, request, carrying.get(0).text(), texts, notes);
    }
    if (!request.open()) {
      if (closedPolicy == ClosedBugPolicy.REFUSE) {
        throw new TrainyardException(FailureKind.REPOSITORY_STATE,
            tracker.name() + " request " + request.id() + " (" + request.url() + ") is closed (" + request.status()
                + "); not commenting on it",
            "reopen it, or comment on closed requests with --closed-bug comment (deploy-bug.closed-bug: comment)");
      }
      notes.add("request " + request.id() + " is closed (" + request.status() + "); commenting anyway");
    }
    String text = tracker.withMarker(texts.comment(), texts.marker());
    if (dryRun) {
      return result(DeployBugAction.WOULD_COMMENT, request, text, texts, notes);
    }
    BugComment posted = writeOnce("comment on request " + request.id(), () -> tracker.comment(request, text),
        () -> withMarker(tracker.comments(request), texts.marker()).stream().findFirst());
    List<BugComment> after = withMarker(tracker.comments(request), texts.marker());
    if (!after.isEmpty() && after.get(0).id() != posted.id() && after.stream().anyMatch(c -> c.id() == posted.id())) {
      retract(request, posted, notes);
      notes.add("another run posted the same comment at the same time; kept the first");
      return result(DeployBugAction.UNCHANGED, request, after.get(0).text(), texts, notes);
    }
    reporter.info("commented on " + tracker.name() + " request " + request.id() + ": " + request.url());
    return result(DeployBugAction.COMMENTED, request, text, texts, notes);
  }

  private void retractRepeats(TrackedBug request, List<BugComment> carrying, List<String> notes) {
    for (BugComment repeat : carrying.subList(1, carrying.size())) {
      if (!repeat.description()) {
        retract(request, repeat, notes);
      }
    }
  }

  private void retract(TrackedBug request, BugComment comment, List<String> notes) {
    try {
      Optional<String> why = tracker.retractDuplicateComment(request, comment);
      notes.add(why.orElse("retracted comment " + comment.id() + " on request " + request.id()
          + ", which repeated an earlier one"));
    } catch (TrainyardException e) {
      reporter.warn("could not retract repeated comment " + comment.id() + ": " + e.getMessage());
    }
  }

  private static List<BugComment> withMarker(List<BugComment> comments, String marker) {
    return comments.stream().filter(c -> c.text().contains(marker)).toList();
  }

  /**
   * Runs a write; when it fails with an unknown outcome, checks whether it arrived before sending
   * it again, within the retry policy's attempts.
   */
  private <T> T writeOnce(String what, Supplier<T> write, Supplier<Optional<T>> arrived) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (OutcomeUnknownException e) {
        reporter.warn(e.getMessage() + "; checking whether it arrived");
        Optional<T> there = arrived.get();
        if (there.isPresent()) {
          reporter.info("it had arrived; not sending it again");
          return there.get();
        }
        if (attempt >= policy.maxAttempts()) {
          throw new TrainyardException(FailureKind.REMOTE, "could not " + what + " after " + attempt
              + " attempts: " + e.getMessage(), e.hint(), e);
        }
        try {
          sleeper.sleep(policy.backoff(attempt, 0.5));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new TrainyardException(FailureKind.REMOTE, "interrupted while waiting to " + what, null);
        }
      }
    }
  }

  private DeployBugResult result(DeployBugAction action, TrackedBug request, String body, RequestTexts texts,
      List<String> notes) {
    boolean filing = action == DeployBugAction.FILED || action == DeployBugAction.WOULD_FILE;
    return new DeployBugResult(action, request == null ? 0 : request.id(), request == null ? null : request.url(),
        body, filing ? texts.summary() : null, tracker.name(), tracker.destination(), texts.key().token(),
        texts.marker(), notes);
  }
}
