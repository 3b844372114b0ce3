package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.release.ExampleRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM during {@code cut}, for real: the CLI runs as a child process on the example
 * repository, a hook of the release (pre-commit, post-commit, the remote's pre-receive) marks the
 * point it reached and then takes its time, and the test sends the signal there. The release must
 * end rolled back, verified, with the signal's exit status; or, when it cannot stop in time, print
 * the exact commands that undo it, and those commands must work.
 */
class InterruptTest {
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);

  @TempDir Path tmp;
  Path yard;
  Path marker;

  @BeforeEach
  void example() {
    yard = tmp.resolve("yard");
    ExampleRepository.create(yard);
    marker = tmp.resolve("reached");
  }

  /** A hook that marks it was reached, then works for {@code seconds}. */
  private void hook(Path hooksDir, String name, int seconds) throws IOException {
    Path hook = hooksDir.resolve(name);
    Files.createDirectories(hooksDir);
    Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\nsleep " + seconds + "\nexit 0\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Finished(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Starts {@code trainyard args} in the example repository, sends {@code signal} once the marker appears. */
  private Finished runAndSignal(String signal, List<String> jvmFlags, String... args) throws Exception {
    if (signal.equals("INT")) {
      assertThat(sigintIgnored())
          .as("SIGINT is ignored in this process (SigIgn in /proc/self/status), so the CLI started here would"
              + " ignore Ctrl-C too: run the tests in the foreground, not as a background job of a non-interactive"
              + " shell (`cmd &` there starts with SIGINT ignored, and children inherit it)")
          .isFalse();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(yard.toFile())
        .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("INPUT_"));
    Process process = builder.start();
    long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
    while (!Files.exists(marker)) {
      assertThat(process.isAlive()).as("the release ended before reaching the hook: " + read("err.txt")).isTrue();
      assertThat(System.nanoTime()).as("the hook was never reached").isLessThan(deadline);
      Thread.sleep(50);
    }
    int killed = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
    assertThat(killed).isZero();
    assertThat(process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("exited after the signal").isTrue();
    return new Finished(process.exitValue(), read("out.txt"), read("err.txt"));
  }

  /** Whether this JVM started with SIGINT ignored (bit 2 of SigIgn on Linux; false where there is no /proc). */
  private static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
      }
    }
    return false;
  }

  private String read(String name) throws IOException {
    Path file = tmp.resolve(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private Map<String, String> state(Path repo) throws Exception {
    Map<String, String> state = new TreeMap<>();
    try (Git git = Git.open(repo.toFile())) {
      for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
        state.put(ref.getName(), ref.getObjectId().name());
      }
      state.put("HEAD", git.getRepository().getFullBranch());
      state.put("clean", String.valueOf(git.status().call().isClean()));
    }
    return state;
  }

  private static final String ROLLED_BACK = "trainyard: error: release interrupted (Ctrl-C or SIGTERM); the repository was put back as it was";

  @Test
  void ctrlCWhileThePreCommitHookRunsRollsBack() throws Exception {
    hook(yard.resolve(".git/hooks"), "pre-commit", 3);
    Map<String, String> before = state(yard);

    Finished run = runAndSignal("INT", List.of(), "cut");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
    assertThat(run.err()).as(run.toString()).contains(ROLLED_BACK);
    assertThat(state(yard)).isEqualTo(before);
  }

  @Test
  void sigtermAfterTheCommitRollsBack() throws Exception {
    hook(yard.resolve(".git/hooks"), "post-commit", 3);
    Map<String, String> before = state(yard);

    Finished run = runAndSignal("TERM", List.of(), "cut");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(143);
    assertThat(run.err()).as(run.toString()).contains("committed").contains(ROLLED_BACK);
    assertThat(state(yard)).isEqualTo(before);
  }

  @Test
  void ctrlCWhileTheRemotesHookRunsStopsThePushAndRollsBack() throws Exception {
    Path remote = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
    hook(remote.resolve("hooks"), "pre-receive", 15);
    try (Git git = Git.open(yard.toFile())) {
      var config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", remote.toString());
      config.save();
    }
    Map<String, String> before = state(yard);

    Finished run = runAndSignal("INT", List.of(), "cut", "--push");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
    assertThat(run.err()).as(run.toString()).contains("tagged v1.4.0").contains(ROLLED_BACK);
    assertThat(state(yard)).isEqualTo(before);
    try (Git git = Git.open(remote.toFile())) {
      assertThat(git.getRepository().getRefDatabase().getRefs()).as("nothing reached the remote").isEmpty();
    }
  }

  @Test
  void aReleaseThatCannotStopInTimePrintsTheCommandsThatUndoIt() throws Exception {
    hook(yard.resolve(".git/hooks"), "pre-commit", 20);
    Map<String, String> before = state(yard);

    Finished run = runAndSignal("INT", List.of("-Dtrainyard.interrupt.wait-seconds=2"), "cut");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
    String prefix = "trainyard: interrupted before the release could be rolled back; undo by hand: ";
    String line = run.err().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
        () -> new AssertionError("no undo line: " + run));
    assertThat(state(yard)).as("the release was stopped half-way").isNotEqualTo(before);
    for (String undo : line.substring(prefix.length()).split(" && ")) {
      ProcessBuilder shell = new ProcessBuilder("sh", "-c", undo).directory(yard.toFile()).redirectErrorStream(true);
      Process process = shell.start();
      String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(undo + ": " + said).isZero();
    }
    assertThat(state(yard)).as("the printed commands put it back").isEqualTo(before);
  }
}
