package dev.nexttoken.logprob;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a provider showed of one position's next-token distribution: the probabilities of the tokens
 * it listed (the candidates, and the chosen token when it is not among them), keyed by
 * {@link TokenIdentity}, and the mass it left unseen. Nothing is assumed about the unseen mass: not
 * how it is spread, and not that the listed tokens are the most likely ones.
 *
 * @param probabilities each listed token's probability, by its identity key; tokens that share a key
 *     under the identity used are one entry holding their sum
 * @param unseenMass {@code 1 -} the listed probabilities, never below 0 (rounded logprobs can sum a
 *     hair above 1)
 */
public record VisibleDistribution(Map<String, Double> probabilities, double unseenMass) {
  public VisibleDistribution {
    probabilities = Map.copyOf(probabilities);
    for (Map.Entry<String, Double> e : probabilities.entrySet()) {
      double p = e.getValue();
      if (Double.isNaN(p) || p < 0 || p > 1 + RowBuilder.MASS_TOLERANCE) {
        throw new IllegalArgumentException("probability must be in [0, 1], was " + p + " for " + e.getKey());
      }
    }
    if (Double.isNaN(unseenMass) || unseenMass < 0 || unseenMass > 1) {
      throw new IllegalArgumentException("unseenMass must be in [0, 1], was " + unseenMass);
    }
  }

  /**
   * The distribution a table row shows: its candidates, the chosen token where it is not among them
   * and its logprob is known, and the rest unseen. A row without alternatives (Cohere) shows only the
   * chosen token.
   */
  public static VisibleDistribution of(TableRow row, TokenIdentity identity) {
    Map<String, Double> listed = new LinkedHashMap<>();
    for (TokenCandidate c : row.candidates()) {
      listed.merge(identity.key(c.token(), c.sharedBytes(), c.id()), c.probability(), Double::sum);
    }
    if (row.rank() == null && row.logprob() != null) {
      listed.merge(identity.key(row.token(), row.bytes(), row.id()), row.probability(), Double::sum);
    }
    double seen = 0;
    for (double p : listed.values()) {
      seen += p;
    }
    return new VisibleDistribution(listed, Math.max(0, 1 - seen));
  }

  /** The probability shown for the token with this key, or null when it was not listed. */
  public Double probability(String key) {
    return probabilities.get(key);
  }
}
