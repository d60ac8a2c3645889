package dev.nexttoken.llamacpp.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.spi.ChunkSource;

/**
 * A chunk source that fails when the stream ends before the server said why it stopped.
 *
 * <p>llama-server always ends a stream with a stop reason (the native {@code stop:true} event, or the chat
 * finish chunk). A stream that ends without one was cut: most often by an error that builds before
 * Sep 2025 sent as a non-SSE {@code error: {...}} line, which no SSE reader can see. Failing here keeps a
 * truncated answer from passing as a whole one.
 */
public final class FinishedStreamSource implements ChunkSource {
  private final ChunkSource source;
  private boolean finished;

  public FinishedStreamSource(ChunkSource source) {
    this.source = source;
  }

  @Override
  public Chunk next() {
    Chunk chunk = source.next();
    if (chunk == null && !finished) {
      source.close();
      throw new MalformedResponseException("llamacpp: the stream ended before the server reported why it stopped;"
          + " the response is incomplete (older servers report errors on a non-SSE 'error:' line; see the server log)",
          ErrorDetails.of("llamacpp"));
    }
    if (chunk != null && chunk.finishReason() != null) {
      finished = true;
    }
    return chunk;
  }

  @Override
  public void close() {
    source.close();
  }
}
