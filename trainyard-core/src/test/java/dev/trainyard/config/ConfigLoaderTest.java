package dev.trainyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void readsKebabCaseKeys() {
    TrainyardConfig config = loader.parse("""
        github:
          server-url: https://github.example.com
          api-url: https://github.example.com/api/v3
          repository: acme/widgets
        """, ".trainyard.yml");

    assertThat(config.github()).isEqualTo(new GitHubConfig(
        "https://github.example.com", "https://github.example.com/api/v3", "acme/widgets"));
  }

  @Test
  void unknownKeyNamesLineColumnPathAndClosestKey() {
    assertThatThrownBy(() -> loader.parse("""
        github:
          server-url: https://github.com
          repositry: acme/widgets
        """, ".trainyard.yml"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo(".trainyard.yml:3:3: unknown key 'repositry' under 'github'");
          assertThat(e.hint()).startsWith("did you mean 'repository'?");
        });
  }

  @Test
  void unknownTopLevelKeyWithoutCloseMatchListsAllowedKeys() {
    assertThatThrownBy(() -> loader.parse("flavour: vanilla\n", "cfg.yml"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("cfg.yml:1:1: unknown key 'flavour'");
          assertThat(e.hint()).contains("allowed keys here:").contains("github");
        });
  }

  @Test
  void wrongShapeSaysWhatWasExpected() {
    assertThatThrownBy(() -> loader.parse("github: [a, b]\n", "cfg.yml"))
        .isInstanceOfSatisfying(TrainyardException.class,
            e -> assertThat(e.getMessage()).isEqualTo("cfg.yml:1:1: 'github' must be a mapping (key: value)"));
  }

  @Test
  void invalidValueRejectedByTheRecordIsReportedWithItsPath() {
    assertThatThrownBy(() -> loader.parse("github:\n  repository: not-a-slug\n", "cfg.yml"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.getMessage())
            .startsWith("cfg.yml:1:1:")
            .contains("'github'")
            .contains("must look like owner/name"));
  }

  @Test
  void syntaxErrorIsOneLine() {
    assertThatThrownBy(() -> loader.parse("github:\n  server-url: \"unterminated\n", "cfg.yml"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.getMessage()).startsWith("cfg.yml:").doesNotContain("\n");
          assertThat(e.hint()).isEqualTo("fix the YAML syntax");
        });
  }

  @Test
  void emptyFileMeansDefaults() {
    assertThat(loader.parse("  \n", "cfg.yml")).isEqualTo(TrainyardConfig.defaults());
    assertThat(loader.parse("# only a comment\n", "cfg.yml")).isEqualTo(TrainyardConfig.defaults());
  }

  @Test
  void missingOptionalFileMeansDefaultsButMissingNamedFileIsAnError(@TempDir Path dir) {
    Path absent = dir.resolve(".trainyard.yml");
    assertThat(loader.load(absent, false)).isEqualTo(TrainyardConfig.defaults());
    assertThatThrownBy(() -> loader.load(absent, true))
        .isInstanceOfSatisfying(TrainyardException.class,
            e -> assertThat(e.getMessage()).contains("does not exist"));
  }

  @Test
  void loadsFromDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".trainyard.yml");
    Files.writeString(file, "github:\n  repository: acme/widgets\n");
    assertThat(loader.load(file, true).githubOrDefaults().repository()).isEqualTo("acme/widgets");
  }
}
