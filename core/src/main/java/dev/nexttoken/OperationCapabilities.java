package dev.nexttoken;

/**
 * What one operation (completion or chat) of a provider and model supports. Declared by name:
 *
 * <pre>{@code
 * OperationCapabilities completion = OperationCapabilities.builder()
 *     .streaming()
 *     .logprobs(5).logprobsInStream()
 *     .promptLogprobs()              // echo, but not while streaming
 *     .limits(limits)
 *     .note("legacy /v1/completions")
 *     .build();
 * }</pre>
 *
 * @param supported whether the operation exists at all
 * @param streaming whether it can stream
 * @param logprobs whether the chosen tokens' logprobs can be reported
 * @param maxTopLogprobs the most alternatives per position ({@link #UNLIMITED} for no cap, 0 for none)
 * @param logprobsInStream whether logprobs arrive while streaming
 * @param tokenIds whether token ids are reported
 * @param tokenBytes whether raw token bytes are reported
 * @param promptLogprobs whether the prompt's own tokens can be scored ({@code echo})
 * @param promptLogprobsInStream whether that also works while streaming
 * @param limits the parameter ranges the provider accepts
 * @param note how the provider implements the operation when that is not obvious, or null
 */
public record OperationCapabilities(
    boolean supported,
    boolean streaming,
    boolean logprobs,
    int maxTopLogprobs,
    boolean logprobsInStream,
    boolean tokenIds,
    boolean tokenBytes,
    boolean promptLogprobs,
    boolean promptLogprobsInStream,
    ParameterLimits limits,
    String note) {

  /** {@link #maxTopLogprobs} value for "no hard cap" (llama.cpp returns as many as asked, up to the vocabulary). */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** An operation the provider does not offer. */
  public static OperationCapabilities unsupported(String note) {
    return new OperationCapabilities(false, false, false, 0, false, false, false, false, false, ParameterLimits.PERMISSIVE, note);
  }

  /** A builder for a supported operation that, until told otherwise, neither streams nor reports logprobs. */
  public static Builder builder() {
    return new Builder();
  }

  public OperationCapabilities {
    if (maxTopLogprobs < 0) {
      throw new IllegalArgumentException("maxTopLogprobs must be >= 0, was " + maxTopLogprobs);
    }
    if (promptLogprobsInStream && !promptLogprobs) {
      throw new IllegalArgumentException("promptLogprobsInStream needs promptLogprobs");
    }
    limits = limits == null ? ParameterLimits.PERMISSIVE : limits;
  }

  /** Whether the alternatives limit is unbounded. */
  public boolean unlimitedTopLogprobs() {
    return maxTopLogprobs == UNLIMITED;
  }

  /** Declares a supported operation's features by name; whatever is not declared is not offered. */
  public static final class Builder {
    private boolean streaming;
    private boolean logprobs;
    private int maxTopLogprobs;
    private boolean logprobsInStream;
    private boolean tokenIds;
    private boolean tokenBytes;
    private boolean promptLogprobs;
    private boolean promptLogprobsInStream;
    private ParameterLimits limits = ParameterLimits.PERMISSIVE;
    private String note;

    private Builder() {}

    public Builder streaming() {
      streaming = true;
      return this;
    }

    /** The chosen tokens' logprobs, with up to {@code maxTopLogprobs} alternatives ({@link #UNLIMITED}, or 0 for none). */
    public Builder logprobs(int maxTopLogprobs) {
      this.logprobs = true;
      this.maxTopLogprobs = maxTopLogprobs;
      return this;
    }

    public Builder logprobsInStream() {
      logprobsInStream = true;
      return this;
    }

    public Builder tokenIds() {
      tokenIds = true;
      return this;
    }

    public Builder tokenBytes() {
      tokenBytes = true;
      return this;
    }

    /** The prompt's own logprobs ({@code echo}), in blocking calls only unless {@link #promptLogprobsInStream()}. */
    public Builder promptLogprobs() {
      promptLogprobs = true;
      return this;
    }

    public Builder promptLogprobsInStream() {
      promptLogprobs = true;
      promptLogprobsInStream = true;
      return this;
    }

    public Builder limits(ParameterLimits value) {
      limits = value;
      return this;
    }

    public Builder note(String value) {
      note = value;
      return this;
    }

    public OperationCapabilities build() {
      return new OperationCapabilities(true, streaming, logprobs, maxTopLogprobs, logprobsInStream, tokenIds, tokenBytes,
          promptLogprobs, promptLogprobsInStream, limits, note);
    }
  }
}
