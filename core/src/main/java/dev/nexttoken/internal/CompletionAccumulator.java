package dev.nexttoken.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stream chunks back into the {@link Completion} a non-streaming call returns.
 *
 * <p>Text deltas are concatenated and each chunk's logprobs appended exactly once; the finish
 * reason and usage are the last ones seen; model and response id the first ones seen. Not
 * thread-safe: one accumulator per stream.
 */
public final class CompletionAccumulator {
  private final StringBuilder text = new StringBuilder();
  private List<TokenLogprob> logprobs;
  private FinishReason finishReason;
  private Usage usage;
  private String model;
  private String responseId;
  private ResponseMetadata metadata;

  /**
   * @param logprobsRequested whether the collected response should carry a logprob list (possibly
   *     empty) rather than null, matching what the non-streaming call returns; logprobs that arrive
   *     unrequested are kept all the same
   * @param metadata what the response headers said (request id, rate limits)
   */
  public CompletionAccumulator(boolean logprobsRequested, ResponseMetadata metadata) {
    this.logprobs = logprobsRequested ? new ArrayList<>() : null;
    this.metadata = metadata == null ? ResponseMetadata.EMPTY : metadata;
  }

  /** Adds one chunk. */
  public void add(Chunk chunk) {
    text.append(chunk.textDelta());
    if (!chunk.logprobs().isEmpty()) {
      if (logprobs == null) {
        // Not asked for, but sent (some servers always do): keep them, as the non-streaming
        // mapping does, rather than failing the whole stream over extra data.
        logprobs = new ArrayList<>();
      }
      logprobs.addAll(chunk.logprobs());
    }
    if (chunk.finishReason() != null) {
      finishReason = chunk.finishReason();
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    if (model == null) {
      model = chunk.model();
    }
    if (responseId == null) {
      responseId = chunk.responseId();
    }
    metadata = metadata.withExtras(chunk.extras());
  }

  /** The response so far. */
  public Completion result() {
    ResponseMetadata meta = responseId == null ? metadata : metadata.withResponseId(responseId);
    return new Completion(text.toString(), finishReason, usage, model, meta, logprobs, null);
  }
}
