package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A {@code /v1/chat/completions} response or stream chunk. The usage chunk of a stream has an
 * empty {@code choices} list.
 */
public record ChatResponse(
    String id,
    String model,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    List<Choice> choices,
    WireUsage usage) {

  /** One choice; {@code message} in a response, {@code delta} in a stream chunk. */
  public record Choice(
      Integer index,
      ChatBody.WireMessage message,
      ChatBody.WireMessage delta,
      @JsonProperty("finish_reason") String finishReason,
      Logprobs logprobs) {}

  /** {@code choices[].logprobs}: llama.cpp entries with ids and bytes. */
  public record Logprobs(List<ProbabilityEntry> content) {}

  /** OpenAI-style token counts. */
  public record WireUsage(
      @JsonProperty("prompt_tokens") Integer promptTokens,
      @JsonProperty("completion_tokens") Integer completionTokens,
      @JsonProperty("total_tokens") Integer totalTokens) {}
}
