package dev.nexttoken;

/**
 * Whether and how a provider can score a given text ({@link LanguageModel#score(ScoreRequest)}):
 * report the model's logprob for each token of a text it did not generate.
 *
 * @param supported whether {@code score} works at all
 * @param maxTopLogprobs the most alternatives per scored position ({@link OperationCapabilities#UNLIMITED}
 *     for no cap, 0 for none)
 * @param tokenIds whether scored tokens carry their ids
 * @param tokenBytes whether scored tokens carry their raw bytes
 * @param chatModels whether models that serve only chat can score; false where scoring goes through
 *     a completion endpoint such models reject (OpenAI's {@code gpt-4o} family)
 * @param note how the provider scores, or why it cannot; null when there is nothing to add
 */
public record ScoringCapabilities(
    boolean supported, int maxTopLogprobs, boolean tokenIds, boolean tokenBytes, boolean chatModels, String note) {

  public ScoringCapabilities {
    if (maxTopLogprobs < 0) {
      throw new IllegalArgumentException("maxTopLogprobs must be >= 0, was " + maxTopLogprobs);
    }
    if (!supported && maxTopLogprobs > 0) {
      throw new IllegalArgumentException("maxTopLogprobs must be 0 when scoring is unsupported, was " + maxTopLogprobs);
    }
  }

  /** A provider that cannot score; {@code note} says why, or is null. */
  public static ScoringCapabilities unsupported(String note) {
    return new ScoringCapabilities(false, 0, false, false, false, note);
  }
}
