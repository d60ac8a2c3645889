package dev.nexttoken.logprob;

/**
 * The one place where provider-specific logprob encodings become plain natural-log probabilities.
 *
 * <p>Providers encode "probability 0" in their own ways because JSON has no infinity: OpenAI sends
 * {@code -9999}, llama.cpp sends the lowest float ({@code -3.4028235e38}). Some report linear
 * probabilities instead of logprobs. Every adapter passes values through here, so tables and
 * sampling see one convention: {@link Double#NEGATIVE_INFINITY} for zero, and the candidate kept.
 */
public final class Logprobs {
  /** OpenAI's "outside the top 20" value. */
  public static final double OPENAI_SENTINEL = -9999.0;

  /** llama.cpp's encoding of probability 0: the lowest float32. */
  public static final double FLOAT_LOWEST = -Float.MAX_VALUE;

  private Logprobs() {}

  /**
   * A provider's logprob as a neutral one: sentinels become {@link Double#NEGATIVE_INFINITY}; tiny
   * positive values from rounding ({@code 1e-7}) become 0.
   *
   * @throws IllegalArgumentException for NaN or a clearly positive value
   */
  public static double fromProviderLogprob(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("logprob is NaN");
    }
    if (value <= OPENAI_SENTINEL || value <= FLOAT_LOWEST) {
      return Double.NEGATIVE_INFINITY;
    }
    if (value > 0) {
      if (value < 1e-4) {
        return 0.0;
      }
      throw new IllegalArgumentException("logprob must be <= 0, was " + value);
    }
    return value;
  }

  /**
   * A linear probability as a logprob; 0 becomes {@link Double#NEGATIVE_INFINITY}, values a hair
   * above 1 from rounding become 0.
   *
   * @throws IllegalArgumentException outside [0, 1 + 1e-4] or NaN
   */
  public static double fromProbability(double probability) {
    if (Double.isNaN(probability) || probability < 0 || probability > 1 + 1e-4) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    if (probability == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.min(0.0, Math.log(probability));
  }

  /** A token's text quoted for messages, with control characters escaped. */
  static String quote(String token) {
    StringBuilder out = new StringBuilder(token.length() + 2).append('"');
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '"' -> out.append("\\\"");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
