package dev.nexttoken.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.ResponseMetadata;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The {@link CompletionStream} every provider returns: pulls chunks from a {@link ChunkSource},
 * accumulates them for {@link #collect()}, and closes the source at the end, on failure, or when
 * the caller closes early.
 */
public final class PulledCompletionStream implements CompletionStream {
  private final ChunkSource source;
  private final CompletionAccumulator accumulator;
  private boolean iteratorTaken;
  private boolean finished;
  private volatile boolean closed; // close() may come from another thread, to cancel a blocked read
  private Chunk pending;

  /** @param metadata what the response headers said, for the collected answer */
  public PulledCompletionStream(ChunkSource source, ResponseMetadata metadata) {
    this.source = source;
    this.accumulator = new CompletionAccumulator(metadata);
  }

  @Override
  public Iterator<Chunk> iterator() {
    if (iteratorTaken) {
      throw new IllegalStateException("a CompletionStream can be iterated only once");
    }
    iteratorTaken = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return fetch();
      }

      @Override
      public Chunk next() {
        if (!fetch()) {
          throw new NoSuchElementException();
        }
        Chunk chunk = pending;
        pending = null;
        return chunk;
      }
    };
  }

  @Override
  public Completion collect() {
    if (!iteratorTaken) {
      iteratorTaken = true;
    }
    while (fetch()) {
      pending = null;
    }
    return accumulator.result();
  }

  @Override
  public Completion partial() {
    return accumulator.result();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      source.close();
    }
  }

  private boolean fetch() {
    if (pending != null) {
      return true;
    }
    if (finished) {
      return false;
    }
    if (closed) {
      // Closing is how a caller says "enough" (often from inside the loop): the iteration ends quietly.
      return false;
    }
    Chunk next;
    try {
      next = source.next();
    } catch (RuntimeException e) {
      finished = true;
      close();
      throw e;
    }
    if (next == null) {
      finished = true;
      close();
      return false;
    }
    accumulator.add(next);
    pending = next;
    return true;
  }
}
