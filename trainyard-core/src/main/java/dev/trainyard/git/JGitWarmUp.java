package dev.trainyard.git;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.internal.storage.file.FileSnapshot;

/**
 * JGit's first repository open spends most of its time initialising JGit itself: detecting the
 * file system, reading the user's file-store attributes, and loading its message bundle, whose
 * lookup makes the JDK open every jar on the class path in search of bundle-control providers
 * (a tenth of a second with the CLI's ninety jars). None of it depends on the repository, so a
 * command can start it on other cores while it parses its arguments. The message bundle loads on a
 * thread of its own: the rest needs it only at the end (the file-store attributes' shutdown hook),
 * so the two run side by side. Classes are initialised once: a thread that needs one still being
 * initialised here waits for it, so nothing runs twice.
 */
public final class JGitWarmUp {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private JGitWarmUp() {}

  /** Starts the warm-up on threads of its own; later calls do nothing. */
  public static void inBackground() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    start("trainyard-git-messages", () -> Objects.requireNonNull(JGitText.get()));
    start("trainyard-git-warm-up", () -> {
      SystemGitConfig.nameOnce();
      Objects.requireNonNull(FileSnapshot.DIRTY);
    });
  }

  private static void start(String name, Runnable initialisation) {
    Thread thread = new Thread(() -> {
      try {
        initialisation.run();
      } catch (RuntimeException | LinkageError e) {
        // Only when the process is already exiting (JGit cannot add its shutdown hook then); a
        // thread that needs JGit meets the same failure itself and reports it.
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }
}
