package dev.trainyard.cli;

import dev.trainyard.release.Cancellation;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What Ctrl-C (SIGINT) and SIGTERM do to a running {@code cut}. {@link Main} installs one shutdown
 * hook for the process. When a signal arrives while a release is being cut, the hook raises its
 * {@link Cancellation}: the release starts no further step, rolls back what it did and verifies
 * it, and the main thread prints the outcome as usual. The hook waits for that (at most
 * {@link #ROLLBACK_WAIT}, 30 s; {@code -Dtrainyard.interrupt.wait-seconds=N} changes it); if the release is stuck (a hook of the repository still running, a push
 * in flight), it prints the exact git commands that undo what is done so far before the process
 * ends. The process then ends with the signal's status: 130 for SIGINT, 143 for SIGTERM.
 *
 * <p>In-process runs (tests) get a cancellation nobody raises.
 */
final class Interruptions {
  static final Duration ROLLBACK_WAIT = Duration.ofSeconds(Long.getLong("trainyard.interrupt.wait-seconds", 30));

  private static final AtomicReference<Cancellation> CURRENT = new AtomicReference<>();
  private static final CountDownLatch FINISHED = new CountDownLatch(1);

  private Interruptions() {}

  /** Installs the process's shutdown hook; {@code err} is where a stuck release's undo commands go. */
  static void install(PrintWriter err) {
    Thread hook = new Thread(() -> onSignal(err), "trainyard-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A cancellation for the release about to run; the shutdown hook raises it on a signal. */
  static Cancellation begin() {
    Cancellation cancellation = new Cancellation();
    CURRENT.set(cancellation);
    return cancellation;
  }

  /** The release is over (done, failed or rolled back): a signal now has nothing to stop. */
  static void end(Cancellation cancellation) {
    CURRENT.compareAndSet(cancellation, null);
  }

  /** Called by {@link Main} once the command's output is flushed, just before it exits. */
  static void finished() {
    FINISHED.countDown();
  }

  private static void onSignal(PrintWriter err) {
    Cancellation cancellation = CURRENT.get();
    if (cancellation == null) {
      return;
    }
    cancellation.cancel("Ctrl-C or SIGTERM");
    try {
      if (FINISHED.await(ROLLBACK_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> undo = cancellation.undoCommands();
    if (undo.isEmpty()) {
      err.println("trainyard: interrupted; nothing of the release was written");
    } else {
      err.println("trainyard: interrupted before the release could be rolled back; undo by hand: "
          + String.join(" && ", undo));
    }
    err.flush();
  }
}
