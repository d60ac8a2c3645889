package dev.nexttoken.logprob;

/**
 * Turns the model's logprobs of a closed set of labels into probabilities over that set: a softmax,
 * computed stably (the largest logprob is subtracted first, so tiny probabilities neither underflow
 * to 0/0 nor overflow).
 */
public final class LabelProbabilities {
  private LabelProbabilities() {}

  /**
   * {@code p_i = exp(logprob_i / T) / Σ_j exp(logprob_j / T)}. A label of probability 0 ({@code -Infinity})
   * gets 0; when every label has probability 0 nothing can be normalised.
   *
   * @param logprobs the labels' logprobs, each finite or {@code -Infinity}
   * @param temperature {@code T}, positive; 1 leaves the model's own ratios
   * @throws IllegalArgumentException when a logprob is NaN or positive, the temperature is not
   *     positive, or every label has probability 0
   */
  public static double[] normalise(double[] logprobs, double temperature) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, was " + temperature);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double lp : logprobs) {
      if (Double.isNaN(lp) || lp > 0) {
        throw new IllegalArgumentException("logprob must be <= 0, was " + lp);
      }
      max = Math.max(max, lp);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("every label has probability 0: there is nothing to normalise");
    }
    double[] p = new double[logprobs.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp((logprobs[i] - max) / temperature);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** The softmax at temperature 1: the model's probabilities renormalised over the labels. */
  public static double[] normalise(double[] logprobs) {
    return normalise(logprobs, 1.0);
  }

  /** {@code log Σ exp(x_i)}, stably; {@code -Infinity} when every term is. */
  public static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }
}
