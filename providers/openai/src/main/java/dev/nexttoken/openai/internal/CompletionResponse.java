package dev.nexttoken.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nexttoken.wire.openai.WireUsage;
import java.util.List;
import java.util.Map;

/**
 * A {@code /v1/completions} response, and equally one of its stream chunks (OpenAI sends the same
 * shape, with {@code text} as a delta and {@code choices: []} on the usage chunk).
 */
public record CompletionResponse(
    String id,
    String model,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    List<Choice> choices,
    WireUsage usage) {

  /**
   * One choice: index 0 is the answer, the others ({@code n > 1}) its other choices.
   *
   * @param promptLogprobs vLLM's: one entry per prompt token, null for the first (it has no context),
   *     each keyed by token id, the prompt's own token first
   * @param promptTokenIds vLLM's, with {@code return_token_ids}: the prompt's token ids
   */
  public record Choice(
      int index,
      String text,
      @JsonProperty("finish_reason") String finishReason,
      Logprobs logprobs,
      @JsonProperty("prompt_logprobs") List<Map<String, PromptLogprob>> promptLogprobs,
      @JsonProperty("prompt_token_ids") List<Integer> promptTokenIds) {}

  /**
   * One token of a vLLM {@code prompt_logprobs} position.
   *
   * @param rank the token's 1-based rank in the model's distribution at that position
   * @param decodedToken the token's text
   */
  public record PromptLogprob(Double logprob, Integer rank, @JsonProperty("decoded_token") String decodedToken) {}

  /**
   * OpenAI's parallel arrays, or, from llama.cpp, chat-style {@code content} entries instead.
   *
   * @param topLogprobs one map token -> logprob per position (up to k + 1 entries; null for the
   *     first echoed prompt token)
   * @param textOffset each token's character offset in prompt + completion when echoing
   */
  public record Logprobs(
      List<String> tokens,
      @JsonProperty("token_logprobs") List<Double> tokenLogprobs,
      @JsonProperty("top_logprobs") List<Map<String, Double>> topLogprobs,
      @JsonProperty("text_offset") int[] textOffset,
      List<TokenEntry> content) {}
}
