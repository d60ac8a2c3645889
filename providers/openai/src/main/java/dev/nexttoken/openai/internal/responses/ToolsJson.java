package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonFields.flag;
import static dev.nexttoken.spi.JsonFields.text;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import java.io.IOException;
import java.util.List;

/**
 * {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} of a Responses request
 * (wire-formats-2 §1.2, spec {@code FunctionTool}, {@code ToolChoiceParam}).
 *
 * <p>A function tool is flat: {@code {type: function, name, description, parameters, strict}}.
 * {@code parameters} and {@code strict} are required by the spec and nullable, so both are always
 * written: the schema as the caller's JSON text, byte for byte (or {@code null} for a tool without
 * arguments), and {@code strict} as set, or {@code null} for OpenAI's default, which on this route
 * is {@code true}: a schema OpenAI's strict mode cannot take (an object without
 * {@code additionalProperties: false}, an optional property) then needs {@code Tool.withStrict(false)}.
 * {@code description} is left out when null. A tool choice is {@code none}, {@code auto},
 * {@code required} or {@code {type: function, name}}; null sends nothing, as does a null parallel switch.
 */
final class ToolsJson {
  private ToolsJson() {}

  static void write(JsonGenerator g, List<Tool> tools, ToolChoice choice, Boolean parallel) throws IOException {
    if (!tools.isEmpty()) {
      g.writeArrayFieldStart("tools");
      for (Tool tool : tools) {
        tool(g, tool);
      }
      g.writeEndArray();
    }
    if (choice != null) {
      g.writeFieldName("tool_choice");
      choice(g, choice);
    }
    flag(g, "parallel_tool_calls", parallel);
  }

  private static void tool(JsonGenerator g, Tool tool) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "function");
    g.writeStringField("name", tool.name());
    text(g, "description", tool.description());
    g.writeFieldName("parameters");
    if (tool.parameters() == null) {
      g.writeNull();
    } else {
      g.writeRawValue(tool.parameters());
    }
    g.writeFieldName("strict");
    if (tool.strict() == null) {
      g.writeNull();
    } else {
      g.writeBoolean(tool.strict());
    }
    g.writeEndObject();
  }

  private static void choice(JsonGenerator g, ToolChoice choice) throws IOException {
    switch (choice.mode()) {
      case AUTO -> g.writeString("auto");
      case NONE -> g.writeString("none");
      case REQUIRED -> g.writeString("required");
      case NAMED -> {
        g.writeStartObject();
        g.writeStringField("type", "function");
        g.writeStringField("name", choice.toolName());
        g.writeEndObject();
      }
    }
  }
}
