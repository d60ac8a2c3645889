package dev.nexttoken;

/**
 * Which token log-probabilities to ask for: none, the chosen token's only, or the chosen token's
 * plus the {@code topLogprobs} most likely alternatives at each position.
 *
 * <p>Not to be confused with the sampling parameter {@code topK}: this changes only what is
 * reported, never what is generated.
 *
 * @param enabled whether any logprobs are requested
 * @param topLogprobs how many alternatives per position (0 = the chosen token only)
 */
public record LogprobsOption(boolean enabled, int topLogprobs) {
  public static final LogprobsOption NONE = new LogprobsOption(false, 0);

  public LogprobsOption {
    if (topLogprobs < 0) {
      throw new IllegalArgumentException("topLogprobs must be >= 0, was " + topLogprobs);
    }
    if (!enabled && topLogprobs > 0) {
      throw new IllegalArgumentException("topLogprobs needs logprobs enabled, was " + topLogprobs);
    }
  }

  /** The chosen tokens' logprobs, no alternatives. */
  public static LogprobsOption chosenToken() {
    return new LogprobsOption(true, 0);
  }

  /** The chosen tokens' logprobs and {@code k} alternatives per position; {@code k = 0} means chosen only. */
  public static LogprobsOption top(int k) {
    return new LogprobsOption(true, k);
  }
}
