package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonFields.flag;
import static dev.nexttoken.spi.JsonFields.number;
import static dev.nexttoken.spi.JsonFields.text;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Message;
import dev.nexttoken.spi.JsonWritable;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /v1/responses} (wire-formats-2 §1.1); null fields are not sent.
 *
 * <p>Every message becomes an input item {@code {type: message, role, content}} in order, its role
 * as named ({@code system}, {@code developer}, {@code user}, {@code assistant}: the shorthand
 * {@code EasyInputMessage} accepts all four), so a system message keeps its place in the
 * conversation rather than moving to {@code instructions}. Logprobs need both
 * {@code include: ["message.output_text.logprobs"]} and {@code top_logprobs}: without the first the
 * answer carries {@code logprobs: []} silently (§1.6). The Responses API has no stop sequences, seed
 * or top-k; the capabilities refuse them before anything is built.
 */
public record ResponsesBody(
    String model,
    List<Message> input,
    boolean logprobs,
    Integer topLogprobs,
    Double temperature,
    Double topP,
    Integer maxOutputTokens,
    Boolean stream,
    Boolean store) implements JsonWritable {

  /** The include entry that turns logprobs on. */
  static final String LOGPROBS = "message.output_text.logprobs";

  public ResponsesBody {
    input = List.copyOf(input);
  }

  /**
   * The body for {@code request}.
   *
   * @param store sent as {@code store} when not null (OpenAI keeps responses unless told {@code false})
   */
  public static ResponsesBody of(ChatRequest request, boolean stream, Boolean store) {
    GenerationOptions options = request.options();
    LogprobsOption logprobs = options.logprobsOrNone();
    return new ResponsesBody(options.model(), request.messages(), logprobs.enabled(),
        logprobs.enabled() ? logprobs.topLogprobs() : null, options.temperature(), options.topP(), options.maxTokens(),
        stream ? Boolean.TRUE : null, store);
  }

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    text(g, "model", model);
    g.writeArrayFieldStart("input");
    for (Message message : input) {
      g.writeStartObject();
      g.writeStringField("type", "message");
      g.writeStringField("role", message.role().wireName());
      g.writeStringField("content", message.content());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (logprobs) {
      g.writeArrayFieldStart("include");
      g.writeString(LOGPROBS);
      g.writeEndArray();
    }
    number(g, "top_logprobs", topLogprobs);
    number(g, "temperature", temperature);
    number(g, "top_p", topP);
    number(g, "max_output_tokens", maxOutputTokens);
    flag(g, "stream", stream);
    flag(g, "store", store);
    g.writeEndObject();
  }
}
