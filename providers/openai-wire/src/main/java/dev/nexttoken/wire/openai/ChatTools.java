package dev.nexttoken.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import java.io.IOException;
import java.util.List;

/**
 * The tool fields of a chat body: {@code tools} as {@code [{type:function, function:{name,
 * description, parameters, strict}}]}, {@code tool_choice} ({@code none|auto|required} or
 * {@code {type:function, function:{name}}}) and {@code parallel_tool_calls}. Each tool's parameter
 * schema is written as the caller's JSON text itself (a raw value), so the server sees it byte for
 * byte as given.
 *
 * @param tools the tools, empty for none (then no {@code tools} field)
 * @param choice null sends no {@code tool_choice} (the server's default); neither does {@code none}
 *     without tools, which is what no tools means anyway and which OpenAI refuses ("only allowed when
 *     tools are specified")
 * @param parallel null sends no {@code parallel_tool_calls} (the server's default)
 */
public record ChatTools(List<Tool> tools, ToolChoice choice, Boolean parallel) {
  /** No tool fields at all. */
  public static final ChatTools NONE = new ChatTools(List.of(), null, null);

  public ChatTools {
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  void write(JsonGenerator g) throws IOException {
    if (!tools.isEmpty()) {
      g.writeArrayFieldStart("tools");
      for (Tool tool : tools) {
        g.writeStartObject();
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", tool.name());
        if (tool.description() != null) {
          g.writeStringField("description", tool.description());
        }
        if (tool.parameters() != null) {
          g.writeFieldName("parameters");
          g.writeRawValue(tool.parameters());
        }
        if (tool.strict() != null) {
          g.writeBooleanField("strict", tool.strict());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (choice != null && !tools.isEmpty()) {
      g.writeFieldName("tool_choice");
      switch (choice.mode()) {
        case AUTO -> g.writeString("auto");
        case NONE -> g.writeString("none");
        case REQUIRED -> g.writeString("required");
        case NAMED -> {
          g.writeStartObject();
          g.writeStringField("type", "function");
          g.writeObjectFieldStart("function");
          g.writeStringField("name", choice.toolName());
          g.writeEndObject();
          g.writeEndObject();
        }
      }
    }
    if (parallel != null) {
      g.writeBooleanField("parallel_tool_calls", parallel);
    }
  }
}
