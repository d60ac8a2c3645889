package dev.nexttoken.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions}; null fields are not sent. Exactly one of
 * {@code max_completion_tokens} (OpenAI) and {@code max_tokens} (compatible servers) is set.
 */
public record ChatBody(
    String model,
    List<Message> messages,
    @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
    @JsonProperty("max_tokens") Integer maxTokens,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    List<String> stop,
    Long seed,
    Boolean logprobs,
    @JsonProperty("top_logprobs") Integer topLogprobs,
    Boolean stream,
    @JsonProperty("stream_options") StreamOptions streamOptions) {

  /** One message as sent: the role's wire name and the text. */
  public record Message(String role, String content) {}
}
