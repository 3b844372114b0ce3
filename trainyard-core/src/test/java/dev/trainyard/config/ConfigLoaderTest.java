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

  @Test
  void anAliasIsRefusedWithItsPositionNeverReadAsTheAnchorName() {
    String yaml = """
        assets:
          cache-control: &cc public,max-age=86400
          rules:
            - match: "legal/**"
              cache-control: *cc
        """;
    assertThatThrownBy(() -> loader.parse(yaml, "cfg.yml"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo(
              "cfg.yml:5:22: YAML alias '*cc' is not supported: trainyard reads every value as written");
          assertThat(e.hint()).contains("'&cc'");
        });
  }

  @Test
  void anAliasBombIsRefusedAtItsFirstAliasWithoutExpanding() {
    StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      String previous = "*" + (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [").append(String.join(",", java.util.Collections.nCopies(9, previous)))
          .append("]\n");
    }
    assertThatThrownBy(() -> loader.parse(bomb.toString(), "bomb.yml"))
        .hasMessage("bomb.yml:2:8: YAML alias '*a' is not supported: trainyard reads every value as written");
  }

  @Test
  void aMergeKeyAliasIsRefusedToo() {
    assertThatThrownBy(() -> loader.parse("github: &g\n  repository: a/b\nassets:\n  <<: *g\n", "cfg.yml"))
        .hasMessageContaining("YAML alias '*g' is not supported");
  }

  @Test
  void aDuplicateKeyNamesItselfNotTheShapeOfTheFile() {
    assertThatThrownBy(() -> loader.parse("github:\n  repository: a/b\n  repository: c/d\n", "cfg.yml"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("cfg.yml:3:3: duplicate key 'repository' under 'github'");
          assertThat(e.hint()).contains("keep one");
        });
    assertThatThrownBy(() -> loader.parse("github: {}\ngithub: {}\n", "cfg.yml"))
        .hasMessage("cfg.yml:2:1: duplicate key 'github'");
  }

  @Test
  void aBinaryFileIsNotBlamedOnPermissions(@TempDir Path dir) throws Exception {
    Path binary = dir.resolve("binary.yml");
    Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
    Path latin1 = dir.resolve("latin1.yml");
    Files.write(latin1, "github:\n  repository: caf\u00e9/x\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> loader.load(binary, true))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo("configuration file " + binary + " is not a text file (a NUL byte at offset 4)");
          assertThat(e.hint()).doesNotContain("permission");
        });
    assertThatThrownBy(() -> loader.load(latin1, true)).hasMessage("configuration file " + latin1 + " is not UTF-8 text");
    assertThatThrownBy(() -> loader.load(dir, true)).isInstanceOfSatisfying(TrainyardException.class,
        e -> assertThat(e.hint()).isEqualTo("name the YAML file, not its folder"));
  }

  @Test
  void anEndlessOrHugeFileIsOneLineWithoutReadingItAll(@TempDir Path dir) throws Exception {
    Path sparse = dir.resolve("sparse.yml");
    try (var file = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
      file.setLength(64L * 1024 * 1024 * 1024);
    }
    assertThatThrownBy(() -> loader.load(sparse, true))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo("configuration file " + sparse + " is larger than 1024 KiB; it cannot be a trainyard configuration");
        });
    Path zero = Path.of("/dev/zero");
    if (Files.isReadable(zero)) {
      assertThatThrownBy(() -> loader.load(zero, true)).hasMessageContaining("is larger than 1024 KiB");
    }
  }
}
