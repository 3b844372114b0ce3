package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one list of JVM flags (src/main/jib/app/jvm.args, read by the launcher, the image and the
 * archive training) must keep the JVM itself quiet on stdout: its unified-logging warnings go
 * there by default (for instance the notice that transparent huge pages are off in the kernel), and
 * stdout carries --json. The JVM's version banner goes to stderr, so stdout must stay empty.
 */
class JvmFlagsTest {

  @Test
  void theFlagsStartTheJvmWithoutAWordOnStdout() throws Exception {
    Path flags = Path.of("src/main/jib/app/jvm.args").toAbsolutePath();
    assertThat(flags).exists();
    Process java = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + flags, "-version")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("java -version finished").isTrue();
    assertThat(java.exitValue()).as("java accepts every flag").isZero();
    assertThat(out).as("stdout of java @jvm.args -version").isEmpty();
  }
}
