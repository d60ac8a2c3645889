package dev.nexttoken;

import java.util.Objects;

/**
 * The values a provider accepts for each sampling parameter of {@link GenerationOptions}, so that
 * an out-of-range request fails before sending with a message naming the field, the value and the
 * range. A parameter the provider does not have is {@link Range#NONE}.
 *
 * <pre>{@code
 * ParameterLimits cohere = ParameterLimits.builder()
 *     .temperature(Range.closed(0, 1.0))
 *     .topP(Range.closed(0.01, 0.99))
 *     .topK(Range.integers(0, 500))
 *     .seed(Range.integers(0, Integer.MAX_VALUE))
 *     .maxStopSequences(5)
 *     .build();
 * }</pre>
 *
 * <p>Unset parameters accept what the neutral types accept ({@link #PERMISSIVE}).
 *
 * @param temperature the temperatures accepted
 * @param topP the nucleus sampling masses accepted
 * @param topK the sampling top-k values accepted ({@link Range#NONE}: no such parameter)
 * @param seed the seeds accepted ({@link Range#NONE}: no seed)
 * @param maxTokens the generation lengths accepted
 * @param maxStopSequences the most stop sequences accepted ({@link Integer#MAX_VALUE} when unbounded)
 */
public record ParameterLimits(Range temperature, Range topP, Range topK, Range seed, Range maxTokens, int maxStopSequences) {
  /** Accepts everything the neutral types accept. */
  public static final ParameterLimits PERMISSIVE = builder().build();

  public ParameterLimits {
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(topP, "topP");
    Objects.requireNonNull(topK, "topK");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(maxTokens, "maxTokens");
    if (maxStopSequences < 0) {
      throw new IllegalArgumentException("maxStopSequences must be >= 0, was " + maxStopSequences);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The highest temperature accepted: shorthand for {@code temperature().max()}. */
  public double maxTemperature() {
    return temperature.max();
  }

  /** Declares {@link ParameterLimits} by name; each parameter starts at what the neutral types accept. */
  public static final class Builder {
    private Range temperature = Range.atLeast(0);
    private Range topP = Range.openClosed(0, 1);
    private Range topK = Range.integersAtLeast(0);
    private Range seed = Range.ALL_INTEGERS;
    private Range maxTokens = Range.integersAtLeast(1);
    private int maxStopSequences = Integer.MAX_VALUE;

    private Builder() {}

    public Builder temperature(Range value) {
      temperature = value;
      return this;
    }

    public Builder topP(Range value) {
      topP = value;
      return this;
    }

    public Builder topK(Range value) {
      topK = value;
      return this;
    }

    public Builder seed(Range value) {
      seed = value;
      return this;
    }

    public Builder maxTokens(Range value) {
      maxTokens = value;
      return this;
    }

    public Builder maxStopSequences(int value) {
      maxStopSequences = value;
      return this;
    }

    public ParameterLimits build() {
      return new ParameterLimits(temperature, topP, topK, seed, maxTokens, maxStopSequences);
    }
  }
}
