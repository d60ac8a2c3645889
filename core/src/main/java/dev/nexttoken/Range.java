package dev.nexttoken;

/**
 * The values a provider accepts for one numeric request parameter: an interval whose bounds are
 * each open or closed and may be infinite, or {@link #NONE} for a parameter it does not accept at all.
 *
 * <pre>{@code
 * Range.closed(0, 2.0)               // temperature 0–2
 * Range.openClosed(0, 1)             // top-p in (0, 1]
 * Range.integers(0, Integer.MAX_VALUE) // a seed that must fit 31 bits
 * }</pre>
 *
 * <p>Bounds are doubles, so integer bounds are exact up to 2^53; a wider integer range is unbounded
 * ({@link #ALL_INTEGERS}, {@link #integersAtLeast}).
 *
 * @param min the lower bound, {@link Double#NEGATIVE_INFINITY} for none
 * @param minInclusive whether {@code min} itself is accepted
 * @param max the upper bound, {@link Double#POSITIVE_INFINITY} for none
 * @param maxInclusive whether {@code max} itself is accepted
 * @param integral whether the parameter takes whole numbers (its bounds are then written without a fraction)
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive, boolean integral) {
  /** Accepts nothing: the provider has no such parameter. */
  public static final Range NONE = new Range(0, false, 0, false, false);

  /** Any whole number. */
  public static final Range ALL_INTEGERS =
      new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, true);

  public Range {
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException("a range needs min <= max, was " + min + " and " + max);
    }
    // An infinite bound is never a value, so it is never inclusive; keeping it canonical keeps equals honest.
    minInclusive = minInclusive && min != Double.NEGATIVE_INFINITY;
    maxInclusive = maxInclusive && max != Double.POSITIVE_INFINITY;
  }

  /** {@code [min, max]}. */
  public static Range closed(double min, double max) {
    return new Range(min, true, max, true, false);
  }

  /** {@code (min, max]}. */
  public static Range openClosed(double min, double max) {
    return new Range(min, false, max, true, false);
  }

  /** {@code [min, ∞)}. */
  public static Range atLeast(double min) {
    return new Range(min, true, Double.POSITIVE_INFINITY, false, false);
  }

  /** The whole numbers from {@code min} to {@code max}, both included. */
  public static Range integers(long min, long max) {
    return new Range(min, true, max, true, true);
  }

  /** The whole numbers from {@code min} up. */
  public static Range integersAtLeast(long min) {
    return new Range(min, true, Double.POSITIVE_INFINITY, false, true);
  }

  /** Whether any value is accepted; false for {@link #NONE}. */
  public boolean acceptsAny() {
    return min < max || (min == max && minInclusive && maxInclusive);
  }

  /** Whether {@code value} lies within the range (NaN never does). */
  public boolean contains(double value) {
    boolean aboveMin = value > min || (minInclusive && value == min);
    boolean belowMax = value < max || (maxInclusive && value == max);
    return aboveMin && belowMax;
  }

  /**
   * The range in words, for messages: {@code between 0 and 2.0}, {@code at least 1},
   * {@code at most 4}, or an interval such as {@code in (0, 1.0]}.
   */
  public String describe() {
    if (!acceptsAny()) {
      return "not accepted";
    }
    boolean finiteMin = min != Double.NEGATIVE_INFINITY;
    boolean finiteMax = max != Double.POSITIVE_INFINITY;
    if (finiteMin && finiteMax && minInclusive && maxInclusive) {
      return "between " + format(min) + " and " + format(max);
    }
    if (finiteMin && minInclusive && !finiteMax) {
      return "at least " + format(min);
    }
    if (!finiteMin && finiteMax && maxInclusive) {
      return "at most " + format(max);
    }
    if (!finiteMin && !finiteMax) {
      return "any number";
    }
    return "in " + (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
  }

  @Override
  public String toString() {
    return describe();
  }

  private String format(double bound) {
    if (Double.isInfinite(bound)) {
      return bound > 0 ? "∞" : "-∞";
    }
    // Zero reads as the neutral types write their own lower bounds (">= 0", "(0, 1]"), whatever the type.
    if (integral || bound == 0) {
      return Long.toString((long) bound);
    }
    return Double.toString(bound);
  }
}
