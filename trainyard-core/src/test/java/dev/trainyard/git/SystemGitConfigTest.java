package dev.trainyard.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;

class SystemGitConfigTest {

  @Test
  void linuxUsesEtcGitconfigWithoutDiscovery() {
    assertThat(SystemGitConfig.systemConfigFile(reader("Linux", Map.of())))
        .contains(new File("/etc/gitconfig"));
  }

  @Test
  void gitConfigSystemNamesTheFile() {
    assertThat(SystemGitConfig.systemConfigFile(
            reader("Linux", Map.of("GIT_CONFIG_SYSTEM", "/opt/git/etc/gitconfig"))))
        .contains(new File("/opt/git/etc/gitconfig"));
  }

  @Test
  void windowsAndMacKeepJGitsDiscovery() {
    assertThat(SystemGitConfig.systemConfigFile(reader("Windows 11", Map.of()))).isEmpty();
    assertThat(SystemGitConfig.systemConfigFile(reader("Mac OS X", Map.of()))).isEmpty();
  }

  private static SystemReader reader(String osName, Map<String, String> env) {
    return new SystemReader.Delegate(SystemReader.getInstance()) {
      @Override
      public String getenv(String name) {
        return env.get(name);
      }

      @Override
      public String getProperty(String key) {
        return "os.name".equals(key) ? osName : super.getProperty(key);
      }
    };
  }
}
