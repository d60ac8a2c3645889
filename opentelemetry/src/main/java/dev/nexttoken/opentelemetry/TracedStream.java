package dev.nexttoken.opentelemetry;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import java.util.Iterator;

/**
 * A stream whose span ends with the stream: at its last chunk (with the collected answer's
 * attributes), at its failure, or at a {@link #close()} before the end, which marks the span
 * {@code nexttoken.stream.cancelled}. The first chunk's arrival is the time to first chunk.
 * Chunks pass through untouched; the only work per chunk is one flag check.
 */
final class TracedStream implements CompletionStream {
  private final CompletionStream inner;
  private final TracedCall call;
  private Iterator<Chunk> iterator;
  private boolean seenChunk;
  /** The collected answer once the stream ended, so that a later {@link #collect()} does not build it again. */
  private Completion whole;
  private volatile boolean closedEarly;

  TracedStream(CompletionStream inner, TracedCall call) {
    this.inner = inner;
    this.call = call;
  }

  @Override
  public Iterator<Chunk> iterator() {
    Iterator<Chunk> chunks = inner.iterator();
    iterator = new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more;
        try {
          more = chunks.hasNext();
        } catch (RuntimeException e) {
          throw call.failed(e, inner.partial());
        }
        if (!more) {
          ended();
        }
        return more;
      }

      @Override
      public Chunk next() {
        Chunk chunk;
        try {
          chunk = chunks.next();
        } catch (RuntimeException e) {
          throw call.failed(e, inner.partial());
        }
        if (!seenChunk) {
          seenChunk = true;
          call.firstChunk();
        }
        return chunk;
      }
    };
    return iterator;
  }

  @Override
  public Completion collect() {
    if (whole != null) {
      return whole;
    }
    // Drained through this stream's own iterator, so a collect() alone still times the first chunk.
    Iterator<Chunk> chunks = iterator != null ? iterator : iterator();
    while (chunks.hasNext()) {
      chunks.next();
    }
    return whole != null ? whole : inner.collect();
  }

  @Override
  public Completion partial() {
    return whole != null ? whole : inner.partial();
  }

  @Override
  public void close() {
    if (whole == null && !closedEarly) {
      // Flagged before the inner close, which ends the iteration quietly: that end is not an answer.
      closedEarly = true;
      call.cancelled(inner.partial());
    }
    inner.close();
  }

  private void ended() {
    if (closedEarly || whole != null) {
      return;
    }
    whole = inner.collect();
    call.succeeded(whole);
  }
}
