package dev.nexttoken.internal;

import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.StreamTooLargeException;
import java.io.Closeable;
import java.io.IOException;

/** Default bounds that keep a misbehaving stream from exhausting memory. */
public final class StreamLimits {
  /**
   * The largest single server-sent event or NDJSON line a stream reader accepts by default: 1 MiB.
   *
   * <p>Real chunks are small: a streamed token with 20 top logprobs is a few kilobytes. A megabyte leaves
   * room for large tool-call arguments or a final chunk that repeats the whole text, while a broken proxy or
   * a server that never sends a line break fails fast with a clear exception instead of an
   * {@link OutOfMemoryError}. Callers that truly need more pass a larger bound to the reader.
   */
  public static final long DEFAULT_MAX_EVENT_BYTES = 1 << 20;

  private StreamLimits() {}

  /** Closes {@code source} (nothing more will be read from it) and describes what was too large. */
  public static StreamTooLargeException tooLarge(Closeable source, String what, String limitName, long limit, String provider) {
    StreamTooLargeException e = new StreamTooLargeException(
        what + " exceeded " + limit + " bytes, so the stream was closed. If the provider really sends "
            + "this much, raise " + limitName + " on the model's builder.",
        provider == null ? ErrorDetails.none() : ErrorDetails.of(provider));
    try {
      source.close();
    } catch (IOException closeFailure) {
      e.addSuppressed(closeFailure);
    }
    return e;
  }
}
