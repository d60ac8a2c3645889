package dev.nexttoken.internal;

import dev.nexttoken.Chunk;

/**
 * The chunks behind a {@link PulledCompletionStream}, pulled one by one. Providers do not
 * implement it: {@code HttpTransport.openStream} reads SSE and NDJSON streams with one
 * implementation, so that a provider writes only the mapping from an event to a chunk.
 */
public interface ChunkSource extends AutoCloseable {
  /**
   * The next chunk, or null at the end of the stream. Blocks until one arrives.
   *
   * @throws dev.nexttoken.error.NextTokenException on a timeout, broken connection, malformed
   *     event or an error reported inside the stream
   */
  Chunk next();

  /** Cancels the underlying call if it still runs. Idempotent. */
  @Override
  void close();
}
