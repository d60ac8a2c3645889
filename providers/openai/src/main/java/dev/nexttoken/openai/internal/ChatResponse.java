package dev.nexttoken.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A {@code /v1/chat/completions} response or stream chunk: a full response has {@code message},
 * a chunk has {@code delta}; the usage chunk has {@code choices: []}.
 */
public record ChatResponse(
    String id,
    String model,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    List<Choice> choices,
    WireUsage usage) {

  /** One choice; only index 0 is used, as requests ask for one. */
  public record Choice(
      int index,
      Message message,
      Message delta,
      Logprobs logprobs,
      @JsonProperty("finish_reason") String finishReason) {}

  /** The assistant's message, or a delta of it; a refusal comes in {@code refusal}, not {@code content}. */
  public record Message(String role, String content, String refusal) {}

  /** Logprobs of the content tokens, or of the refusal tokens. */
  public record Logprobs(List<TokenEntry> content, List<TokenEntry> refusal) {}
}
