package dev.nexttoken.spi;

import dev.nexttoken.internal.StreamLimits;
import java.io.IOException;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Splits a newline-delimited JSON body ({@code application/x-ndjson}, as Ollama streams) into
 * {@link StreamEvent}s, one line each, one {@link #next()} call at a time: the event has no name
 * or id, and the line as its data.
 *
 * <p>Lines end in LF; a CR before the LF is removed, blank lines are skipped, and a last line without a
 * line break is still returned. Each line is kept as its complete bytes (decoded as UTF-8 on demand, as
 * for server-sent events), so a multi-byte character split across network reads is decoded correctly (a
 * known source of mojibake with this format).
 *
 * <p>Each line (without its line break) is bounded by {@code maxLineBytes}, checked while scanning, so an
 * endless line costs at most that much memory before {@link dev.nexttoken.error.StreamTooLargeException} is
 * thrown; the source is closed first.
 *
 * <p>Instances are not thread-safe. Closing the reader closes the source.
 */
final class NdjsonReader implements EventReader {
  private final BufferedSource source;
  private final long maxLineBytes;
  private final String provider;

  /** Reads lines from {@code source}, failing on any line longer than {@code maxLineBytes}. */
  NdjsonReader(BufferedSource source, long maxLineBytes) {
    this(source, maxLineBytes, null);
  }

  /**
   * Like {@link #NdjsonReader(BufferedSource, long)}, naming {@code provider} (may be null) in the details of
   * a {@link dev.nexttoken.error.StreamTooLargeException}.
   */
  NdjsonReader(BufferedSource source, long maxLineBytes, String provider) {
    this.source = Objects.requireNonNull(source, "source");
    if (maxLineBytes <= 0 || maxLineBytes == Long.MAX_VALUE) {
      throw new IllegalArgumentException("maxLineBytes must be positive and finite, was " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.provider = provider;
  }

  /**
   * Returns the next non-blank line without its line break, blocking until it is complete, or null once
   * the stream has ended.
   *
   * @throws dev.nexttoken.error.StreamTooLargeException if a line exceeds {@code maxLineBytes}
   * @throws IOException if reading the source fails
   */
  @Override
  public StreamEvent next() throws IOException {
    Buffer buffer = source.getBuffer();
    while (true) {
      // Bounded scan: returns -1 once maxLineBytes + 1 bytes are buffered without an LF, or at the end.
      long newline = source.indexOf((byte) '\n', 0, maxLineBytes + 1);
      long length = newline != -1 ? newline : buffer.size();
      if (newline == -1 && length > maxLineBytes) {
        // A caller cannot see maxLineBytes; it is the model's maxEventBytes.
        throw StreamLimits.tooLarge(source, "An NDJSON line", "maxLineBytes (a model's maxEventBytes)", maxLineBytes, provider);
      }
      if (length == 0) {
        if (newline == -1) {
          return null;
        }
        buffer.skip(1);
        continue;
      }
      long content = buffer.getByte(length - 1) == '\r' ? length - 1 : length;
      byte[] line = content == 0 ? null : buffer.readByteArray(content);
      buffer.skip(length - content + (newline == -1 ? 0 : 1));
      if (line != null) {
        return StreamEvent.ofUtf8(null, line, null); // decoded only if asked
      }
    }
  }

  /** Closes the source; the reader cannot be used afterwards. */
  @Override
  public void close() throws IOException {
    source.close();
  }
}
