package dev.nexttoken.spi;

import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.error.MalformedResponseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event of a streamed response, as {@link HttpTransport#openStream} hands it to a provider's
 * {@link EventMapper}: a server-sent event of a {@code text/event-stream} response, or one line of an
 * {@code application/x-ndjson} response.
 *
 * <p>Provider adapters usually look only at {@link #data()}: OpenAI and llama.cpp send {@code data:} lines
 * only, Cohere v2 also names each event with an {@code event:} line. An NDJSON line (Ollama) becomes an
 * event with the line, without its line break, as its data and a null name and id. The transport ends the
 * stream at the non-JSON sentinel {@code [DONE]} (OpenAI, Cohere) before a mapper sees it; an event built
 * by hand can be checked with {@link #isDone()}.
 *
 * <p>An event read from a stream keeps its data as the UTF-8 bytes that arrived and decodes them to text
 * only when {@link #data()} is first called: {@link Json#read(StreamEvent, Json.Reader, String, String)}
 * parses the bytes directly, which saves a decode and a copy per chunk on long streams. Equality, hash
 * and {@code toString} are those of the three values, as for a record.
 */
public final class StreamEvent {
  private static final String DONE = "[DONE]";
  private static final byte[] DONE_BYTES = DONE.getBytes(StandardCharsets.US_ASCII);
  private static final AsciiPattern ERROR_KEY = new AsciiPattern("\"error\"");

  private final String event;
  private final String id;
  /** The data's UTF-8 bytes when read from a stream (SSE or NDJSON), else null. Never modified. */
  private final byte[] bytes;
  /** The data as text; decoded from {@link #bytes} on first use. */
  private String data;

  /**
   * An event with its data as text.
   *
   * @param event the value of the event's {@code event:} line, or null when it had none (or an empty one)
   * @param data the event's {@code data:} lines joined with {@code \n}; never null, possibly empty
   * @param id the last event id seen on this stream so far (ids persist across events, as in browsers; an
   *     empty {@code id:} line resets it), or null
   */
  public StreamEvent(String event, String data, String id) {
    this.event = event;
    this.data = Objects.requireNonNull(data, "data");
    this.id = id;
    this.bytes = null;
  }

  private StreamEvent(String event, byte[] bytes, String id) {
    this.event = event;
    this.bytes = Objects.requireNonNull(bytes, "data");
    this.id = id;
  }

  /**
   * An event whose data is {@code utf8}, owned by the event from now on (not copied): what the
   * stream readers make, and so what a mapper's fast path ({@link Json.Reader#scan}) reads; an event
   * made from text is read by the parser path.
   */
  public static StreamEvent ofUtf8(String event, byte[] utf8, String id) {
    return new StreamEvent(event, utf8, id);
  }

  /** The value of the event's {@code event:} line, or null. */
  public String event() {
    return event;
  }

  /** The event's {@code data:} lines joined with {@code \n}; never null, possibly empty. */
  public String data() {
    String text = data;
    if (text == null) {
      text = data = new String(bytes, StandardCharsets.UTF_8);
    }
    return text;
  }

  /** The last event id seen on this stream so far, or null. */
  public String id() {
    return id;
  }

  /** True when {@code data} is exactly {@code [DONE]}, the end-of-stream sentinel of OpenAI and Cohere. */
  public boolean isDone() {
    return bytes != null ? Arrays.equals(bytes, DONE_BYTES) : DONE.equals(data);
  }

  /** The data's UTF-8 bytes without a copy, or null for an event built from text; callers must not modify them. */
  byte[] utf8() {
    return bytes;
  }

  /** True when the data contains {@code pattern}: searched in the bytes as they arrived, without decoding them. */
  boolean contains(AsciiPattern pattern) {
    return bytes == null ? data.contains(pattern.text()) : pattern.in(bytes);
  }

  /** True when the data starts with {@code c} (an ASCII character); false for empty data. */
  boolean startsWith(char c) {
    return bytes != null ? bytes.length > 0 && bytes[0] == (byte) c : !data.isEmpty() && data.charAt(0) == c;
  }

  /**
   * True when the data is a JSON object with a non-null top-level {@code "error"} member: how a
   * provider reports a failure in the middle of a stream. Cheap tests first, on the bytes as they
   * arrived (most events are chunks, and only one that mentions "error" is read), then the top level
   * with the streaming parser, nested values skipped: OpenAI Responses' {@code response.completed}
   * says {@code "error": null} inside the whole answer, and a tree of it was 8 times its size. False
   * for data that is not JSON: the mapper says what is wrong with it.
   *
   * <p>The stream checks every event with this, unless its mapper {@link EventMapper#reportsErrorMember()
   * reports the member itself}; such a mapper calls it for the events it drops unread or stops
   * reading part-way.
   */
  public boolean hasTopLevelError() {
    if (!startsWith('{') || !contains(ERROR_KEY)) {
      return false;
    }
    try {
      return Json.read(this, TOP_LEVEL_ERROR, "stream", "a stream event");
    } catch (MalformedResponseException e) {
      return false;
    }
  }

  private static final Json.Reader<Boolean> TOP_LEVEL_ERROR = p -> {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean error = "error".equals(p.currentName());
      if (p.nextToken() != JsonToken.VALUE_NULL && error) {
        return true;
      }
      p.skipChildren();
    }
    return false;
  };

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamEvent e && Objects.equals(event, e.event) && data().equals(e.data()) && Objects.equals(id, e.id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, data(), id);
  }

  @Override
  public String toString() {
    return "StreamEvent[event=" + event + ", data=" + data() + ", id=" + id + "]";
  }
}
