package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Cohere's {@code usage}: what the model processed ({@code tokens}) and what is billed
 * ({@code billed_units}, kept as a tree because Cohere adds unit kinds and sends them as floats).
 */
public record WireUsage(
    @JsonProperty("billed_units") JsonNode billedUnits,
    Tokens tokens,
    @JsonProperty("cached_tokens") JsonNode cachedTokens) {

  /** Token counts including the chat template. */
  public record Tokens(@JsonProperty("input_tokens") Integer inputTokens, @JsonProperty("output_tokens") Integer outputTokens) {}
}
