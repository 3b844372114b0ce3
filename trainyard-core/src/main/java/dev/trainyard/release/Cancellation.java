package dev.trainyard.release;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A request to stop a running {@code cut} (the CLI raises it on Ctrl-C or SIGTERM), and the way to
 * ask, at any moment and from any thread, what would have to be undone by hand if the process ended
 * right now. The release checks it between steps (and while waiting for a push); once raised, no
 * new step starts and the steps done are rolled back.
 */
public final class Cancellation {
  private volatile String reason;
  private volatile Supplier<List<String>> undo = List::of;

  /** Never cancelled: for callers that cannot be interrupted (tests, in-process runs). */
  public static Cancellation none() {
    return new Cancellation();
  }

  /** Asks the release to stop at the next safe point; {@code why} names the signal. */
  public void cancel(String why) {
    if (reason == null) {
      reason = why;
    }
  }

  public boolean cancelled() {
    return reason != null;
  }

  /** Throws {@link FailureKind#INTERRUPTED} when {@link #cancel} was called. */
  public void throwIfCancelled() {
    String why = reason;
    if (why != null) {
      throw new TrainyardException(FailureKind.INTERRUPTED, "interrupted (" + why + ")", null);
    }
  }

  /** The git commands that would undo what is done so far, were the process to end now; empty if nothing. */
  public List<String> undoCommands() {
    return undo.get();
  }

  /** Set by the release while it writes: where {@link #undoCommands()} comes from. */
  void track(Supplier<List<String>> undoCommands) {
    this.undo = undoCommands == null ? List::of : undoCommands;
  }
}
