package dev.nexttoken.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * Splits a streamed body into {@link StreamEvent}s by its framing ({@link ServerSentEventReader},
 * {@link NdjsonReader}), so that one stream source serves every framing.
 */
interface EventReader extends Closeable {
  /**
   * The next event, blocking until it is complete, or null once the stream has ended.
   *
   * @throws dev.nexttoken.error.StreamTooLargeException if an event exceeds the reader's bound
   *     (the source is closed first)
   * @throws IOException if reading the source fails
   */
  StreamEvent next() throws IOException;
}
