package dev.nexttoken.openai.internal;

import static dev.nexttoken.spi.JsonFields.flag;
import static dev.nexttoken.spi.JsonFields.number;
import static dev.nexttoken.spi.JsonFields.text;
import static dev.nexttoken.spi.JsonFields.texts;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.LogitBias;
import dev.nexttoken.spi.JsonWritable;
import dev.nexttoken.wire.openai.ChatControls;
import dev.nexttoken.wire.openai.StreamOptions;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /v1/completions}; null fields are not sent. Written by hand
 * ({@link JsonWritable}), so a call never needs databind. {@code top_k}, {@code prompt_logprobs}
 * and {@code return_tokens_as_token_ids} are vLLM's and are set only for the vLLM dialect.
 *
 * @param n how many completions to generate ({@code n}); null sends none (one)
 * @param logitBias by token id, written as the chat body writes it ({@link ChatControls#writeLogitBias})
 */
public record CompletionBody(
    String model,
    String prompt,
    Integer maxTokens,
    Double temperature,
    Double topP,
    Integer topK,
    List<String> stop,
    Long seed,
    Integer logprobs,
    Integer promptLogprobs,
    boolean echo,
    Boolean returnTokensAsTokenIds,
    Boolean stream,
    StreamOptions streamOptions,
    Integer n,
    LogitBias logitBias) implements JsonWritable {

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    text(g, "model", model);
    text(g, "prompt", prompt);
    number(g, "max_tokens", maxTokens);
    number(g, "temperature", temperature);
    number(g, "top_p", topP);
    number(g, "top_k", topK);
    texts(g, "stop", stop);
    number(g, "seed", seed);
    number(g, "logprobs", logprobs);
    number(g, "prompt_logprobs", promptLogprobs);
    g.writeBooleanField("echo", echo);
    flag(g, "return_tokens_as_token_ids", returnTokensAsTokenIds);
    flag(g, "stream", stream);
    StreamOptions.write(g, streamOptions);
    number(g, "n", n);
    ChatControls.writeLogitBias(g, logitBias, false);
    g.writeEndObject();
  }
}
