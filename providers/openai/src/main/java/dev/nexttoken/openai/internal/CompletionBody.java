package dev.nexttoken.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /v1/completions}; null fields are not sent. */
public record CompletionBody(
    String model,
    String prompt,
    @JsonProperty("max_tokens") Integer maxTokens,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    List<String> stop,
    Long seed,
    Integer logprobs,
    boolean echo,
    Boolean stream,
    @JsonProperty("stream_options") StreamOptions streamOptions) {}
