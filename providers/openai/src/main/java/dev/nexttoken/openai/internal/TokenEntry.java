package dev.nexttoken.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One chat-style logprob entry ({@code ChatCompletionTokenLogprob}), also used for its
 * alternatives, which have the same fields minus {@code top_logprobs}.
 *
 * @param id the token id: never sent by OpenAI, sent by llama.cpp
 * @param bytes the UTF-8 bytes, read from the JSON array of integers; null for special tokens
 */
public record TokenEntry(
    Integer id,
    String token,
    byte[] bytes,
    Double logprob,
    @JsonProperty("top_logprobs") List<TokenEntry> topLogprobs) {}
