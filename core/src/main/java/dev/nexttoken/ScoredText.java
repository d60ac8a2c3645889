package dev.nexttoken;

import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.SequenceStats;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Objects;

/**
 * How likely a model finds a given text: one entry per token of the scored text, and total, mean
 * and perplexity over those tokens.
 *
 * <p>A token whose logprob is unknown has a null {@link TokenLogprob#logprob()} and is left out of
 * the statistics, never counted as 0: OpenAI cannot score the first token of its input, and
 * llama.cpp cannot either when the model adds no beginning-of-sequence token. The rank of each
 * scored token among the alternatives, the probability mass they leave unseen and the entropy are
 * in {@link #table(Integer)}; vLLM also reports each token's rank in the whole vocabulary
 * ({@link TokenLogprob#rank()}).
 *
 * @param tokens the scored tokens in order, each with its logprob and the alternatives the model
 *     preferred (as many as asked for; empty when none were)
 * @param stats total and mean logprob and perplexity over the tokens with a known logprob
 * @param model the model that scored, as the provider names it, or null
 * @param usage token counts as the provider reports them ({@link Usage#UNKNOWN} when not)
 * @param metadata ids and other provider facts
 */
public record ScoredText(List<TokenLogprob> tokens, SequenceStats stats, String model, Usage usage, ResponseMetadata metadata) {
  public ScoredText {
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(stats, "stats");
    usage = usage == null ? Usage.UNKNOWN : usage;
    metadata = metadata == null ? ResponseMetadata.EMPTY : metadata;
  }

  /** The scored tokens with their statistics computed the way probability tables compute them. */
  public static ScoredText of(List<TokenLogprob> tokens, String model, Usage usage, ResponseMetadata metadata) {
    return new ScoredText(tokens, ProbabilityTable.of(tokens).stats(), model, usage, metadata);
  }

  /** The sum of the known logprobs; {@code -Infinity} when a token had probability 0. */
  public double totalLogprob() {
    return stats.totalLogprob();
  }

  /** The mean of the known logprobs, or null when none is known. */
  public Double meanLogprob() {
    return stats.meanLogprob();
  }

  /** {@code exp(-meanLogprob)}, or null when no logprob is known. */
  public Double perplexity() {
    return stats.perplexity();
  }

  /**
   * The scored tokens as a probability table: per position the alternatives in rank order, the
   * scored token's rank among them, covered and unseen mass, entropy.
   *
   * @param vocabularySize the model's vocabulary size ({@code capabilities().vocabularySize()}), or null
   */
  public ProbabilityTable table(Integer vocabularySize) {
    return ProbabilityTable.of(tokens, vocabularySize);
  }
}
