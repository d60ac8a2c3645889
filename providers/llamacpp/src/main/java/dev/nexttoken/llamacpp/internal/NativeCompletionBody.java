package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of a native {@code POST /completion}; null fields are not sent. */
public record NativeCompletionBody(
    String model,
    String prompt,
    @JsonProperty("n_predict") Integer nPredict,
    Double temperature,
    @JsonProperty("top_k") Integer topK,
    @JsonProperty("top_p") Double topP,
    Long seed,
    List<String> stop,
    @JsonProperty("n_probs") Integer nProbs,
    @JsonProperty("post_sampling_probs") Boolean postSamplingProbs,
    Boolean stream,
    @JsonProperty("cache_prompt") Boolean cachePrompt) {}
