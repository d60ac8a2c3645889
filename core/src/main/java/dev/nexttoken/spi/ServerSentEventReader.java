package dev.nexttoken.spi;

import dev.nexttoken.error.StreamTooLargeException;
import dev.nexttoken.internal.StreamLimits;
import java.io.IOException;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Decodes a {@code text/event-stream} body into {@link StreamEvent}s, one {@link #next()} call at a time.
 *
 * <p>Parsing follows the WHATWG HTML "event stream interpretation" rules: lines end in CRLF, LF or CR; a
 * leading UTF-8 byte order mark is skipped; lines starting with {@code :} are comments (keep-alives); one
 * space after a field's colon is removed; a line without a colon is a field with an empty value;
 * {@code data} lines are joined with {@code \n}; {@code retry} and unknown fields are ignored; ids
 * containing NUL are ignored; a blank line dispatches the event, and an event without {@code data} lines
 * is dropped. Each event's data is kept as its complete bytes (decoded as UTF-8 on demand), so a
 * multi-byte character split across network reads is decoded correctly.
 *
 * <p>One deliberate difference from browsers: an event still pending when the stream ends without its
 * terminating blank line is dispatched rather than dropped. Some servers and proxies cut that last blank
 * line, and losing the final chunk (which often carries usage or the finish reason) would be worse than
 * receiving it; a body truncated mid-transfer is reported by the HTTP layer as an {@link IOException}.
 *
 * <p>The bytes of one event (its lines without their line breaks, comments included) are bounded by
 * {@code maxEventBytes}. The bound is checked while scanning, so an endless line costs at most that much
 * memory before {@link StreamTooLargeException} is thrown; the source is closed first.
 *
 * <p>Instances are not thread-safe. Closing the reader closes the source.
 */
final class ServerSentEventReader implements EventReader {
  private static final ByteString BOM = ByteString.decodeHex("efbbbf");
  private static final ByteString DATA = ByteString.encodeUtf8("data");
  private static final ByteString EVENT = ByteString.encodeUtf8("event");
  private static final ByteString ID = ByteString.encodeUtf8("id");

  private final BufferedSource source;
  private final long maxEventBytes;
  private final String provider;

  private boolean started;
  /** The last line ended in CR: an LF that follows belongs to it. Checked lazily so a CR never blocks. */
  private boolean skipLf;

  /** The event's only data line so far, read straight into an array (most events have one). */
  private byte[] firstData;
  /** Data lines joined with LF once an event has a second one. */
  private final Buffer data = new Buffer();
  private int dataLines;
  private String eventType;
  private String lastEventId;
  private long eventBytes;

  /** Reads events from {@code source}, failing on any event larger than {@code maxEventBytes}. */
  ServerSentEventReader(BufferedSource source, long maxEventBytes) {
    this(source, maxEventBytes, null);
  }

  /**
   * Like {@link #ServerSentEventReader(BufferedSource, long)}, naming {@code provider} (may be null) in the
   * details of a {@link StreamTooLargeException}.
   */
  ServerSentEventReader(BufferedSource source, long maxEventBytes, String provider) {
    this.source = Objects.requireNonNull(source, "source");
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive, was " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.provider = provider;
  }

  /**
   * Returns the next event, blocking until it is complete, or null once the stream has ended.
   *
   * @throws StreamTooLargeException if an event exceeds {@code maxEventBytes}
   * @throws IOException if reading the source fails
   */
  @Override
  public StreamEvent next() throws IOException {
    Buffer buffer = source.getBuffer();
    if (!started) {
      started = true;
      if (source.request(1) && buffer.getByte(0) == (byte) 0xEF && source.request(3) && buffer.rangeEquals(0, BOM)) {
        buffer.skip(3);
      }
    }
    while (true) {
      long length = nextLineLength(buffer);
      if (length == -1) {
        return dataLines > 0 ? dispatch() : null;
      }
      if (length == 0) {
        consumeLineEnd(buffer);
        if (dataLines > 0) {
          return dispatch();
        }
        eventType = null; // an event without data is dropped, its type with it
        eventBytes = 0;
        continue;
      }
      eventBytes += length;
      processField(buffer, length);
      consumeLineEnd(buffer);
    }
  }

  /**
   * Returns the length of the line at the front of the buffer without its line break (the line break
   * itself stays buffered), or -1 at the end of the stream. A last line without a line break counts.
   */
  private long nextLineLength(Buffer buffer) throws IOException {
    if (skipLf) {
      skipLf = false;
      if (source.request(1) && buffer.getByte(0) == '\n') {
        buffer.skip(1);
      }
    }
    long budget = maxEventBytes - eventBytes;
    long scanned = 0;
    while (true) {
      long end = LineEnds.indexOf(buffer, scanned);
      if (end != -1) {
        if (end > budget) {
          throw tooLarge();
        }
        return end;
      }
      scanned = buffer.size();
      if (scanned > budget) {
        throw tooLarge();
      }
      if (!source.request(scanned + 1)) {
        return scanned == 0 ? -1 : scanned;
      }
    }
  }

  /** Consumes one line of {@code length} bytes, comparing the field name as bytes to avoid allocation. */
  private void processField(Buffer buffer, long length) throws IOException {
    long colon = buffer.indexOf((byte) ':', 0, length);
    if (colon == 0) {
      buffer.skip(length); // comment
      return;
    }
    long nameLength = colon == -1 ? length : colon;
    long valueStart = colon == -1 ? length : colon + 1;
    if (valueStart < length && buffer.getByte(valueStart) == ' ') {
      valueStart++;
    }
    long valueLength = length - valueStart;
    if (nameLength == 4 && buffer.rangeEquals(0, DATA)) {
      buffer.skip(valueStart);
      if (dataLines++ == 0) {
        // One copy, the one the event needs anyway; moving segments into a Buffer first split and
        // allocated a Segment per event and cost a second copy (issue 20's profile).
        firstData = buffer.readByteArray(valueLength);
      } else {
        if (firstData != null) {
          data.write(firstData);
          firstData = null;
        }
        data.writeByte('\n');
        data.write(buffer, valueLength); // moves segments, no copy
      }
    } else if (nameLength == 5 && buffer.rangeEquals(0, EVENT)) {
      buffer.skip(valueStart);
      eventType = valueLength == 0 ? null : buffer.readUtf8(valueLength);
    } else if (nameLength == 2 && buffer.rangeEquals(0, ID) && buffer.indexOf((byte) 0, valueStart, length) == -1) {
      buffer.skip(valueStart);
      lastEventId = valueLength == 0 ? null : buffer.readUtf8(valueLength); // an empty id resets it
    } else {
      buffer.skip(length); // retry, unknown fields, ids containing NUL
    }
  }

  /** Consumes the CR, LF or CRLF after a line; does nothing after an unterminated last line. */
  private void consumeLineEnd(Buffer buffer) throws IOException {
    if (buffer.size() == 0) {
      return;
    }
    byte b = buffer.readByte();
    if (b == '\r') {
      if (buffer.size() == 0) {
        skipLf = true; // the LF, if any, has not arrived yet; do not block waiting for it
      } else if (buffer.getByte(0) == '\n') {
        buffer.skip(1);
      }
    }
  }

  private StreamEvent dispatch() {
    byte[] bytes = firstData != null ? firstData : data.readByteArray();
    firstData = null;
    StreamEvent event = StreamEvent.ofUtf8(eventType, bytes, lastEventId); // decoded only if asked
    dataLines = 0;
    eventType = null;
    eventBytes = 0;
    return event;
  }

  private StreamTooLargeException tooLarge() {
    return StreamLimits.tooLarge(source, "A server-sent event", "maxEventBytes", maxEventBytes, provider);
  }

  /** Closes the source; the reader cannot be used afterwards. */
  @Override
  public void close() throws IOException {
    source.close();
  }
}
