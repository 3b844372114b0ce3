package dev.trainyard.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;

/** Generates the JSON Schema of {@code .trainyard.yml} from {@link TrainyardConfig}. */
final class ConfigSchema {
  private ConfigSchema() {}

  static String generate() {
    var naming = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.FLATTENED_ENUMS_FROM_TOSTRING)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    builder.forFields().withPropertyNameOverrideResolver(field -> naming.translate(field.getName()));
    builder.forTypesInGeneral().withEnumResolver(scope -> scope.getType().getErasedType().isEnum()
        ? java.util.Arrays.stream(scope.getType().getErasedType().getEnumConstants())
            .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
            .map(Object.class::cast).toList()
        : null);
    builder.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
      Class<?> type = javaType.getErasedType();
      if (java.util.Map.class.isAssignableFrom(type)) {
        // A map's keys are the user's (environment names), so any key is allowed; values are typed.
        ObjectNode map = context.getGeneratorConfig().createObjectNode().put("type", "object");
        map.set("additionalProperties", context.createDefinitionReference(javaType.getTypeParameters().get(1)));
        return new com.github.victools.jsonschema.generator.CustomDefinition(map,
            com.github.victools.jsonschema.generator.CustomDefinition.DefinitionType.INLINE,
            com.github.victools.jsonschema.generator.CustomDefinition.AttributeInclusion.NO);
      }
      if (type == dev.trainyard.deploy.DatabaseUse.class) {
        // YAML writes true and false as booleans and auto as a string.
        ObjectNode database = context.getGeneratorConfig().createObjectNode();
        database.putArray("enum").add(true).add(false).add("auto");
        return new com.github.victools.jsonschema.generator.CustomDefinition(database,
            com.github.victools.jsonschema.generator.CustomDefinition.DefinitionType.INLINE,
            com.github.victools.jsonschema.generator.CustomDefinition.AttributeInclusion.NO);
      }
      return null;
    });
    ObjectNode schema = new SchemaGenerator(builder.build()).generateSchema(TrainyardConfig.class);
    ObjectNode root = schema.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://trainyard.dev/trainyard.schema.json");
    root.put("title", ".trainyard.yml");
    root.put("description", "trainyard configuration. Every key is optional; flags and INPUT_* variables override it.");
    root.setAll(schema);
    return root.toPrettyString() + "\n";
  }
}
