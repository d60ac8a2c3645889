package dev.nexttoken;

/**
 * The ranges a provider accepts for sampling parameters, so bad values fail before sending.
 *
 * @param maxTemperature the highest temperature accepted (the lowest is always 0)
 * @param topK whether the sampling parameter top-k is accepted
 * @param maxTopK the largest top-k accepted ({@link Integer#MAX_VALUE} when unbounded)
 * @param seed whether a seed is accepted
 * @param maxStopSequences the most stop sequences accepted ({@link Integer#MAX_VALUE} when unbounded)
 */
public record ParameterLimits(double maxTemperature, boolean topK, int maxTopK, boolean seed, int maxStopSequences) {
  /** Accepts everything the neutral types accept. */
  public static final ParameterLimits PERMISSIVE =
      new ParameterLimits(Double.MAX_VALUE, true, Integer.MAX_VALUE, true, Integer.MAX_VALUE);
}
