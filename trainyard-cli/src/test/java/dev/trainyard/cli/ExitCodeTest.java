package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.FailureKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes are written once, in {@link ExitCode}. After changing them, regenerate README's table:
 * {@code ./mvnw -q -B -ntp -pl trainyard-cli -am test -Dtest=ExitCodeTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtrainyard.writeReadme=true}.
 */
class ExitCodeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String MARKER = "<!-- generated from trainyard-cli's ExitCode.java; ExitCodeTest checks it -->\n";

  @TempDir Path dir;

  @Test
  void readmeTableIsTheGeneratedOne() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(MARKER);
    assertThat(start).as("README.md has the exit-code marker").isNotNegative();
    start += MARKER.length();
    int end = readme.indexOf("\n\n", start) + 1;
    if (Boolean.getBoolean("trainyard.writeReadme")) {
      readme = readme.substring(0, start) + ExitCode.markdownTable() + readme.substring(end);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
      end = start + ExitCode.markdownTable().length();
    }
    assertThat(readme.substring(start, end))
        .as("README's exit-code table is stale; regenerate it as this class's doc says")
        .isEqualTo(ExitCode.markdownTable());
  }

  @Test
  void helpFooterListsEveryCode() {
    CliRunner.Result help = new CliRunner(dir).run("--help");

    assertThat(help.out()).contains("Exit codes:");
    for (ExitCode.Meaning meaning : ExitCode.TABLE) {
      assertThat(meaning.meaning().length()).as("fits the 80-column help unwrapped").isLessThanOrEqualTo(74);
      assertThat(help.out()).contains(String.format("  %-3d %s", meaning.code(), meaning.meaning()));
    }
  }

  @Test
  void everyFailureKindMapsToADocumentedCode() {
    for (FailureKind kind : FailureKind.values()) {
      assertThat(ExitCode.TABLE).extracting(ExitCode.Meaning::code).contains(ExitCode.of(kind));
    }
  }
}
