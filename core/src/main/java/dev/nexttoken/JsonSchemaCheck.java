package dev.nexttoken;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.nexttoken.error.SchemaViolationException;
import java.util.List;

/**
 * Validates a model's JSON answer against the schema it was asked to follow. Uses networknt's
 * json-schema-validator (draft 2020-12 by default, the draft OpenAI and Gemini document) rather
 * than a hand-written subset: models break schemas in the corners (formats, patterns, $defs) that a
 * subset skips. A schema naming its own {@code $schema} is read in that draft.
 */
final class JsonSchemaCheck {
  // JSONPath locations ($.items[0].name), the form FieldConfidence and the CLI use.
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

  private JsonSchemaCheck() {}

  /** @throws SchemaViolationException listing every breach, each with its JSON path */
  static void validate(JsonNode value, String schemaText, String output) {
    Schema schema = REGISTRY.getSchema(JsonText.tree(schemaText, "the response schema"));
    List<Error> errors = schema.validate(value);
    if (!errors.isEmpty()) {
      List<String> lines = errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
      throw new SchemaViolationException("the answer breaks the response schema: " + String.join("; ", lines), output, lines);
    }
  }
}
