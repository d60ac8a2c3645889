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
 * reason and usage are the last ones seen; model and response id the first ones seen. The result's
 * logprobs follow {@link Completion#logprobs()}: null unless some chunk carried logprobs (an empty
 * list counts), whether or not they were requested. Not thread-safe: one accumulator per stream.
 */
public final class CompletionAccumulator {
  private final StringBuilder text = new StringBuilder();
  private List<TokenLogprob> logprobs;
  private FinishReason finishReason;
  private Usage usage;
  private String model;
  private String responseId;
  private ResponseMetadata metadata;

  /** @param metadata what the response headers said (request id, rate limits) */
  public CompletionAccumulator(ResponseMetadata metadata) {
    this.metadata = metadata == null ? ResponseMetadata.EMPTY : metadata;
  }

  /** Adds one chunk. */
  public void add(Chunk chunk) {
    text.append(chunk.textDelta());
    if (chunk.logprobs() != null) {
      if (logprobs == null) {
        // Also when not asked for (a mapper passes on what a server sends anyway): extra data is
        // no reason to fail the stream, and what the chunks said is what the stream said.
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
