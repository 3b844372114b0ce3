package dev.trainyard.release;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pushes to a remote on this machine ({@code file://} URL or a path) with the system {@code git}.
 * JGit receives such a push in-process and runs none of the remote's hooks, so a {@code pre-receive}
 * that refuses would be bypassed; {@code git push} runs them. The child gets no secrets from the
 * environment (the remote is local: it needs none), its output goes to the reporter line by line,
 * it is bounded by a timeout, and a {@link Cancellation} stops it.
 */
final class SystemGitPush {
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private SystemGitPush() {}

  /** Refuses, before anything is written, a local push that cannot run its hooks: no {@code git}. */
  static void requireGit(Path workTree, String remote) {
    try {
      Process version = new ProcessBuilder("git", "--version").directory(workTree.toFile())
          .redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      if (version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0) {
        return;
      }
      version.destroyForcibly();
    } catch (IOException e) {
      // not installed: refused below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw TrainyardException.invalidInput(
        "--push: remote '" + remote + "' is on this machine, and trainyard pushes there with the git command so"
            + " that the remote's hooks run, but git is not installed",
        "install git, or leave out --push and run the printed push commands yourself");
  }

  static void push(Path workTree, String remote, String ref, Reporter reporter, Cancellation cancellation) {
    ProcessBuilder builder = new ProcessBuilder("git", "push", "--porcelain", remote, ref + ":" + ref)
        .directory(workTree.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(SystemGitPush::secretName);
    env.put("GIT_TERMINAL_PROMPT", "0");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw TrainyardException.invalidInput("--push: cannot run git: " + e.getMessage(), "install git, or push by hand");
    }
    List<String> output = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (output) {
            output.add(line);
          }
          reporter.info("git push: " + line);
        }
      } catch (IOException ignored) {
        // the process was stopped
      }
    }, "trainyard-git-push-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
        if (cancellation.cancelled() || System.nanoTime() > deadline) {
          stop(process);
          cancellation.throwIfCancelled();
          throw new TrainyardException(FailureKind.REMOTE, "push of " + ref + " to " + remote + " did not finish within "
              + TIMEOUT.toMinutes() + " minutes (a hook of the remote still running?)", "look at the remote's hooks, then run again");
        }
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new TrainyardException(FailureKind.INTERRUPTED, "interrupted while pushing " + ref, null, e);
    }
    if (process.exitValue() != 0) {
      List<String> lines;
      synchronized (output) {
        lines = List.copyOf(output);
      }
      throw new TrainyardException(FailureKind.REMOTE, "push of " + ref + " to " + remote + " was rejected: "
          + reason(lines), "look at what the remote's hooks said, fix it, then run again");
    }
  }

  /** The rejection git reports ({@code ! ref:ref [remote rejected] (pre-receive hook declined)}) and what the remote said. */
  static String reason(List<String> lines) {
    List<String> remoteSaid = new ArrayList<>();
    String status = null;
    for (String line : lines) {
      if (line.startsWith("remote: ")) {
        String said = line.substring("remote: ".length()).strip();
        if (!said.isEmpty()) {
          remoteSaid.add(said);
        }
      } else if (line.startsWith("!\t") || line.startsWith("! ")) {
        String[] parts = line.split("\t");
        status = parts[parts.length - 1].strip();
      } else if (status == null && (line.startsWith("error: ") || line.startsWith("fatal: "))) {
        status = line;
      }
    }
    String text = (status == null ? "git push failed" : status)
        + (remoteSaid.isEmpty() ? "" : "; the remote said: " + String.join(" / ", remoteSaid));
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean secretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.contains("TOKEN") || upper.contains("SECRET") || upper.contains("PASSWORD")
        || upper.contains("API_KEY") || upper.contains("APIKEY") || upper.contains("PRIVATE_KEY")
        || upper.equals("AWS_ACCESS_KEY_ID");
  }
}
