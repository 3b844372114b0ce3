package dev.trainyard.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs some tests run beside the JVM (gpg, gpgsm, ssh-keygen, ssh-agent, git, aws). On a
 * developer's machine a test whose program is missing is skipped, naming the package to install;
 * on CI ({@code CI} set, or {@code TRAINYARD_REQUIRE_TOOLS=1}, which .ci/run exports) it fails
 * instead, because .ci/run installs every one of them and a skip there would hide a test that never
 * ran.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** Whether a missing program fails the test rather than skipping it. */
  public static boolean required() {
    String require = System.getenv("TRAINYARD_REQUIRE_TOOLS");
    if (require != null && !require.isBlank()) {
      return !require.equals("0") && !require.equalsIgnoreCase("false");
    }
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }

  /** Whether {@code program} is an executable file in a directory of PATH. */
  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Skips the test (fails it on CI) unless every program is on PATH.
   *
   * @param aptPackage the Debian package that provides them, named in the message
   */
  public static void require(String aptPackage, String... programs) {
    List<String> missing = new ArrayList<>();
    for (String program : programs) {
      if (!onPath(program)) {
        missing.add(program);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = String.join(", ", missing) + " not found on PATH: install it with 'apt-get install -y "
        + aptPackage + "' (.ci/run does)";
    if (required()) {
      Assertions.fail(message + "; on CI a missing program fails the test instead of skipping it");
    }
    Assumptions.assumeTrue(false, message);
  }
}
