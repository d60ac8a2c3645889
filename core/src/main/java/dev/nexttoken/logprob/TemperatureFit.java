package dev.nexttoken.logprob;

import java.util.List;

/**
 * The temperature that best fits labelled predictions: the {@code T} minimising the negative
 * log-likelihood of the gold labels under {@code softmax(logprob / T)} over each item's labels.
 *
 * <p>With {@code β = 1/T} the loss {@code Σ_i [logsumexp(β·lp_i) − β·lp_i,gold]} is convex, and its
 * derivative {@code Σ_i (E_β[lp_i] − lp_i,gold)} increases with {@code β}; the derivative's root is
 * found by bisection on {@code ln β}, which needs no starting guess and cannot overshoot. The search
 * covers {@code T} in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}]: when every item's gold
 * label is its most likely one the loss keeps falling as {@code T → 0}, and the fit stops at the edge.
 */
public final class TemperatureFit {
  /** The smallest temperature the fit reports. */
  public static final double MIN_TEMPERATURE = 1e-3;

  /** The largest temperature the fit reports. */
  public static final double MAX_TEMPERATURE = 1e3;

  private TemperatureFit() {}

  /** The best-fitting temperature for {@code items}. */
  public static double fit(List<LabelledPrediction> items) {
    double lo = Math.log(1 / MAX_TEMPERATURE);
    double hi = Math.log(1 / MIN_TEMPERATURE);
    if (slope(items, Math.exp(lo)) >= 0) {
      return MAX_TEMPERATURE;
    }
    if (slope(items, Math.exp(hi)) <= 0) {
      return MIN_TEMPERATURE;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
      double mid = 0.5 * (lo + hi);
      if (slope(items, Math.exp(mid)) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 1 / Math.exp(0.5 * (lo + hi));
  }

  /** The negative log-likelihood of the gold labels at temperature {@code t}. */
  public static double negativeLogLikelihood(List<LabelledPrediction> items, double t) {
    double beta = 1 / t;
    double loss = 0;
    for (LabelledPrediction item : items) {
      double[] lp = item.logprobArray();
      double[] scaled = new double[lp.length];
      for (int i = 0; i < lp.length; i++) {
        scaled[i] = beta * lp[i];
      }
      loss += LabelProbabilities.logSumExp(scaled) - scaled[item.gold()];
    }
    return loss;
  }

  /** d loss / d β: the expected logprob under the tempered softmax minus the gold one, summed. */
  private static double slope(List<LabelledPrediction> items, double beta) {
    double slope = 0;
    for (LabelledPrediction item : items) {
      double[] lp = item.logprobArray();
      double[] p = LabelProbabilities.normalise(lp, 1 / beta);
      double expected = 0;
      for (int i = 0; i < lp.length; i++) {
        if (p[i] > 0) { // a label of probability 0 adds nothing (and 0 · -Infinity is not a number)
          expected += p[i] * lp[i];
        }
      }
      slope += expected - lp[item.gold()];
    }
    return slope;
  }
}
