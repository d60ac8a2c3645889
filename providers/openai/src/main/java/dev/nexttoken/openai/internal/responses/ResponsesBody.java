package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonFields.flag;
import static dev.nexttoken.spi.JsonFields.number;
import static dev.nexttoken.spi.JsonFields.text;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Message;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.spi.JsonWritable;
import dev.nexttoken.wire.openai.ChatControls;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /v1/responses} (wire-formats-2 §1.1); null fields are not sent.
 *
 * <p>Every message becomes an input item in order ({@link InputItems}), so a system message keeps
 * its place in the conversation rather than moving to {@code instructions}; tools as
 * {@link ToolsJson} writes them. Logprobs need both {@code include: ["message.output_text.logprobs"]}
 * and {@code top_logprobs}: without the first the answer carries {@code logprobs: []} silently
 * (§1.6). The answer's shape is {@code text.format}: {@code {type: json_schema, name, schema, strict}}
 * (flat, unlike chat completions' {@code response_format.json_schema}; the schema as the caller's
 * JSON text, {@code strict} only when set), {@code {type: json_object}} (OpenAI then wants the word
 * "JSON" somewhere in the input) or {@code {type: text}}. The reasoning effort is
 * {@code reasoning.effort}, a summary of the reasoning {@code reasoning.summary}. The Responses API
 * has no stop sequences, seed, top-k, {@code n} or logit bias; the capabilities refuse them before
 * anything is built.
 *
 * @param reasoningSummary {@code auto}, {@code concise} or {@code detailed}, or null for none
 */
public record ResponsesBody(
    String model,
    List<Message> input,
    List<Tool> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    boolean logprobs,
    Integer topLogprobs,
    Double temperature,
    Double topP,
    Integer maxOutputTokens,
    ResponseFormat format,
    String reasoningEffort,
    String reasoningSummary,
    Boolean stream,
    Boolean store) implements JsonWritable {

  /** The include entry that turns logprobs on. */
  static final String LOGPROBS = "message.output_text.logprobs";

  public ResponsesBody {
    input = List.copyOf(input);
    tools = List.copyOf(tools);
  }

  /**
   * The body for {@code request}.
   *
   * @param store sent as {@code store} when not null (OpenAI keeps responses unless told {@code false})
   * @param reasoningSummary sent as {@code reasoning.summary} when not null
   * @throws dev.nexttoken.error.RequestValidationException for a conversation the Responses API cannot
   *     take ({@link InputItems#check}), before anything is sent
   */
  public static ResponsesBody of(ChatRequest request, boolean stream, Boolean store, String reasoningSummary, String provider) {
    InputItems.check(request.messages(), provider);
    GenerationOptions options = request.options();
    LogprobsOption logprobs = options.logprobsOrNone();
    return new ResponsesBody(options.model(), request.messages(), request.tools(), request.toolChoice(),
        request.parallelToolCalls(), logprobs.enabled(), logprobs.enabled() ? logprobs.topLogprobs() : null,
        options.temperature(), options.topP(), options.maxTokens(), options.responseFormat(),
        options.reasoningEffort() == null ? null : options.reasoningEffort().wireName(), reasoningSummary,
        stream ? Boolean.TRUE : null, store);
  }

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    text(g, "model", model);
    InputItems.write(g, input);
    ToolsJson.write(g, tools, toolChoice, parallelToolCalls);
    if (logprobs) {
      g.writeArrayFieldStart("include");
      g.writeString(LOGPROBS);
      g.writeEndArray();
    }
    number(g, "top_logprobs", topLogprobs);
    number(g, "temperature", temperature);
    number(g, "top_p", topP);
    number(g, "max_output_tokens", maxOutputTokens);
    textFormat(g);
    reasoning(g);
    flag(g, "stream", stream);
    flag(g, "store", store);
    g.writeEndObject();
  }

  private void textFormat(JsonGenerator g) throws IOException {
    if (format == null) {
      return;
    }
    g.writeObjectFieldStart("text");
    g.writeObjectFieldStart("format");
    switch (format.type()) {
      case TEXT -> g.writeStringField("type", "text");
      case JSON_OBJECT -> g.writeStringField("type", "json_object");
      case JSON_SCHEMA -> {
        g.writeStringField("type", "json_schema");
        ChatControls.writeSchemaFields(g, format);
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private void reasoning(JsonGenerator g) throws IOException {
    if (reasoningEffort == null && reasoningSummary == null) {
      return;
    }
    g.writeObjectFieldStart("reasoning");
    text(g, "effort", reasoningEffort);
    text(g, "summary", reasoningSummary);
    g.writeEndObject();
  }
}
