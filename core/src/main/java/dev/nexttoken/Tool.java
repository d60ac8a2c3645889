package dev.nexttoken;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function the model may call: its name, what it does, and its arguments as a JSON Schema.
 *
 * <p>The schema is kept as JSON text and sent as it is, so that what the provider sees is byte for
 * byte what the caller wrote; it is checked to be a JSON object when the tool is made.
 *
 * @param name {@code [a-zA-Z0-9_-]}, at most 64 characters (the strictest provider's rule, OpenAI's)
 * @param description what the tool does, for the model to decide when to call it; may be null
 * @param parameters the JSON Schema of the arguments object, as JSON text; null = no arguments
 * @param strict ask the provider to hold the arguments to the schema exactly, where it can (OpenAI
 *     {@code strict}, Cohere {@code strict_tools}); null = the provider's default
 */
public record Tool(String name, String description, String parameters, Boolean strict) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  public Tool {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("tool name must be 1 to 64 of a-z, A-Z, 0-9, _ and -, was \"" + name + "\"");
    }
    if (parameters != null) {
      JsonText.requireObject(parameters, "the parameters schema of tool " + name);
    }
  }

  /** A tool whose arguments follow {@code parametersSchema} (JSON text of a JSON Schema object). */
  public static Tool of(String name, String description, String parametersSchema) {
    return new Tool(name, description, parametersSchema, null);
  }

  /** This tool with strict arguments requested. */
  public Tool withStrict(boolean value) {
    return new Tool(name, description, parameters, value);
  }
}
