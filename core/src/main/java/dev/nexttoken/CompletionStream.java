package dev.nexttoken;

import java.util.Iterator;
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
 *
 * <p>An interface so that code under test can hand out its own streams; the SDK's providers all
 * return the one implementation core gives them.
 */
public interface CompletionStream extends AutoCloseable, Iterable<Chunk> {
  /** The chunks, in order. May be called once. */
  @Override
  Iterator<Chunk> iterator();

  /** Reads the rest of the stream and returns the whole response, chunks already consumed included. */
  Completion collect();

  /** What arrived so far, also after a failure. */
  Completion partial();

  /** Cancels the call if still running. Idempotent. */
  @Override
  void close();

  /** The chunks as a sequential {@link Stream}; closing it closes this stream. */
  default Stream<Chunk> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  /** Hands every remaining chunk to {@code consumer}, then returns the whole response; closes the stream. */
  default Completion forwardTo(Consumer<Chunk> consumer) {
    try (this) {
      for (Chunk chunk : this) {
        consumer.accept(chunk);
      }
      return collect();
    }
  }
}
