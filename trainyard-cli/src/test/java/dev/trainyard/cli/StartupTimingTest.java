package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.release.ExampleRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' timing line: printed by the real process with -Dtrainyard.timing=true, and only then. */
class StartupTimingTest {
  @TempDir Path tmp;

  private String stderr(String... jvmFlags) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(jvmFlags));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "changelog", "--from", "HEAD~1", "--json"));
    ExampleRepository.create(tmp.resolve("yard"));
    Path err = tmp.resolve("err" + jvmFlags.length + ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.resolve("yard").toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    // The JVM itself prints "Picked up JAVA_TOOL_OPTIONS: ..." on stderr when one of these is set (CI
    // images and developers' shells do); the test is about what trainyard prints.
    builder.environment().keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("INPUT_")
        || name.equals("JAVA_TOOL_OPTIONS") || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  @Test
  void printsOneTimingLineWhenAsked() throws Exception {
    assertThat(stderr("-Dtrainyard.timing=true"))
        .matches("trainyard timing: main-to-exit=\\d+\\.\\d ms command=\\d+\\.\\d ms\\R");
  }

  @Test
  void printsNothingOtherwise() throws Exception {
    assertThat(stderr()).isEmpty();
  }
}
