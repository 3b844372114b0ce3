package dev.trainyard.git;

import java.io.File;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.StringUtils;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit finds the system git config by starting {@code git --version} and {@code git config --system
 * --show-origin --list} the first time a repository's configuration is read: two process starts,
 * about 0.1 s of a command's run. On Linux (the container, CI runners, developer machines) git's
 * system config is {@code /etc/gitconfig} unless {@code GIT_CONFIG_SYSTEM} names another file, so
 * it is named here once per process. {@code GIT_CONFIG_NOSYSTEM} is left to JGit, which then skips
 * the system config without discovery. Elsewhere (Windows, macOS with Homebrew or Xcode git) the
 * location varies, so JGit's discovery stays.
 */
public final class SystemGitConfig {
  private SystemGitConfig() {}

  /**
   * Names the system config file for JGit's detected file system; later calls do nothing. A call
   * made while another thread names it (JGitWarmUp) waits until it is named.
   */
  public static void nameOnce() {
    Named.touch();
  }

  /** The JVM initialises a class once, and other threads that need it wait for that. */
  private static final class Named {
    static {
      systemConfigFile(SystemReader.getInstance()).ifPresent(FS.DETECTED::setGitSystemConfig);
    }

    static void touch() {}
  }

  static java.util.Optional<File> systemConfigFile(SystemReader reader) {
    String named = reader.getenv("GIT_CONFIG_SYSTEM");
    if (!StringUtils.isEmptyOrNull(named)) {
      return java.util.Optional.of(new File(named));
    }
    String os = reader.getProperty("os.name");
    return os != null && os.startsWith("Linux")
        ? java.util.Optional.of(new File("/etc/gitconfig"))
        : java.util.Optional.empty();
  }
}
