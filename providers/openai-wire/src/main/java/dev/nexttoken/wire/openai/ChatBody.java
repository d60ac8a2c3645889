package dev.nexttoken.wire.openai;

import static dev.nexttoken.spi.JsonFields.flag;
import static dev.nexttoken.spi.JsonFields.number;
import static dev.nexttoken.spi.JsonFields.text;
import static dev.nexttoken.spi.JsonFields.texts;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.spi.JsonWritable;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions}; null fields are not sent. Exactly one of
 * {@code max_completion_tokens} (OpenAI) and {@code max_tokens} (compatible servers) is set;
 * {@code top_k}, {@code post_sampling_probs} and {@code cache_prompt} are llama.cpp's ({@code top_k}
 * also vLLM's), {@code return_tokens_as_token_ids} vLLM's. Written by
 * hand ({@link JsonWritable}), so a call never needs databind. Built by {@link ChatRequestMapper}.
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
    Boolean returnTokensAsTokenIds) implements JsonWritable {

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    text(g, "model", model);
    if (messages != null) {
      g.writeArrayFieldStart("messages");
      for (Message message : messages) {
        g.writeStartObject();
        text(g, "role", message.role());
        text(g, "content", message.content());
        g.writeEndObject();
      }
      g.writeEndArray();
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
    g.writeEndObject();
  }

  /** One message as sent: the role's wire name and the text. */
  public record Message(String role, String content) {}
}
