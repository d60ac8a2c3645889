package dev.nexttoken;

import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Objects;

/**
 * What a model generated for a completion or chat request, including a collected stream.
 *
 * @param text the generated text
 * @param finishReason why generation stopped, or null if the provider did not say
 * @param usage token counts ({@link Usage#UNKNOWN} when not reported)
 * @param model the model that answered, as the provider names it, or null
 * @param metadata ids, rate limits and other provider facts
 * @param logprobs one entry per generated token in order; null when the answer carries no logprobs
 *     (not requested, or the provider sent none, such as OpenAI's {@code "logprobs": null}); an empty
 *     list only when the provider sent a logprobs list that happens to be empty. A collected stream
 *     follows the same rule: null unless some chunk carried logprobs ({@link Chunk#logprobs()})
 * @param promptLogprobs one entry per prompt token when the provider scored the prompt (OpenAI
 *     {@code echo}), else null
 */
public record Completion(
    String text,
    FinishReason finishReason,
    Usage usage,
    String model,
    ResponseMetadata metadata,
    List<TokenLogprob> logprobs,
    List<TokenLogprob> promptLogprobs) {

  public Completion {
    Objects.requireNonNull(text, "text");
    usage = usage == null ? Usage.UNKNOWN : usage;
    metadata = metadata == null ? ResponseMetadata.EMPTY : metadata;
    logprobs = logprobs == null ? null : List.copyOf(logprobs);
    promptLogprobs = promptLogprobs == null ? null : List.copyOf(promptLogprobs);
  }

  /** The table of the generated tokens, vocabulary size unknown; see {@link #table(Integer)}. */
  public ProbabilityTable table() {
    return table(null);
  }

  /**
   * The table of the generated tokens: candidates, ranks, unseen mass and entropy per position.
   *
   * @param vocabularySize the model's vocabulary size, which bounds the entropy; null when unknown
   * @throws IllegalArgumentException when the response carries no logprobs (not requested, or the
   *     provider sent none)
   */
  public ProbabilityTable table(Integer vocabularySize) {
    if (logprobs == null) {
      throw new IllegalArgumentException("the response carries no logprobs; request them with topLogprobs(k)");
    }
    return ProbabilityTable.of(logprobs, vocabularySize);
  }

  /**
   * The table of the prompt's own tokens, as scored by the provider ({@code echoPrompt}); the first
   * prompt token usually has no logprob and is left out of the statistics.
   *
   * @throws IllegalArgumentException when the response carries no prompt logprobs
   */
  public ProbabilityTable promptTable(Integer vocabularySize) {
    if (promptLogprobs == null) {
      throw new IllegalArgumentException("the response carries no prompt logprobs; request them with echoPrompt(true)");
    }
    return ProbabilityTable.of(promptLogprobs, vocabularySize);
  }
}
