package dev.trainyard.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The published schema must match the configuration model. To regenerate after changing a config
 * record: {@code ./mvnw -q -B -pl trainyard-core -am test -Dtest=ConfigSchemaTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtrainyard.writeSchema=true}.
 */
class ConfigSchemaTest {
  private static final Path COMMITTED = Path.of("..", "docs", "trainyard.schema.json");

  @Test
  void committedSchemaIsCurrent() throws Exception {
    String generated = ConfigSchema.generate();
    if (Boolean.getBoolean("trainyard.writeSchema")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
    }
    assertThat(COMMITTED).as("docs/trainyard.schema.json exists; see this class's doc to regenerate").exists();
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as("docs/trainyard.schema.json is stale; regenerate it as this class's doc says")
        .isEqualTo(generated);
  }

  @Test
  void schemaForbidsUnknownKeysAndUsesTheYamlKeyNames() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(ConfigSchema.generate());
    assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
    JsonNode github = schema.at("/properties/github");
    assertThat(github.at("/additionalProperties").asBoolean(true)).isFalse();
    assertThat(github.at("/properties").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("server-url", "api-url", "repository");
  }
}
