package dev.nexttoken.logprob;

/**
 * The entropy of one position's next-token distribution in nats, exact or bounded.
 *
 * <p>With listed probabilities {@code p_i} (covered mass {@code C}) and unseen mass
 * {@code u = 1 - C} spread over tokens nobody reported, the entropy is
 * {@code H = -sum p_i ln p_i + H_unseen}. For any split of {@code u}, every unseen share
 * {@code q_j <= u}, so {@code -sum q_j ln q_j >= -u ln u}: the whole unseen mass on one token is the
 * least-entropy completion and gives the {@link #lowerBound()}. If the vocabulary size {@code V} is
 * known, {@code u} can be spread over at most {@code M = V - n} tokens ({@code n} listed), and the
 * uniform spread is the most-entropy completion: {@code -u ln(u / M)} gives the
 * {@link #upperBound()}. Neither bound assumes the list is the model's true top-k.
 *
 * @param lowerBound the least the entropy can be
 * @param upperBound the most it can be, or null when unbounded (vocabulary size unknown)
 * <p>"Exact" means the whole distribution is known: every token of the vocabulary is listed, a
 * single unlisted token is left, or the unseen mass is below 1e-6 (reported logprobs are rounded,
 * so they rarely sum to exactly 1). In the last case the tail is left out, an error of at most
 * {@code u ln(V/u)}: under 3e-5 nats for any vocabulary up to a million tokens.
 *
 * @param exact whether the whole distribution is known, in which case both bounds are equal
 */
public record Entropy(double lowerBound, Double upperBound, boolean exact) {
  public Entropy {
    if (Double.isNaN(lowerBound) || lowerBound < 0) {
      throw new IllegalArgumentException("lowerBound must be >= 0, was " + lowerBound);
    }
    if (upperBound != null && !(upperBound >= lowerBound)) {
      throw new IllegalArgumentException("upperBound must be >= lowerBound " + lowerBound + ", was " + upperBound);
    }
    if (exact && (upperBound == null || upperBound.doubleValue() != lowerBound)) {
      throw new IllegalArgumentException("an exact entropy needs equal bounds, was " + lowerBound + " and " + upperBound);
    }
  }

  /** An entropy known exactly. */
  public static Entropy exactly(double value) {
    return new Entropy(value, value, true);
  }

  /** The exact value, or null when only bounds are known. */
  public Double value() {
    return exact ? lowerBound : null;
  }

  /** The same in bits. */
  public Entropy inBits() {
    double ln2 = Math.log(2);
    return new Entropy(lowerBound / ln2, upperBound == null ? null : (exact ? lowerBound / ln2 : upperBound / ln2), exact);
  }
}
