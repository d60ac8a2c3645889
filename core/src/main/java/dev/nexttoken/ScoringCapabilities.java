package dev.nexttoken;

/**
 * Whether and how a provider can score a given text ({@link LanguageModel#score(ScoreRequest)}):
 * report the model's logprob for each token of a text it did not generate.
 *
 * <pre>{@code
 * ScoringCapabilities scoring = ScoringCapabilities.builder().maxTopLogprobs(5).note("echo on /v1/completions").build();
 * }</pre>
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

  /** A builder for a provider that can score: no alternatives, ids, bytes or chat models until declared. */
  public static Builder builder() {
    return new Builder();
  }

  /** Declares what scoring offers by name. */
  public static final class Builder {
    private int maxTopLogprobs;
    private boolean tokenIds;
    private boolean tokenBytes;
    private boolean chatModels;
    private String note;

    private Builder() {}

    /** The most alternatives per scored position ({@link OperationCapabilities#UNLIMITED} for no cap). */
    public Builder maxTopLogprobs(int value) {
      maxTopLogprobs = value;
      return this;
    }

    public Builder tokenIds() {
      tokenIds = true;
      return this;
    }

    public Builder tokenBytes() {
      tokenBytes = true;
      return this;
    }

    /** Models that serve only chat can score too. */
    public Builder chatModels() {
      chatModels = true;
      return this;
    }

    public Builder note(String value) {
      note = value;
      return this;
    }

    public ScoringCapabilities build() {
      return new ScoringCapabilities(true, maxTopLogprobs, tokenIds, tokenBytes, chatModels, note);
    }
  }
}
