package dev.nexttoken.llamacpp.internal;

/**
 * The llama.cpp-only settings of a model, applied to every request it sends.
 *
 * @param postSamplingProbs report probabilities after the sampler chain ({@code prob}/{@code top_probs})
 *     instead of the model's own softmax
 * @param cachePrompt let the server reuse the KV cache of a previous prompt ({@code cache_prompt})
 */
public record WireSettings(boolean postSamplingProbs, boolean cachePrompt) {}
