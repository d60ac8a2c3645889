package dev.nexttoken.wire.openai;

import static dev.nexttoken.spi.JsonFields.flag;
import static dev.nexttoken.spi.JsonFields.number;
import static dev.nexttoken.spi.JsonFields.text;
import static dev.nexttoken.spi.JsonFields.texts;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ToolCall;
import dev.nexttoken.spi.JsonWritable;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions}; null fields are not sent. Exactly one of
 * {@code max_completion_tokens} (OpenAI) and {@code max_tokens} (compatible servers) is set;
 * {@code top_k}, {@code post_sampling_probs} and {@code cache_prompt} are llama.cpp's ({@code top_k}
 * also vLLM's), {@code return_tokens_as_token_ids} vLLM's. Written by
 * hand ({@link JsonWritable}), so a call never needs databind. Built by {@link ChatRequestMapper}.
 *
 * @param tools the tools and how the model may call them; {@link ChatTools#NONE} sends nothing
 * @param controls response format, reasoning effort, {@code n} and logit bias; {@link ChatControls#NONE} sends nothing
 */
public record ChatBody(
    String model,
    List<Message> messages,
    Integer maxCompletionTokens,
    Integer maxTokens,
    Double temperature,
    Integer topK,
    Double topP,
    List<String> stop,
    Long seed,
    Boolean logprobs,
    Integer topLogprobs,
    Boolean postSamplingProbs,
    Boolean stream,
    StreamOptions streamOptions,
    Boolean cachePrompt,
    Boolean returnTokensAsTokenIds,
    ChatTools tools,
    ChatControls controls) implements JsonWritable {

  public ChatBody {
    tools = tools == null ? ChatTools.NONE : tools;
    controls = controls == null ? ChatControls.NONE : controls;
  }

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    text(g, "model", model);
    if (messages != null) {
      ChatMessages.write(g, messages);
    }
    number(g, "max_completion_tokens", maxCompletionTokens);
    number(g, "max_tokens", maxTokens);
    number(g, "temperature", temperature);
    number(g, "top_k", topK);
    number(g, "top_p", topP);
    texts(g, "stop", stop);
    number(g, "seed", seed);
    flag(g, "logprobs", logprobs);
    number(g, "top_logprobs", topLogprobs);
    flag(g, "post_sampling_probs", postSamplingProbs);
    flag(g, "stream", stream);
    StreamOptions.write(g, streamOptions);
    flag(g, "cache_prompt", cachePrompt);
    flag(g, "return_tokens_as_token_ids", returnTokensAsTokenIds);
    tools.write(g);
    controls.write(g);
    g.writeEndObject();
  }

  /**
   * One message as sent: the role's wire name, its content, and for an assistant turn the tool calls
   * it made, for a tool result the id of the call it answers.
   */
  public record Message(String role, List<ContentPart> parts, List<ToolCall> toolCalls, String toolCallId) {
    public Message {
      parts = List.copyOf(parts);
      toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A text message. */
    public Message(String role, String content) {
      this(role, List.of(ContentPart.text(content)), List.of(), null);
    }
  }
}
