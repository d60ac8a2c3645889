package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples the next token from a {@link TableRow} the way a model's sampler would: temperature
 * first, then top-k, top-p and min-p, renormalising after each, then one draw from a
 * {@link SplittableRandom} seeded from the settings (the same seed draws the same tokens on every
 * JVM).
 *
 * <p><b>A row lists only the candidates the provider reported.</b> Sampling renormalises over those,
 * so sampling from a top-k table samples from the truncated distribution, exactly as if the model
 * had been run with top-k = k: tokens outside the list (the row's unseen mass) are never drawn.
 * Candidates with probability 0 are never drawn either.
 *
 * <p>Thread-safe: draws are serialised so a seeded sampler gives one reproducible sequence.
 */
public final class Sampler implements TokenChooser {
  private final SamplingSettings settings;
  private final SplittableRandom random;

  public Sampler(SamplingSettings settings) {
    this.settings = settings;
    this.random = settings.seed() == null ? new SplittableRandom() : new SplittableRandom(settings.seed());
  }

  /** One candidate with the probability the sampler gives it. */
  public record Weighted(TokenCandidate candidate, double probability) {}

  /** The settings this sampler applies. */
  public SamplingSettings settings() {
    return settings;
  }

  /** Draws one candidate from {@link #distribution(TableRow)}. */
  @Override
  public synchronized TokenCandidate choose(TableRow row) {
    List<Weighted> distribution = distribution(row);
    double u = random.nextDouble();
    double cumulative = 0;
    for (Weighted w : distribution) {
      cumulative += w.probability();
      if (u < cumulative) {
        return w.candidate();
      }
    }
    // Rounding can leave the sum a hair below 1.
    return distribution.get(distribution.size() - 1).candidate();
  }

  /**
   * The distribution a draw is made from: the row's candidates with positive probability, in rank
   * order, after temperature, top-k, top-p and min-p, summing to 1.
   *
   * @throws IllegalArgumentException when the row lists no candidate with positive probability
   */
  public List<Weighted> distribution(TableRow row) {
    List<TokenCandidate> candidates = drawable(row);
    if (settings.temperature() == 0) {
      return List.of(new Weighted(candidates.get(0), 1.0));
    }
    double max = candidates.get(0).logprob();
    double[] p = new double[candidates.size()];
    for (int i = 0; i < p.length; i++) {
      // Subtracting the maximum keeps exp() finite for tiny temperatures.
      p[i] = Math.exp((candidates.get(i).logprob() - max) / settings.temperature());
    }
    int keep = p.length;
    if (settings.topK() != null) {
      keep = Math.min(keep, settings.topK());
    }
    normalise(p, keep);
    if (settings.topP() != null) {
      double cumulative = 0;
      int i = 0;
      while (i < keep) {
        cumulative += p[i++];
        // The tolerance keeps a cut exactly at a boundary from depending on rounding.
        if (cumulative >= settings.topP() - 1e-12) {
          break;
        }
      }
      keep = i;
      normalise(p, keep);
    }
    if (settings.minP() != null) {
      double threshold = settings.minP() * p[0];
      int i = 1;
      while (i < keep && p[i] >= threshold) {
        i++;
      }
      keep = i;
      normalise(p, keep);
    }
    List<Weighted> out = new ArrayList<>(keep);
    for (int i = 0; i < keep; i++) {
      out.add(new Weighted(candidates.get(i), p[i]));
    }
    return out;
  }

  static TokenCandidate chooseGreedy(TableRow row) {
    return drawable(row).get(0);
  }

  /** The candidates that can be drawn: positive probability, rank order (so the first is the argmax). */
  private static List<TokenCandidate> drawable(TableRow row) {
    if (!row.alternativesKnown()) {
      throw new IllegalArgumentException("position " + row.position()
          + " lists no candidates to choose from: the provider reported no alternatives (ask for topLogprobs >= 1)");
    }
    List<TokenCandidate> out = row.candidates().stream().filter(c -> c.logprob() != Double.NEGATIVE_INFINITY).toList();
    if (out.isEmpty()) {
      throw new IllegalArgumentException("position " + row.position() + " lists no candidate with a probability above 0");
    }
    return out;
  }

  private static void normalise(double[] p, int keep) {
    double sum = 0;
    for (int i = 0; i < keep; i++) {
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] = i < keep ? p[i] / sum : 0;
    }
  }
}
