package dev.nexttoken.llamacpp.internal;

import dev.nexttoken.LogprobsOption;

/**
 * How a neutral logprobs option is asked of llama.cpp.
 *
 * <p>The server computes probabilities only when {@code n_probs > 0} ({@code n_probs: 0} or
 * {@code top_logprobs: 0} returns none at all), so "the chosen token only" asks for one alternative and
 * drops it when mapping.
 *
 * @param enabled whether any logprobs are requested
 * @param nProbs the number to send as {@code n_probs} / {@code top_logprobs}, or null when disabled
 * @param withAlternatives whether the reported alternatives are kept
 */
record LogprobsRequest(boolean enabled, Integer nProbs, boolean withAlternatives) {
  static LogprobsRequest of(LogprobsOption option) {
    if (!option.enabled()) {
      return new LogprobsRequest(false, null, false);
    }
    return new LogprobsRequest(true, Math.max(1, option.topLogprobs()), option.topLogprobs() > 0);
  }
}
