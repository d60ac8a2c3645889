package dev.nexttoken;

import dev.nexttoken.spi.ChunkSource;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A pulled stream of {@link Chunk}s from one streaming call. <b>Must be closed</b>: use
 * try-with-resources. It closes itself after the last chunk; closing it earlier cancels the HTTP
 * call and frees the connection.
 *
 * <pre>{@code
 * try (CompletionStream stream = model.chatStreaming(request)) {
 *   for (Chunk chunk : stream) {
 *     System.out.print(chunk.textDelta());
 *   }
 *   Completion whole = stream.collect(); // everything seen, logprobs included
 * }
 * }</pre>
 *
 * <p>{@link #collect()} returns exactly what the non-streaming call returns, including chunks
 * already consumed through the iterator. If the stream fails part-way, {@link #partial()} still
 * holds what arrived before the error. Once closed, the stream yields no more chunks (iteration
 * ends, {@link #collect()} returns what arrived). Not thread-safe, except that {@link #close()} may
 * be called from another thread to cancel a read in progress; iterate once.
 */
public final class CompletionStream implements AutoCloseable, Iterable<Chunk> {
  private final ChunkSource source;
  private final CompletionAccumulator accumulator;
  private boolean iteratorTaken;
  private boolean finished;
  private volatile boolean closed; // close() may come from another thread, to cancel a blocked read
  private Chunk pending;

  public CompletionStream(ChunkSource source, boolean logprobsRequested, ResponseMetadata metadata) {
    this.source = source;
    this.accumulator = new CompletionAccumulator(logprobsRequested, metadata);
  }

  /** The chunks, in order. May be called once. */
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

  /** The chunks as a sequential {@link Stream}; closing it closes this stream. */
  public Stream<Chunk> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  /** Reads the rest of the stream and returns the whole response, chunks already consumed included. */
  public Completion collect() {
    if (!iteratorTaken) {
      iteratorTaken = true;
    }
    while (fetch()) {
      pending = null;
    }
    return accumulator.result();
  }

  /** Hands every remaining chunk to {@code consumer}, then returns the whole response; closes the stream. */
  public Completion forwardTo(Consumer<Chunk> consumer) {
    try (this) {
      for (Chunk chunk : this) {
        consumer.accept(chunk);
      }
      return accumulator.result();
    }
  }

  /** What arrived so far, also after a failure. */
  public Completion partial() {
    return accumulator.result();
  }

  /** Cancels the call if still running. Idempotent. */
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
