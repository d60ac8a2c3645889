package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/**
 * The body of a native {@code POST /completion}; null fields are not sent.
 *
 * <p>{@code json_schema} is the caller's schema text written as is (raw JSON), so it reaches the server byte for
 * byte as given; the server turns it into a grammar.
 */
public record NativeCompletionBody(
    String model,
    String prompt,
    @JsonProperty("n_predict") Integer nPredict,
    Double temperature,
    @JsonProperty("top_k") Integer topK,
    @JsonProperty("top_p") Double topP,
    Long seed,
    List<String> stop,
    @JsonProperty("json_schema") @JsonRawValue String jsonSchema,
    @JsonProperty("logit_bias") List<List<Object>> logitBias,
    @JsonProperty("n_probs") Integer nProbs,
    @JsonProperty("post_sampling_probs") Boolean postSamplingProbs,
    Boolean stream,
    @JsonProperty("cache_prompt") Boolean cachePrompt) {}
