package dev.nexttoken.logprob;

import java.util.List;

/**
 * A quantity known to lie between two values: what can honestly be said of a figure that depends on
 * probabilities a provider did not show. Equal bounds mean the figure is known exactly.
 *
 * @param lower the least the figure can be
 * @param upper the most it can be, at least {@code lower}
 */
public record Bounds(double lower, double upper) {
  public Bounds {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      throw new IllegalArgumentException("bounds must be numbers, were " + lower + " and " + upper);
    }
    if (upper < lower) {
      throw new IllegalArgumentException("upper bound " + upper + " is below lower bound " + lower);
    }
  }

  /** A figure known exactly. */
  public static Bounds exactly(double value) {
    return new Bounds(value, value);
  }

  /** Whether the figure is known exactly. */
  public boolean exact() {
    return lower == upper;
  }

  /** How much is unknown: {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }

  /** Whether {@code value} lies within the bounds, ends included. */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  /** Bounds on the mean of figures bounded by {@code each}; null for an empty list. */
  public static Bounds mean(List<Bounds> each) {
    if (each.isEmpty()) {
      return null;
    }
    double lower = 0;
    double upper = 0;
    for (Bounds b : each) {
      lower += b.lower;
      upper += b.upper;
    }
    return new Bounds(lower / each.size(), Math.max(lower, upper) / each.size());
  }
}
