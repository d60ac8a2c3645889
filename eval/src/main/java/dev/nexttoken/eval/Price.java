package dev.nexttoken.eval;

import dev.nexttoken.Usage;

/**
 * What a model's tokens cost, in US dollars per million.
 *
 * @param input per million prompt tokens not served from the cache
 * @param cachedInput per million prompt tokens served from the provider's cache (null: as {@code input})
 * @param output per million generated tokens (reasoning included where the provider counts it there)
 * @param asOf the date the price was taken, as written in its table
 */
public record Price(double input, Double cachedInput, double output, String asOf) {
  public Price {
    if (!(input >= 0) || !(output >= 0) || (cachedInput != null && !(cachedInput >= 0))) {
      throw new EvalInputException("prices must be numbers >= 0, were input " + input + ", cachedInput " + cachedInput + ", output " + output);
    }
  }

  /** The cost of {@code usage}, or null when it does not say how many tokens went in or out. */
  public Double cost(Usage usage) {
    if (usage.promptTokens() == null || usage.completionTokens() == null) {
      return null;
    }
    int cached = usage.cachedTokens() == null ? 0 : Math.min(usage.cachedTokens(), usage.promptTokens());
    double cachedRate = cachedInput == null ? input : cachedInput;
    return ((usage.promptTokens() - cached) * input + cached * cachedRate + usage.completionTokens() * output) / 1_000_000.0;
  }
}
