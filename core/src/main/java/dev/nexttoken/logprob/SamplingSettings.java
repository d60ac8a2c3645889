package dev.nexttoken.logprob;

/**
 * How a {@link Sampler} picks a token from a table row: temperature, then top-k, top-p and min-p
 * truncation, drawn with a seeded random source.
 *
 * @param temperature divides the logprobs before renormalising, >= 0; 0 means greedy (the most
 *     likely candidate, ties broken by rank)
 * @param topK keep only the {@code topK} most likely candidates, >= 1; null for no limit
 * @param topP keep the smallest set of most likely candidates whose mass reaches {@code topP}, in
 *     (0, 1]; null for no limit
 * @param minP keep candidates at least {@code minP} times as likely as the most likely one, in
 *     [0, 1]; null for no limit
 * @param seed the random source's seed, for draws that repeat exactly on any JVM; null for a
 *     different sequence on every run
 */
public record SamplingSettings(double temperature, Integer topK, Double topP, Double minP, Long seed) {
  public SamplingSettings {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and >= 0, was " + temperature);
    }
    if (topK != null && topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1 (null for no limit), was " + topK);
    }
    if (topP != null && !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1] (null for no limit), was " + topP);
    }
    if (minP != null && !(minP >= 0 && minP <= 1)) {
      throw new IllegalArgumentException("minP must be in [0, 1] (null for no limit), was " + minP);
    }
  }

  /** Plain sampling from the row's renormalised distribution: temperature 1, no truncation. */
  public static SamplingSettings seeded(long seed) {
    return new SamplingSettings(1.0, null, null, null, seed);
  }

  /** Always the most likely candidate. */
  public static SamplingSettings greedy() {
    return new SamplingSettings(0.0, null, null, null, null);
  }

  public SamplingSettings withTemperature(double value) {
    return new SamplingSettings(value, topK, topP, minP, seed);
  }

  public SamplingSettings withTopK(Integer value) {
    return new SamplingSettings(temperature, value, topP, minP, seed);
  }

  public SamplingSettings withTopP(Double value) {
    return new SamplingSettings(temperature, topK, value, minP, seed);
  }

  public SamplingSettings withMinP(Double value) {
    return new SamplingSettings(temperature, topK, topP, value, seed);
  }

  public SamplingSettings withSeed(Long value) {
    return new SamplingSettings(temperature, topK, topP, minP, value);
  }
}
