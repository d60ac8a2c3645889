package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of one scoring step, a native {@code POST /completion} that generates exactly the token
 * being scored: the prompt as token ids (no re-tokenizing, and no beginning-of-sequence token added
 * by the server), that token forced with {@code logit_bias} as {@code [[id, bias]]} pairs, and greedy
 * sampling so the forced token is picked.
 */
record ScoreStepBody(
    List<Integer> prompt,
    @JsonProperty("n_predict") int nPredict,
    @JsonProperty("n_probs") int nProbs,
    @JsonProperty("logit_bias") List<List<Object>> logitBias,
    double temperature,
    @JsonProperty("cache_prompt") boolean cachePrompt) {}
