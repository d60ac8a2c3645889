package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.Completion;
import dev.nexttoken.ToolCall;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.FieldRenderer;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.IOException;

/**
 * What an answer carries beyond text and tokens, in each output format: tool calls, reasoning,
 * and a structured answer's fields with their confidence.
 */
final class AnswerExtras {
  private static final ObjectMapper VALUES = new ObjectMapper();

  private AnswerExtras() {}

  /** {@code toolCalls}, {@code reasoning}, and with a schema {@code json}, {@code jsonError}, {@code schemaViolations}, {@code fields}. */
  static void writeJson(JsonGenerator json, Completion completion, StructuredAnswer structured) throws IOException {
    writeToolCalls(json, completion);
    json.writeStringField("reasoning", completion.reasoning());
    if (structured == null) {
      return;
    }
    json.writeFieldName("json");
    VALUES.writeValue(json, structured.json());
    json.writeStringField("jsonError", structured.error());
    json.writeFieldName("schemaViolations");
    VALUES.writeValue(json, structured.violations());
    json.writeFieldName("fields");
    if (structured.fields() == null) {
      json.writeNull();
      return;
    }
    json.writeStartArray();
    for (FieldConfidence f : structured.fields()) {
      json.writeStartObject();
      json.writeStringField("path", f.path());
      json.writeFieldName("value");
      VALUES.writeValue(json, f.value());
      writeNumber(json, "logprob", f.logprob());
      writeNumber(json, "prob", f.probability());
      json.writeNumberField("tokenCount", f.tokens().size());
      TokenLogprob least = f.leastLikely();
      if (least == null) {
        json.writeNullField("leastLikely");
      } else {
        json.writeObjectFieldStart("leastLikely");
        json.writeStringField("token", least.token());
        writeNumber(json, "logprob", least.logprob());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** {@code toolCalls: [{id, name, arguments}]}, always present, empty when the model called none. */
  static void writeToolCalls(JsonGenerator json, Completion completion) throws IOException {
    json.writeArrayFieldStart("toolCalls");
    for (ToolCall call : completion.toolCalls()) {
      json.writeStartObject();
      json.writeStringField("id", call.id());
      json.writeStringField("name", call.name());
      json.writeStringField("arguments", call.arguments());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** For the text and table formats: reasoning, tool calls and fields, each only when present. */
  static String text(Completion completion, StructuredAnswer structured, boolean color) {
    StringBuilder out = new StringBuilder();
    if (completion.reasoning() != null) {
      out.append("\nreasoning: ").append(completion.reasoning()).append('\n');
    }
    for (ToolCall call : completion.toolCalls()) {
      out.append("\ntool call ").append(call.name()).append(call.id() == null ? "" : " (" + call.id() + ")").append(": ")
          .append(call.arguments()).append('\n');
    }
    if (structured != null && structured.fields() != null) {
      out.append('\n').append(FieldRenderer.text(structured.fields(), color));
    }
    return out.toString();
  }

  /** For the Markdown format: the same, as Markdown. */
  static String markdown(Completion completion, StructuredAnswer structured) {
    StringBuilder out = new StringBuilder();
    if (completion.reasoning() != null) {
      out.append("\n**Reasoning:** ").append(completion.reasoning()).append('\n');
    }
    if (completion.hasToolCalls()) {
      out.append("\n| tool call | id | arguments |\n|---|---|---|\n");
      for (ToolCall call : completion.toolCalls()) {
        out.append("| ").append(call.name()).append(" | ").append(call.id() == null ? "" : call.id()).append(" | `")
            .append(call.arguments().replace("|", "\\|").replace("`", "'")).append("` |\n");
      }
    }
    if (structured != null && structured.fields() != null) {
      out.append('\n').append(FieldRenderer.markdown(structured.fields()));
    }
    return out.toString();
  }

  private static void writeNumber(JsonGenerator json, String name, Double value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value);
    }
  }
}
