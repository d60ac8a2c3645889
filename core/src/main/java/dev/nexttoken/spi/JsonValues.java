package dev.nexttoken.spi;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.NumberInput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Scalar reads for hand-written {@link Json.Reader}s, each taking the parser positioned on the value
 * and accepting what databind would: null for a JSON null, scalars coerced as databind coerces them
 * (a number where text is expected becomes its text, a quoted number where a number is expected is
 * parsed). Anything else is a {@link StreamReadException} naming the field, which {@link Json} reports
 * as a malformed response. Field names are not quoted in messages: {@code Json} shortens every long
 * quoted piece of a parser message (it could be an excerpt of the body), which would cut them.
 */
public final class JsonValues {
  private JsonValues() {}

  /** The value as text, or null. */
  public static String text(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != null && t.isScalarValue()) {
      return p.getText();
    }
    throw unexpected(p, field, "text");
  }

  /**
   * {@link #text}, but {@code previous} itself when the string equals it: a stream repeats its id and
   * model in every chunk, and comparing the parser's characters costs less than a new String each time.
   */
  public static String text(JsonParser p, String field, String previous) throws IOException {
    if (previous != null && p.currentToken() == JsonToken.VALUE_STRING && p.getTextLength() == previous.length()) {
      char[] chars = p.getTextCharacters();
      int offset = p.getTextOffset();
      int n = previous.length();
      int i = 0;
      while (i < n && chars[offset + i] == previous.charAt(i)) {
        i++;
      }
      if (i == n) {
        return previous;
      }
    }
    return text(p, field);
  }

  /** The value as a double, or null (also for a blank string, as databind reads it). */
  public static Double number(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText().trim();
      if (text.isEmpty()) {
        return null;
      }
      // Only JSON's own number syntax: Double.valueOf alone would also take "1d" or "0x1p-3".
      if (!NumberInput.looksLikeValidNumber(text)) {
        throw unexpected(p, field, "a number");
      }
      try {
        return Double.valueOf(text);
      } catch (NumberFormatException e) {
        throw unexpected(p, field, "a number");
      }
    }
    throw unexpected(p, field, "a number");
  }

  /**
   * The value as an int, or null (also for a blank string). A number with a fraction is truncated
   * and a quoted integer parsed, as databind does by default.
   */
  public static Integer integer(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = p.getDoubleValue();
      if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
        return (int) value;
      }
      throw unexpected(p, field, "an integer");
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText().trim();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return Integer.valueOf(text);
      } catch (NumberFormatException e) {
        throw unexpected(p, field, "an integer");
      }
    }
    throw unexpected(p, field, "an integer");
  }

  /**
   * The value as a double, or {@code ifNull} for a JSON null: the unboxed form of
   * {@link #number(JsonParser, String)} for values read by the hundred per response.
   */
  public static double number(JsonParser p, String field, double ifNull) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    Double value = number(p, field);
    return value == null ? ifNull : value;
  }

  /**
   * A JSON array of byte values (0–255, or −128–127 as databind also accepts) as a {@code byte[]}, or
   * null. A tight loop, read for every token and every alternative of a logprobs answer: the values
   * are collected in {@code scratch} (a caller's reusable buffer, grown when too small) and copied
   * once into an array of the exact length.
   *
   * @return the bytes, never {@code scratch} itself
   */
  public static byte[] bytes(JsonParser p, String field, Scratch scratch) throws IOException {
    int n = readBytes(p, field, scratch);
    return n < 0 ? base64OrNull(p, field, n) : Arrays.copyOf(scratch.buffer, n);
  }

  /**
   * {@link #bytes}, into an array the scratch hands out again on its next call for the same length:
   * only for a value that is copied before anything else is read with this scratch (the neutral token
   * records clone the bytes they are given, so a fresh array per value was allocated twice).
   */
  public static byte[] bytesToCopy(JsonParser p, String field, Scratch scratch) throws IOException {
    int n = readBytes(p, field, scratch);
    if (n < 0) {
      return base64OrNull(p, field, n);
    }
    if (n >= scratch.exact.length) {
      return Arrays.copyOf(scratch.buffer, n);
    }
    byte[] out = scratch.exact[n];
    if (out == null) {
      out = scratch.exact[n] = new byte[n];
    }
    System.arraycopy(scratch.buffer, 0, out, 0, n);
    return out;
  }

  private static final int NULL_BYTES = -1;
  private static final int BASE64_BYTES = -2;

  /** Reads an array of byte values into the scratch, returning how many; or NULL_BYTES, BASE64_BYTES. */
  private static int readBytes(JsonParser p, String field, Scratch scratch) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return NULL_BYTES;
    }
    if (t == JsonToken.VALUE_STRING) {
      return BASE64_BYTES; // databind reads a string into a byte[] as base64
    }
    if (t != JsonToken.START_ARRAY) {
      throw unexpected(p, field, "an array of byte values");
    }
    byte[] buffer = scratch.buffer;
    int n = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      int value = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : byteValue(p, field);
      if (value < -128 || value > 255) {
        throw new JsonParseException(p, field + " holds " + value + ", which is not a byte value");
      }
      if (n == buffer.length) {
        buffer = scratch.buffer = Arrays.copyOf(buffer, n * 2);
      }
      buffer[n++] = (byte) value;
    }
    return n;
  }

  private static byte[] base64OrNull(JsonParser p, String field, int kind) throws IOException {
    return kind == NULL_BYTES ? null : base64(p, field);
  }

  /** An element of a bytes array other than a plain integer: a whole float or a quoted integer, as databind coerces. */
  private static int byteValue(JsonParser p, String field) throws IOException {
    Integer value = p.currentToken() == JsonToken.VALUE_NULL ? null : integer(p, field);
    if (value == null) {
      throw unexpected(p, field, "an array of byte values");
    }
    return value;
  }

  private static byte[] base64(JsonParser p, String field) throws IOException {
    try {
      return Base64.getDecoder().decode(p.getText().trim());
    } catch (IllegalArgumentException e) {
      throw unexpected(p, field, "an array of byte values or base64 text");
    }
  }

  /** A reusable buffer for {@link #bytes}; one per reader, not thread-safe. */
  public static final class Scratch {
    private byte[] buffer = new byte[32];
    /** Arrays of each length below 17 that {@link #bytesToCopy} reuses: most tokens are that short. */
    private final byte[][] exact = new byte[17][];
  }

  /** Fails unless the parser is on the start of an object (or on null, which returns false). */
  public static boolean startObject(JsonParser p, String field) throws IOException {
    return start(p, field, JsonToken.START_OBJECT, "an object");
  }

  /** Fails unless the parser is on the start of an object; for list elements, where a null would shift what follows. */
  public static void requireObject(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(p, field, "an object");
    }
  }

  /**
   * {@link #requireObject} for an element of the array {@code arrayName}, named {@code arrayName[]}
   * in the error. The element's name is built only for the error: readers call this once per
   * logprob entry and alternative, and building it every time cost 270 bytes a token.
   */
  public static void requireElement(JsonParser p, String arrayName) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(p, arrayName + "[]", "an object");
    }
  }

  /**
   * The integer field {@code wanted} of the object the parser is on ({@code usage.*_details}-style
   * objects), skipping its other fields; null when the object is null or lacks the field. The
   * field is named {@code objectName.wanted} in an error.
   */
  public static Integer integerIn(JsonParser p, String objectName, String wanted) throws IOException {
    if (!startObject(p, objectName)) {
      return null;
    }
    Integer value = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals(wanted)) {
        value = integer(p, objectName + "." + field);
      } else {
        p.skipChildren();
      }
    }
    return value;
  }

  /** Fails unless the parser is on the start of an array (or on null, which returns false). */
  public static boolean startArray(JsonParser p, String field) throws IOException {
    return start(p, field, JsonToken.START_ARRAY, "an array");
  }

  private static boolean start(JsonParser p, String field, JsonToken start, String expected) throws IOException {
    JsonToken t = p.currentToken();
    if (t == start) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw unexpected(p, field, expected);
  }

  /** The error for a value of the wrong shape. */
  public static StreamReadException unexpected(JsonParser p, String field, String expected) {
    JsonToken t = p.currentToken();
    return new JsonParseException(p, "expected " + expected + " for " + field + " but found " + (t == null ? "the end of the body" : describe(t)));
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
