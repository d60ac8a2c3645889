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
 * @param tools whether the model can be offered tools to call (chat)
 * @param parallelToolCalls whether the caller can allow or forbid several calls in one turn
 * @param structuredOutput the strongest answer constraint the provider has
 * @param strictSchema whether a schema can be made strict (exact adherence)
 * @param imageUrls whether images can be sent as URLs
 * @param imageBytes whether images can be sent as bytes
 * @param reasoningEffort whether a reasoning effort can be set
 * @param maxChoices the most answers one call can ask for ({@code n}); 1 when the option does not exist
 * @param logitBias whether a logit bias by token id can be set
 * @param logitBiasByText whether a logit bias by string can be set (llama.cpp)
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
    String note,
    boolean tools,
    boolean parallelToolCalls,
    StructuredOutput structuredOutput,
    boolean strictSchema,
    boolean imageUrls,
    boolean imageBytes,
    boolean reasoningEffort,
    int maxChoices,
    boolean logitBias,
    boolean logitBiasByText) {

  /** How far a provider can constrain the answer's shape. */
  public enum StructuredOutput {
    /** Free text only. */
    NONE,
    /** Some JSON object, no schema. */
    JSON_OBJECT,
    /** JSON following a given schema. */
    JSON_SCHEMA;

    /** Whether this level covers {@code wanted}. */
    public boolean covers(StructuredOutput wanted) {
      return compareTo(wanted) >= 0;
    }
  }

  /** {@link #maxTopLogprobs} value for "no hard cap" (llama.cpp returns as many as asked, up to the vocabulary). */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** An operation the provider does not offer. */
  public static OperationCapabilities unsupported(String note) {
    return new OperationCapabilities(false, false, false, 0, false, false, false, false, false, ParameterLimits.PERMISSIVE, note,
        false, false, StructuredOutput.NONE, false, false, false, false, 1, false, false);
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
    structuredOutput = structuredOutput == null ? StructuredOutput.NONE : structuredOutput;
    if (maxChoices < 1) {
      throw new IllegalArgumentException("maxChoices must be >= 1, was " + maxChoices);
    }
    if (strictSchema && structuredOutput != StructuredOutput.JSON_SCHEMA) {
      throw new IllegalArgumentException("strictSchema needs structuredOutput JSON_SCHEMA");
    }
  }

  /** Whether images can be sent at all. */
  public boolean images() {
    return imageUrls || imageBytes;
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
    private boolean tools;
    private boolean parallelToolCalls;
    private StructuredOutput structuredOutput = StructuredOutput.NONE;
    private boolean strictSchema;
    private boolean imageUrls;
    private boolean imageBytes;
    private boolean reasoningEffort;
    private int maxChoices = 1;
    private boolean logitBias;
    private boolean logitBiasByText;

    private Builder() {}

    /** Tools, tool choice and tool calls in the answer (and, when streaming is declared, streamed call deltas). */
    public Builder tools() {
      tools = true;
      return this;
    }

    /** The caller can allow or forbid parallel calls ({@code parallel_tool_calls}). */
    public Builder parallelToolCalls() {
      tools = true;
      parallelToolCalls = true;
      return this;
    }

    /** The strongest answer constraint the provider has. */
    public Builder structuredOutput(StructuredOutput value) {
      structuredOutput = value;
      return this;
    }

    /** Schemas, and strict ones. */
    public Builder strictSchema() {
      structuredOutput = StructuredOutput.JSON_SCHEMA;
      strictSchema = true;
      return this;
    }

    /** Images as URLs and as bytes. */
    public Builder images() {
      imageUrls = true;
      imageBytes = true;
      return this;
    }

    /** Images as bytes only (the provider fetches no URLs). */
    public Builder imageBytesOnly() {
      imageBytes = true;
      return this;
    }

    public Builder reasoningEffort() {
      reasoningEffort = true;
      return this;
    }

    /** Up to {@code max} answers per call ({@code n}). */
    public Builder maxChoices(int max) {
      maxChoices = max;
      return this;
    }

    public Builder logitBias() {
      logitBias = true;
      return this;
    }

    /** Logit bias by token id and by string. */
    public Builder logitBiasByText() {
      logitBias = true;
      logitBiasByText = true;
      return this;
    }

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
          promptLogprobs, promptLogprobsInStream, limits, note, tools, parallelToolCalls, structuredOutput, strictSchema,
          imageUrls, imageBytes, reasoningEffort, maxChoices, logitBias, logitBiasByText);
    }
  }
}
