package dev.nexttoken;

/**
 * Token counts of one call; a count the provider did not report is null, never guessed (a reported
 * 0 stays 0).
 *
 * @param promptTokens tokens the model read
 * @param completionTokens tokens the model generated, reasoning tokens included where the provider
 *     counts them there (OpenAI); Gemini reports its thinking tokens apart, and its
 *     {@code candidatesTokenCount} alone is this figure
 * @param totalTokens their sum as the provider reports it (or computed when both parts are known)
 * @param cachedTokens how many of the prompt tokens were served from the provider's prompt cache,
 *     or null when the provider does not say
 * @param reasoningTokens how many generated tokens were spent on hidden reasoning ("thinking"), or
 *     null when the provider does not say
 */
public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens, Integer cachedTokens, Integer reasoningTokens) {
  public static final Usage UNKNOWN = new Usage(null, null, null, null, null);

  /** Counts without cache or reasoning details. */
  public Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
    this(promptTokens, completionTokens, totalTokens, null, null);
  }

  /** Usage from the two parts, with the total computed. */
  public static Usage of(Integer promptTokens, Integer completionTokens) {
    Integer total = promptTokens != null && completionTokens != null ? promptTokens + completionTokens : null;
    return new Usage(promptTokens, completionTokens, total);
  }

  /** This usage with the cache and reasoning details a provider reported (null: not reported). */
  public Usage withDetails(Integer cached, Integer reasoning) {
    return new Usage(promptTokens, completionTokens, totalTokens, cached, reasoning);
  }
}
