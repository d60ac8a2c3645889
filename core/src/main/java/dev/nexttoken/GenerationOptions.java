package dev.nexttoken;

import java.util.List;

/**
 * The sampling and reporting settings of a call; every field is optional (null = not set).
 *
 * <p>One rule merges them: a value set on the request wins over the client's default for that
 * field ({@link #withDefaults}); a value set on neither is left to the provider's own default and
 * not sent.
 *
 * @param model the model name
 * @param maxTokens the most tokens to generate, positive
 * @param temperature sampling temperature, >= 0 (a provider may allow less: see its capabilities)
 * @param topP nucleus sampling mass in (0, 1]
 * @param topK sample only among the k most likely tokens (a sampling setting, unlike {@code topLogprobs})
 * @param stop stop sequences
 * @param seed seed for reproducible sampling, where the provider supports it
 * @param logprobs which logprobs to report
 * @param responseFormat the shape the answer must take (text, JSON, JSON following a schema)
 * @param reasoningEffort how much a reasoning model thinks first
 * @param choices how many answers to generate for the prompt ({@code n}), at least 1; the first is the
 *     {@link Completion} itself, the others {@link Completion#choices()}
 * @param logitBias added to chosen tokens' logits before sampling
 */
public record GenerationOptions(
    String model,
    Integer maxTokens,
    Double temperature,
    Double topP,
    Integer topK,
    List<String> stop,
    Long seed,
    LogprobsOption logprobs,
    ResponseFormat responseFormat,
    ReasoningEffort reasoningEffort,
    Integer choices,
    LogitBias logitBias) {

  public static final GenerationOptions EMPTY =
      new GenerationOptions(null, null, null, null, null, null, null, null, null, null, null, null);

  /** The options every release before structured output had. */
  public GenerationOptions(String model, Integer maxTokens, Double temperature, Double topP, Integer topK, List<String> stop,
      Long seed, LogprobsOption logprobs) {
    this(model, maxTokens, temperature, topP, topK, stop, seed, logprobs, null, null, null, null);
  }

  public GenerationOptions {
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
    }
    if (temperature != null && (temperature.isNaN() || temperature < 0)) {
      throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
    }
    if (topP != null && (topP.isNaN() || topP <= 0 || topP > 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    }
    if (topK != null && topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0, was " + topK);
    }
    if (stop != null) {
      for (String s : stop) {
        if (s == null || s.isEmpty()) {
          throw new IllegalArgumentException("stop sequences must be non-empty strings, was " + stop);
        }
      }
      stop = List.copyOf(stop);
    }
    if (choices != null && choices < 1) {
      throw new IllegalArgumentException("choices (n) must be at least 1, was " + choices);
    }
  }

  /** These options, with each unset field taken from {@code defaults}. */
  public GenerationOptions withDefaults(GenerationOptions defaults) {
    if (defaults == null || defaults == EMPTY) {
      return this;
    }
    return new GenerationOptions(
        model != null ? model : defaults.model,
        maxTokens != null ? maxTokens : defaults.maxTokens,
        temperature != null ? temperature : defaults.temperature,
        topP != null ? topP : defaults.topP,
        topK != null ? topK : defaults.topK,
        stop != null ? stop : defaults.stop,
        seed != null ? seed : defaults.seed,
        logprobs != null ? logprobs : defaults.logprobs,
        responseFormat != null ? responseFormat : defaults.responseFormat,
        reasoningEffort != null ? reasoningEffort : defaults.reasoningEffort,
        choices != null ? choices : defaults.choices,
        logitBias != null ? logitBias : defaults.logitBias);
  }

  /** How many answers are asked for: {@code choices}, or 1 when unset. */
  public int choicesOrOne() {
    return choices == null ? 1 : choices;
  }

  /** The logprobs option, {@link LogprobsOption#NONE} when unset. */
  public LogprobsOption logprobsOrNone() {
    return logprobs == null ? LogprobsOption.NONE : logprobs;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link GenerationOptions}, for client defaults. */
  public static final class Builder extends OptionsBuilder<Builder> {
    public GenerationOptions build() {
      return options();
    }
  }
}
