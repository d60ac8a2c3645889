package dev.nexttoken;

import java.util.Objects;

/**
 * The shape the answer must take: free text, any JSON object, or JSON following a schema.
 *
 * <p>Each provider maps it to its own option ({@code response_format}, {@code text.format},
 * {@code responseJsonSchema}, Ollama's {@code format}, llama.cpp's {@code json_schema}); whether a
 * provider has schemas, and strict schemas, is in {@link OperationCapabilities#structuredOutput()}.
 * The answer's text is then the JSON; read it with {@link Completion#json()}, check it with
 * {@link Completion#validatedJson()}, and see how sure the model was of each value with
 * {@link dev.nexttoken.logprob.FieldConfidence#of(Completion)}.
 *
 * @param type the kind of constraint
 * @param name the schema's name where the provider wants one (OpenAI); defaults to {@code "response"}
 * @param schema the JSON Schema as JSON text for {@link Type#JSON_SCHEMA}, else null
 * @param strict ask for exact adherence where the provider has it (OpenAI {@code strict}); null = its default
 */
public record ResponseFormat(Type type, String name, String schema, Boolean strict) {
  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null);
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null);

  public enum Type {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }

  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    if ((type == Type.JSON_SCHEMA) != (schema != null)) {
      throw new IllegalArgumentException("a schema goes with type JSON_SCHEMA and only with it");
    }
    if (schema != null) {
      JsonText.requireObject(schema, "the response schema");
      name = name == null ? "response" : name;
      if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("schema name must be 1 to 64 of a-z, A-Z, 0-9, _ and -, was \"" + name + "\"");
      }
    }
  }

  /** JSON following {@code schema} (JSON text), under the name {@code "response"}. */
  public static ResponseFormat jsonSchema(String schema) {
    return new ResponseFormat(Type.JSON_SCHEMA, null, schema, null);
  }

  /** JSON following {@code schema} (JSON text), under {@code name}. */
  public static ResponseFormat jsonSchema(String name, String schema) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schema, null);
  }

  /** This format with strict adherence requested (or not). */
  public ResponseFormat withStrict(boolean value) {
    return new ResponseFormat(type, name, schema, value);
  }

  /** Whether the answer is to be JSON. */
  public boolean isJson() {
    return type != Type.TEXT;
  }
}
