package dev.nexttoken.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.internal.AsyncThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one Jackson setup of the SDK: tolerant reading (unknown fields ignored, as providers add
 * fields all the time), strict writing (nulls omitted, so only what is set is sent).
 *
 * <p>Parse failures become {@link MalformedResponseException}s that say what was expected, never a
 * raw Jackson exception.
 *
 * <p>Hot paths can skip databind entirely: a {@link JsonWritable} request body writes itself, and
 * {@link #read(InputStream, Reader, String, String)} hands a jackson-core parser to a hand-written
 * reader. The databind mapper is then built only when something first needs it (an error body, a
 * rarer response), which keeps its ~200 ms of initialisation and its 500 classes off a cold start.
 */
public final class Json {
  /**
   * Where parsers and generators borrow their buffers. Jackson's default keeps them per thread, which
   * suits a pool of platform threads; a virtual thread lives for one async call or stream, so each
   * of 10,000 streams kept its own ~24 KB of buffers for its whole life (half of a held stream's
   * heap). With virtual threads, one pool they share: a buffer returns to it when its parser closes.
   */
  private static final RecyclerPool<BufferRecycler> BUFFERS =
      AsyncThreads.virtual() ? JsonRecyclerPools.newConcurrentDequePool() : JsonRecyclerPools.threadLocalPool();

  /**
   * jackson-core only: creating it loads no databind class. Numbers go through jackson's bundled
   * FastDoubleParser (same correctly rounded values as {@code Double.parseDouble}, several times
   * faster): a logprobs answer is mostly numbers.
   */
  private static final JsonFactory FACTORY = factory();

  /**
   * No provider answer nests deeper than a dozen levels. Jackson's default limit (1,000) is deep
   * enough for databind's recursive record deserialisers to exhaust a thread's stack first on a
   * hostile body (seen with 1,000 nested objects), which would escape as a StackOverflowError
   * instead of a malformed-response error.
   */
  static final int MAX_NESTING_DEPTH = 200;

  private static JsonFactory factory() {
    return JsonFactory.builder()
        .recyclerPool(BUFFERS)
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
        .build();
  }

  /** Holds the databind mapper, so it is built on first use rather than when {@code Json} loads. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        JsonMapper.builder(factory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
  }

  /**
   * A hand-written reader of one JSON document, for hot paths where databind costs too much. It gets
   * a parser before the first token and returns the value, or null for an empty body; it throws a
   * {@link JacksonException} (e.g. {@link com.fasterxml.jackson.core.exc.StreamReadException}) when the
   * document is not what it expects, which {@code Json} turns into a {@link MalformedResponseException}.
   */
  @FunctionalInterface
  public interface Reader<T> {
    T read(JsonParser parser) throws IOException;

    /**
     * The reader's fast path for a whole document in memory (a stream event, a buffered body), read
     * with a {@link JsonScanner}: the value, or null to leave the document to {@link #read}. It gives
     * up on anything it does not handle by throwing {@link JsonScanner.Unhandled} (any other
     * exception is taken the same way), and the document is read again by {@link #read}: so it must
     * return only what {@link #read} would return for the same bytes. None by default.
     *
     * @param utf8 the document, {@code length} bytes from {@code offset}
     */
    default T scan(byte[] utf8, int offset, int length) {
      return null;
    }
  }

  private Json() {}

  /** The shared mapper; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  /** {@code value} as JSON bytes: written by itself when it is {@link JsonWritable}, else by databind. */
  public static byte[] write(Object value) {
    try {
      if (value instanceof JsonWritable writable) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
          writable.writeJson(generator);
        }
        return out.toByteArray();
      }
      return Mapper.INSTANCE.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads {@code body} with a hand-written {@code reader}, as it arrives.
   *
   * @param what what the body should be, for the error message ("an OpenAI chat completion")
   * @throws MalformedResponseException when the body is not that
   * @throws IOException when reading {@code body} fails (the connection's failure)
   */
  public static <T> T read(InputStream body, Reader<T> reader, String provider, String what) throws IOException {
    return readWith(() -> FACTORY.createParser(body), reader, provider, what);
  }

  /** Same as {@link #read(InputStream, Reader, String, String)} for text. */
  public static <T> T read(String body, Reader<T> reader, String provider, String what) {
    return readInMemory(() -> FACTORY.createParser(body), reader, provider, what);
  }

  /**
   * Same as {@link #read(InputStream, Reader, String, String)} for one stream event's data: parsed from
   * the UTF-8 bytes it arrived as, without decoding them to text first.
   */
  public static <T> T read(StreamEvent event, Reader<T> reader, String provider, String what) {
    byte[] utf8 = event.utf8();
    if (utf8 == null) {
      return read(event.data(), reader, provider, what);
    }
    T scanned = scan(reader, utf8);
    if (scanned != null) {
      return scanned;
    }
    try {
      return readInMemory(() -> FACTORY.createParser(utf8), reader, provider, what);
    } catch (MalformedResponseException e) {
      // jackson's byte parser rejects invalid UTF-8, which decoding to text turns into U+FFFD (as
      // streams were always read): a stray byte must not end a stream. A body that is malformed as
      // text too fails here again, with the same kind of error.
      return read(event.data(), reader, provider, what);
    }
  }

  /**
   * Reads {@code utf8}, a whole body in memory, with a hand-written {@code reader}: its
   * {@link Reader#scan fast path} first, else jackson-core.
   *
   * @throws MalformedResponseException when the body is not {@code what}
   */
  public static <T> T read(byte[] utf8, Reader<T> reader, String provider, String what) {
    T scanned = scan(reader, utf8);
    if (scanned != null) {
      return scanned;
    }
    return readInMemory(() -> FACTORY.createParser(utf8), reader, provider, what);
  }

  /** The reader's fast path, or null when it has none or gave up (the bytes are then read by jackson-core). */
  private static <T> T scan(Reader<T> reader, byte[] utf8) {
    try {
      return reader.scan(utf8, 0, utf8.length);
    } catch (RuntimeException e) {
      // JsonScanner.Unhandled, or a value the fast path could not take (a record's check): either
      // way the jackson-core path reads the same bytes and reports what is wrong in its own words.
      return null;
    }
  }

  /** Opens a jackson-core parser over some input. */
  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  private static <T> T readWith(ParserSource source, Reader<T> reader, String provider, String what) throws IOException {
    return parse(() -> {
      try (JsonParser parser = source.open()) {
        return reader.read(parser);
      }
    }, provider, what);
  }

  /** {@link #readWith} for input already in memory, where any IOException is the content's fault. */
  private static <T> T readInMemory(ParserSource source, Reader<T> reader, String provider, String what) {
    try {
      return readWith(source, reader, provider, what);
    } catch (IOException e) {
      throw malformed(provider, what, shortenQuotes(String.valueOf(e.getMessage())), sanitized(e));
    }
  }

  /**
   * Reads {@code body} as {@code type}.
   *
   * @param what what the body should be, for the error message ("an OpenAI chat completion")
   * @throws MalformedResponseException when the body is not that
   */
  public static <T> T read(byte[] body, Class<T> type, String provider, String what) {
    try {
      return parse(() -> Mapper.INSTANCE.readValue(body, type), provider, what);
    } catch (IOException e) {
      throw malformed(provider, what, shortenQuotes(String.valueOf(e.getMessage())), sanitized(e));
    }
  }

  /** Same as {@link #read(byte[], Class, String, String)} for text. */
  public static <T> T read(String body, Class<T> type, String provider, String what) {
    try {
      return parse(() -> Mapper.INSTANCE.readValue(body, type), provider, what);
    } catch (IOException e) {
      throw malformed(provider, what, shortenQuotes(String.valueOf(e.getMessage())), sanitized(e));
    }
  }

  /**
   * Same as {@link #read(byte[], Class, String, String)} for a body read as it arrives, without a
   * copy of it in memory first.
   *
   * @throws MalformedResponseException when the body is not {@code what}
   * @throws IOException when reading {@code body} fails (the connection's failure, for the caller to
   *     report as such)
   */
  public static <T> T read(InputStream body, Class<T> type, String provider, String what) throws IOException {
    return parse(() -> {
      try {
        return Mapper.INSTANCE.readValue(body, type);
      } catch (JacksonException e) {
        // Databind wraps a failed read (timeout, connection cut) in its own exception: that is the
        // connection's failure, not a malformed body, and must stay typed as such.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
          if (cause instanceof IOException io && !(cause instanceof JacksonException)) {
            throw io;
          }
        }
        throw e;
      }
    }, provider, what);
  }

  /** One parse attempt of the body, whatever its form. */
  private interface Parse<T> {
    T run() throws IOException;
  }

  /** The part every {@code read} shares: a null body and a parse failure become malformed-response errors. */
  private static <T> T parse(Parse<T> parse, String provider, String what) throws IOException {
    try {
      T value = parse.run();
      if (value == null) {
        throw malformed(provider, what, "the body is empty or null", null);
      }
      return value;
    } catch (JacksonException e) {
      throw malformed(provider, what, describe(e), sanitized(e));
    }
  }

  /** Reads {@code body} as a tree, or returns null when it is not JSON. */
  public static JsonNode readTreeOrNull(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return Mapper.INSTANCE.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Jackson quotes pieces of the body in its messages; a body that echoes the API key (a proxy's
   * debug page, a mistyped field) would put the key into our exception. Json cannot know the key,
   * so every long quoted piece is cut to its first 8 characters: keys are always longer.
   */
  static String shortenQuotes(String message) {
    java.util.regex.Matcher m = QUOTED.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String quote = m.group(1) != null ? "'" : "\"";
      String inner = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(quote + inner.substring(0, 8) + "…" + quote));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A stand-in for a parser exception to keep as the cause: same class name and stack trace, but the
   * shortened message. Jackson's own message quotes the body at length, and a cause's message is
   * printed with every stack trace, so the original must not travel with our exception.
   */
  static Exception sanitized(Exception e) {
    String message = e instanceof JacksonException j ? describe(j) : shortenQuotes(String.valueOf(e.getMessage()));
    Exception copy = new IOException(e.getClass().getName() + ": " + message);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static MalformedResponseException malformed(String provider, String what, String why, Throwable cause) {
    return new MalformedResponseException(
        provider + ": expected " + what + " but could not read the response: " + why, ErrorDetails.of(provider), cause);
  }

  /** A quoted excerpt of the body in a Jackson message ({@code token 'abc…'}, {@code from String "abc…"}). */
  private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']{13,})'|\"([^\"]{13,})\"");

  private static String describe(JacksonException e) {
    // Jackson's own message includes a source excerpt; the original message without it is enough.
    String message = shortenQuotes(String.valueOf(e.getOriginalMessage()));
    var location = e.getLocation();
    return location == null ? message : message + " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
