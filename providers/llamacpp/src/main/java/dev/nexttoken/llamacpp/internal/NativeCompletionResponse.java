package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A native {@code /completion} response, or one event of its stream (a partial event has
 * {@code stop:false}; the final one {@code stop:true} and the summary fields).
 *
 * <p>{@code stopped_eos/word/limit} are how servers before {@code stop_type} said why they stopped.
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
    @JsonProperty("completion_probabilities") List<ProbabilityEntry> completionProbabilities) {

  boolean isFinal() {
    return Boolean.TRUE.equals(stop);
  }
}
