package dev.nexttoken.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.LogitBias;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import java.io.IOException;
import java.util.Map;

/**
 * What a chat body asks of the answer beyond sampling: {@code response_format}
 * ({@code {type:text}}, {@code {type:json_object}} or {@code {type:json_schema, json_schema:{name,
 * schema, strict}}}, the schema written as the caller's JSON text), {@code reasoning_effort},
 * {@code n} and {@code logit_bias}. Null fields are not sent.
 *
 * @param logitBiasAsPairs see {@link ChatDialect#logitBiasAsPairs()}
 */
public record ChatControls(
    ResponseFormat responseFormat, ReasoningEffort reasoningEffort, Integer n, LogitBias logitBias, boolean logitBiasAsPairs) {
  /** Nothing asked. */
  public static final ChatControls NONE = new ChatControls(null, null, null, null, false);

  void write(JsonGenerator g) throws IOException {
    if (responseFormat != null) {
      writeResponseFormat(g, responseFormat);
    }
    if (reasoningEffort != null) {
      g.writeStringField("reasoning_effort", reasoningEffort.wireName());
    }
    if (n != null) {
      g.writeNumberField("n", n.intValue());
    }
    writeLogitBias(g, logitBias, logitBiasAsPairs);
  }

  private static void writeResponseFormat(JsonGenerator g, ResponseFormat format) throws IOException {
    g.writeObjectFieldStart("response_format");
    switch (format.type()) {
      case TEXT -> g.writeStringField("type", "text");
      case JSON_OBJECT -> g.writeStringField("type", "json_object");
      case JSON_SCHEMA -> {
        g.writeStringField("type", "json_schema");
        g.writeObjectFieldStart("json_schema");
        writeSchemaFields(g, format);
        g.writeEndObject();
      }
    }
    g.writeEndObject();
  }

  /**
   * Writes a JSON-schema format's {@code name}, {@code schema} (the caller's JSON text, byte for
   * byte) and {@code strict} (only when set) into the open object: chat completions' {@code
   * response_format.json_schema}, and the Responses API's flat {@code text.format}.
   */
  public static void writeSchemaFields(JsonGenerator g, ResponseFormat format) throws IOException {
    g.writeStringField("name", format.name());
    g.writeFieldName("schema");
    g.writeRawValue(format.schema());
    if (format.strict() != null) {
      g.writeBooleanField("strict", format.strict());
    }
  }

  /**
   * Writes {@code bias} as the {@code logit_bias} field, or nothing when null: OpenAI's object of
   * token ids (as strings, JSON keys being strings) to biases, or llama.cpp's {@code [[id, bias],
   * ["text", bias]]} pairs when {@code pairs}. Shared with the legacy completions body.
   */
  public static void writeLogitBias(JsonGenerator g, LogitBias bias, boolean pairs) throws IOException {
    if (bias == null) {
      return;
    }
    if (pairs) {
      g.writeArrayFieldStart("logit_bias");
      for (Map.Entry<Integer, Double> e : bias.byTokenId().entrySet()) {
        g.writeStartArray();
        g.writeNumber(e.getKey().intValue());
        g.writeNumber(e.getValue().doubleValue());
        g.writeEndArray();
      }
      for (Map.Entry<String, Double> e : bias.byText().entrySet()) {
        g.writeStartArray();
        g.writeString(e.getKey());
        g.writeNumber(e.getValue().doubleValue());
        g.writeEndArray();
      }
      g.writeEndArray();
      return;
    }
    // Text keys never get here: capabilities refuse them where the server takes ids only.
    g.writeObjectFieldStart("logit_bias");
    for (Map.Entry<Integer, Double> e : bias.byTokenId().entrySet()) {
      g.writeNumberField(Integer.toString(e.getKey()), e.getValue().doubleValue());
    }
    g.writeEndObject();
  }
}
