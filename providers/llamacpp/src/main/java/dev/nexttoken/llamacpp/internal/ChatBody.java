package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /v1/chat/completions}; null fields are not sent. */
public record ChatBody(
    String model,
    List<WireMessage> messages,
    @JsonProperty("max_tokens") Integer maxTokens,
    Double temperature,
    @JsonProperty("top_k") Integer topK,
    @JsonProperty("top_p") Double topP,
    Long seed,
    List<String> stop,
    Boolean logprobs,
    @JsonProperty("top_logprobs") Integer topLogprobs,
    @JsonProperty("post_sampling_probs") Boolean postSamplingProbs,
    Boolean stream,
    @JsonProperty("stream_options") StreamOptions streamOptions,
    @JsonProperty("cache_prompt") Boolean cachePrompt) {

  /** A chat message as sent and received ({@code content} may be null in a stream's role chunk). */
  public record WireMessage(String role, String content) {}

  /** Asks for the usage chunk at the end of a stream. */
  public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {}
}
