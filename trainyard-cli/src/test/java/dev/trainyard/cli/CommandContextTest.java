package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandContextTest {
  @TempDir Path dir;

  @Test
  void eachRootGetsItsOwnConfigurationFile() throws Exception {
    Path first = Files.createDirectories(dir.resolve("first"));
    Path second = Files.createDirectories(dir.resolve("second"));
    Files.writeString(first.resolve(".trainyard.yml"), "github:\n  repository: acme/first\n");
    Files.writeString(second.resolve(".trainyard.yml"), "github:\n  repository: acme/second\n");
    CommandContext context = new CommandContext(new CliRunner(dir).environment(), new CommonOptions());

    assertThat(context.config(first).githubOrDefaults().repository()).isEqualTo("acme/first");
    assertThat(context.config(second).githubOrDefaults().repository()).isEqualTo("acme/second");
    assertThat(context.config().githubOrDefaults().repository()).as("no file in the working directory").isNull();
    assertThat(context.config(first)).isSameAs(context.config(first));
  }

  @Test
  void configFlagAppliesWhateverTheRoot() throws Exception {
    Path file = dir.resolve("custom.yml");
    Files.writeString(file, "github:\n  repository: acme/custom\n");
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve(".trainyard.yml"), "github:\n  repository: acme/other\n");
    CommonOptions options = new CommonOptions();
    options.config = Path.of("custom.yml");
    CommandContext context = new CommandContext(new CliRunner(dir).environment(), options);

    assertThat(context.config(other).githubOrDefaults().repository()).isEqualTo("acme/custom");
    assertThat(context.config().githubOrDefaults().repository()).isEqualTo("acme/custom");
  }
}
