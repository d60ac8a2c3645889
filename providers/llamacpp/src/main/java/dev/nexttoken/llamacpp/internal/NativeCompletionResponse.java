package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A native {@code /completion} response, or one event of its stream (a partial event has
 * {@code stop:false}; the final one {@code stop:true} and the summary fields).
 *
 * <p>{@code stopped_eos/word/limit} are how servers before {@code stop_type} said why they stopped.
 *
 * <p>{@code timings} is kept as a tree: only its {@code cache_n} is read (the prompt tokens the slot
 * reused from its KV cache), and timings of an unexpected shape must not fail an answer.
 * {@code tokens_cached} is not read: despite its name it is the slot's whole cache after the call
 * ({@code n_past}: prompt and generated tokens), not how much of the prompt came from the cache.
 */
public record NativeCompletionResponse(
    String content,
    Boolean stop,
    String model,
    @JsonProperty("stop_type") String stopType,
    @JsonProperty("stopping_word") String stoppingWord,
    @JsonProperty("stopped_eos") Boolean stoppedEos,
    @JsonProperty("stopped_word") Boolean stoppedWord,
    @JsonProperty("stopped_limit") Boolean stoppedLimit,
    @JsonProperty("tokens_predicted") Integer tokensPredicted,
    @JsonProperty("tokens_evaluated") Integer tokensEvaluated,
    Boolean truncated,
    @JsonProperty("completion_probabilities") List<ProbabilityEntry> completionProbabilities,
    JsonNode timings) {

  boolean isFinal() {
    return Boolean.TRUE.equals(stop);
  }

  /** {@code timings.cache_n}, or null when the server did not send it as an integer. */
  Integer cacheN() {
    JsonNode n = timings == null ? null : timings.get("cache_n");
    return n != null && n.canConvertToInt() && n.isIntegralNumber() ? n.intValue() : null;
  }
}
