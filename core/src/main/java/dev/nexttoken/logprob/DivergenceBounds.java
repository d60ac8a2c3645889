package dev.nexttoken.logprob;

import java.util.Map;

/**
 * How far apart two next-token distributions are, when each provider showed only part of its own:
 * the total-variation distance and the Jensen–Shannon divergence (in nats, at most ln 2), each as the
 * least and the most it can be over every way of completing the two distributions that agrees with
 * what was shown.
 *
 * <p>Split the tokens into those both sides listed ({@code S}), those only one side listed, and the
 * rest. On {@code S} both divergences are known term by term. Elsewhere each side's unseen mass may
 * fall on the other side's listed tokens or on tokens nobody listed. Both divergences only shrink
 * when tokens are merged (they are jointly convex and positively homogeneous), so their least value
 * is reached with the unknown mass pooled into three groups, which leaves a two-variable convex
 * problem with a closed-form answer (see {@link #jensenShannonLower}); their most is reached when
 * every unseen token of one side is one the other gives probability 0. Neither bound assumes the
 * listed tokens are the most likely ones, or a vocabulary size, so both hold for any provider; both
 * become the exact value as the unseen masses reach 0, and showing more tokens never loosens them:
 * a longer list only removes completions.
 *
 * @param totalVariation {@code ½ Σ |p − q|}, in [0, 1]
 * @param jensenShannon {@code ½ KL(P‖M) + ½ KL(Q‖M)} with {@code M = (P + Q) / 2}, in nats, in [0, ln 2]
 */
public record DivergenceBounds(Bounds totalVariation, Bounds jensenShannon) {
  private static final double LN2 = Math.log(2);

  /** The bounds between the distributions two table rows show. */
  public static DivergenceBounds between(TableRow a, TableRow b, TokenIdentity identity) {
    return between(VisibleDistribution.of(a, identity), VisibleDistribution.of(b, identity));
  }

  /** The bounds between two partly shown distributions over the same token keys. */
  public static DivergenceBounds between(VisibleDistribution p, VisibleDistribution q) {
    double onlyP = 0; // A: mass P shows on tokens Q did not list
    double onlyQ = 0; // B: mass Q shows on tokens P did not list
    double tvShared = 0;
    double jsShared = 0;
    for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
      Double qx = q.probability(e.getKey());
      if (qx == null) {
        onlyP += e.getValue();
      } else {
        tvShared += Math.abs(e.getValue() - qx);
        jsShared += jsTerm(e.getValue(), qx);
      }
    }
    for (Map.Entry<String, Double> e : q.probabilities().entrySet()) {
      if (p.probability(e.getKey()) == null) {
        onlyQ += e.getValue();
      }
    }
    double uP = p.unseenMass();
    double uQ = q.unseenMass();
    // The most: everything outside S lands where the other side has nothing.
    double outside = onlyP + uP + onlyQ + uQ;
    double tvUpper = clamp(0.5 * (tvShared + outside), 1);
    double jsUpper = clamp(jsShared + 0.5 * LN2 * outside, LN2);
    double tvLower = Math.min(tvUpper, clamp(0.5 * (tvShared + totalVariationOutside(onlyP, uP, onlyQ, uQ)), 1));
    double jsLower = Math.min(jsUpper, clamp(jsShared + jensenShannonLower(onlyP, uP, onlyQ, uQ), LN2));
    return new DivergenceBounds(new Bounds(tvLower, tvUpper), new Bounds(jsLower, jsUpper));
  }

  /**
   * The least {@code Σ |p − q|} outside S. Q can cover at most {@code uQ} of P's {@code A}, and P at
   * most {@code uP} of Q's {@code B}; what neither covers ({@code α}, {@code β}) is a difference, and the
   * unseen masses left over meet on the unlisted tokens, where only their difference counts.
   */
  private static double totalVariationOutside(double a, double uP, double b, double uQ) {
    double alpha = Math.max(0, a - uQ);
    double beta = Math.max(0, b - uP);
    return alpha + beta + Math.abs((a + uP) - (b + uQ) + beta - alpha);
  }

  /**
   * The least JS sum outside S. With P's mass outside S being {@code A + uP} and Q's {@code B + uQ},
   * pooling all of it into one token gives {@code js(A + uP, B + uQ)}, the least conceivable; it is
   * reached when Q can put the share {@code t = (B + uQ) / (A + uP)} on P's own tokens
   * ({@code tA <= uQ}) and P the share {@code B / t} on Q's ({@code B / t <= uP}), so that the ratio
   * q/p is the same everywhere outside S. When it cannot, the convex problem's minimum is at the
   * corner where each side's whole unseen mass covers the other's listed tokens:
   * {@code js(A, uQ) + js(uP, B)}. Products instead of ratios keep empty sides (0 mass) exact.
   */
  static double jensenShannonLower(double a, double uP, double b, double uQ) {
    double pOut = a + uP;
    double qOut = b + uQ;
    boolean pooled = a * qOut <= uQ * pOut && b * pOut <= uP * qOut;
    return pooled ? jsTerm(pOut, qOut) : jsTerm(a, uQ) + jsTerm(uP, b);
  }

  /** One token's share of the JS divergence: {@code ½ [p ln(2p/(p+q)) + q ln(2q/(p+q))]}, with 0 ln 0 = 0. */
  static double jsTerm(double p, double q) {
    double m = p + q;
    if (m <= 0) {
      return 0;
    }
    double term = 0;
    if (p > 0) {
      term += p * Math.log(2 * p / m);
    }
    if (q > 0) {
      term += q * Math.log(2 * q / m);
    }
    return Math.max(0, 0.5 * term);
  }

  private static double clamp(double value, double max) {
    return Math.max(0, Math.min(max, value));
  }
}
