package dev.nexttoken;

/**
 * What one operation (completion or chat) of a provider and model supports.
 *
 * @param supported whether the operation exists at all
 * @param streaming whether it can stream
 * @param logprobs whether the chosen tokens' logprobs can be reported
 * @param maxTopLogprobs the most alternatives per position ({@link #UNLIMITED} for no cap, 0 for none)
 * @param logprobsInStream whether logprobs arrive while streaming
 * @param tokenIds whether token ids are reported
 * @param tokenBytes whether raw token bytes are reported
 * @param promptLogprobs whether the prompt's own tokens can be scored ({@code echo})
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
    ParameterLimits limits,
    String note) {

  /** {@link #maxTopLogprobs} value for "no hard cap" (llama.cpp returns as many as asked, up to the vocabulary). */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** An operation the provider does not offer. */
  public static OperationCapabilities unsupported(String note) {
    return new OperationCapabilities(false, false, false, 0, false, false, false, false, ParameterLimits.PERMISSIVE, note);
  }

  public OperationCapabilities {
    if (maxTopLogprobs < 0) {
      throw new IllegalArgumentException("maxTopLogprobs must be >= 0, was " + maxTopLogprobs);
    }
    limits = limits == null ? ParameterLimits.PERMISSIVE : limits;
  }

  /** Whether the alternatives limit is unbounded. */
  public boolean unlimitedTopLogprobs() {
    return maxTopLogprobs == UNLIMITED;
  }
}
