package dev.nexttoken.internal;

import dev.nexttoken.Chunk;

/**
 * What a provider hands to {@link dev.nexttoken.CompletionStream}: its chunks, pulled one by one.
 *
 * <p>Implementations map provider events to chunks; {@link EventChunkSource} does the plumbing for
 * SSE and NDJSON streams so that a provider only writes the mapping.
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
