package dev.nexttoken.wire.openai;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nexttoken.Usage;

/**
 * The {@code usage} object ({@code CompletionUsage}, shared by chat and legacy completions); a count
 * a server leaves out stays null, and a reported 0 stays 0.
 *
 * @param cachedTokens {@code prompt_tokens_details.cached_tokens}: prompt tokens served from the
 *     prompt cache (from llama.cpp, which leaves the details out, its {@code timings.cache_n}: see
 *     {@link ChatResponseReader})
 * @param reasoningTokens {@code completion_tokens_details.reasoning_tokens}: generated tokens spent
 *     on hidden reasoning, counted in {@code completion_tokens} too
 */
public record WireUsage(
    Integer promptTokens,
    Integer completionTokens,
    Integer totalTokens,
    Integer cachedTokens,
    Integer reasoningTokens) {

  /** Counts without details. */
  public WireUsage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
    this(promptTokens, completionTokens, totalTokens, null, null);
  }

  /** How databind reads the object (legacy completions); {@link ChatResponseReader} reads it by hand. */
  @JsonCreator
  static WireUsage fromJson(
      @JsonProperty("prompt_tokens") Integer promptTokens,
      @JsonProperty("completion_tokens") Integer completionTokens,
      @JsonProperty("total_tokens") Integer totalTokens,
      @JsonProperty("prompt_tokens_details") Details promptDetails,
      @JsonProperty("completion_tokens_details") Details completionDetails) {
    return new WireUsage(promptTokens, completionTokens, totalTokens,
        promptDetails == null ? null : promptDetails.cachedTokens,
        completionDetails == null ? null : completionDetails.reasoningTokens);
  }

  /** This usage with {@code cached} as its cached tokens when it has none of its own. */
  WireUsage withCachedFallback(Integer cached) {
    return cachedTokens != null || cached == null ? this
        : new WireUsage(promptTokens, completionTokens, totalTokens, cached, reasoningTokens);
  }

  /** The neutral usage, {@link Usage#UNKNOWN} for a missing object. */
  public static Usage toUsage(WireUsage usage) {
    if (usage == null) {
      return Usage.UNKNOWN;
    }
    Integer total = usage.totalTokens;
    if (total == null && usage.promptTokens != null && usage.completionTokens != null) {
      total = usage.promptTokens + usage.completionTokens;
    }
    return new Usage(usage.promptTokens, usage.completionTokens, total, usage.cachedTokens, usage.reasoningTokens);
  }

  /** {@code prompt_tokens_details} or {@code completion_tokens_details}: the one count each is read for. */
  record Details(
      @JsonProperty("cached_tokens") Integer cachedTokens,
      @JsonProperty("reasoning_tokens") Integer reasoningTokens) {}
}
