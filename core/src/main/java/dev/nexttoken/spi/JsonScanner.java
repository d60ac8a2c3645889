package dev.nexttoken.spi;

import com.fasterxml.jackson.core.io.NumberInput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward-only scanner over one JSON document held in memory as UTF-8 bytes: what a
 * {@link Json.Reader}'s fast path ({@link Json.Reader#scan}) reads a stream event or a buffered body
 * with.
 *
 * <p>Why: on the hot paths (every stream chunk, a chat answer's hundreds of logprob entries)
 * jackson-core's general tokenizer was most of the client's CPU, 60% of a stream chunk in issue 20's
 * profiles: a state machine and a text buffer per token, numbers copied to chars before they are
 * converted, a symbol table for every field name. This scanner compares field names as bytes where
 * they lie, converts the numbers a logprobs answer is made of straight from the bytes, and decodes a
 * string once.
 *
 * <p>Strict by design, so it needs no error messages of its own: it accepts plain JSON only, in the
 * shapes its caller asks for. Anything else (a value of another type, an escape in a field name,
 * invalid or unusual UTF-8, a number it cannot convert exactly, invalid syntax, nesting deeper than
 * {@link Json#MAX_NESTING_DEPTH}) throws {@link Unhandled}, and {@link Json} then reads the same
 * bytes with the reader's jackson-core path, which accepts them (coercing as readers do) or rejects
 * them with its message. What the scanner accepts, jackson-core accepts with the same values; it
 * never decides that a document is malformed.
 *
 * <p>Objects and arrays are walked with {@link #beginObject()} / {@link #nextField()} and
 * {@link #beginArray()} / {@link #nextElement()}; each {@code begin} that returns true must be
 * followed by its {@code next} call before any other value is read. Not thread-safe.
 */
public final class JsonScanner {
  /** Thrown when the scanner meets something it leaves to jackson-core; carries no stack trace. */
  public static final class Unhandled extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unhandled INSTANCE = new Unhandled();

    private Unhandled() {
      super("left to jackson-core", null, false, false);
    }
  }

  /**
   * Longer numbers, names and strings are left to jackson-core, whose limits (StreamReadConstraints:
   * 1,000 digits, 50,000 bytes of a name, 20 MB of a string) then apply as before; far below them,
   * so no value the scanner takes comes near one.
   */
  private static final int MAX_NUMBER_LENGTH = 100;
  private static final int MAX_NAME_LENGTH = 1_000;
  private static final int MAX_STRING_LENGTH = 1_000_000;
  /** Byte arrays of each length below this are reused by {@link #bytesToCopy}. */
  private static final int REUSED_LENGTHS = 17;
  /** Powers of ten a double holds exactly: the range of the exact conversion in {@link #number}. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private final byte[] in;
  private final int end;
  private int pos;
  /** A begin just consumed its bracket: the next next* call reads the first member, with no comma. */
  private boolean justOpened;
  private int nameStart;
  private int nameLength;
  /** The current name holds an escape: only {@link #fieldName()} reads it. */
  private boolean nameEscaped;
  private final Scratch scratch;

  /**
   * Buffers a reader keeps from one document to the next (a stream's events): the values of a bytes
   * array, the arrays {@link #bytesToCopy} hands out, a long number's characters. One per reader,
   * not thread-safe; a scanner without one makes its own.
   */
  public static final class Scratch {
    private byte[] byteValues = new byte[32];
    private final byte[][][] reused = new byte[2][REUSED_LENGTHS][];
    private char[] numberChars = new char[32];
  }

  /** A scanner over {@code length} bytes of {@code in} from {@code offset}. */
  public JsonScanner(byte[] in, int offset, int length) {
    this(in, offset, length, new Scratch());
  }

  /** A scanner over {@code length} bytes of {@code in} from {@code offset}, using a reader's {@code scratch}. */
  public JsonScanner(byte[] in, int offset, int length, Scratch scratch) {
    this.in = in;
    this.pos = offset;
    this.end = offset + length;
    this.scratch = scratch;
  }

  private static Unhandled unhandled() {
    return Unhandled.INSTANCE;
  }

  /** What a fast path throws to leave the document to jackson-core, for a shape the scanner reads but the path does not handle. */
  public static Unhandled giveUp() {
    return Unhandled.INSTANCE;
  }

  /** The next byte that is not whitespace, not consumed. */
  private int peek() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
      pos++;
    }
    throw unhandled();
  }

  /** Consumes {@code null} if it is the next value. */
  public boolean nextIsNull() {
    if (peek() != 'n') {
      return false;
    }
    literal(NULL);
    return true;
  }

  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private void literal(byte[] word) {
    if (end - pos < word.length || !Arrays.equals(in, pos, pos + word.length, word, 0, word.length)) {
      throw unhandled();
    }
    pos += word.length;
  }

  /** Consumes the {@code {} of an object: true; false for null; anything else is unhandled. */
  public boolean beginObject() {
    return begin('{');
  }

  /** Consumes the {@code [} of an array: true; false for null; anything else is unhandled. */
  public boolean beginArray() {
    return begin('[');
  }

  private boolean begin(char bracket) {
    int b = peek();
    if (b == bracket) {
      pos++;
      justOpened = true;
      return true;
    }
    if (b == 'n') {
      literal(NULL);
      return false;
    }
    throw unhandled();
  }

  /**
   * Moves to the object's next field, whose value is then read (or {@link #skipValue skipped}): true
   * with its name ready for {@link #nameIs}; false at the object's end, which is consumed.
   */
  public boolean nextField() {
    int b = peek();
    if (justOpened) {
      justOpened = false;
    } else if (b == ',') {
      pos++;
      b = peek();
      if (b != '"') {
        throw unhandled(); // a trailing comma
      }
    } else if (b == '}') {
      pos++;
      return false;
    } else {
      throw unhandled();
    }
    if (b == '}') {
      pos++;
      return false;
    }
    if (b != '"') {
      throw unhandled();
    }
    int start = pos;
    skipString(); // checked as jackson-core checks it, even where no reader asks for the name
    if (pos - start - 2 > MAX_NAME_LENGTH) {
      throw unhandled();
    }
    nameStart = start + 1;
    nameLength = pos - start - 2;
    nameEscaped = false;
    for (int i = nameStart; i < nameStart + nameLength; i++) {
      if (in[i] == '\\') {
        nameEscaped = true;
        break;
      }
    }
    if (peek() != ':') {
      throw unhandled();
    }
    pos++;
    return true;
  }

  /**
   * Whether the current field's name is {@code name} (ASCII bytes). A name written with escapes is
   * unhandled: it may spell one of the names asked for ({@code "\\u0069d"} is {@code id}).
   */
  public boolean nameIs(byte[] name) {
    if (nameEscaped) {
      throw unhandled();
    }
    if (nameLength != name.length) {
      return false;
    }
    // A plain loop: names are a few bytes, where Arrays.equals' vectorized compare costs more to set up (7% of a chunk).
    for (int i = 0; i < name.length; i++) {
      if (in[nameStart + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** The current field's name as text: for objects whose names are data (a map of tokens to logprobs). */
  public String fieldName() {
    if (!nameEscaped) {
      int from = nameStart;
      int to = nameStart + nameLength;
      for (int i = from; i < to; i++) {
        if (in[i] < 0) {
          return utf8(from, to);
        }
      }
      return new String(in, from, nameLength, StandardCharsets.ISO_8859_1);
    }
    int resume = pos;
    pos = nameStart;
    String name = escaped(nameStart); // reads on to the name's closing quote
    pos = resume;
    return name;
  }

  /** Moves to the array's next element: true when there is one to read; false at the end, which is consumed. */
  public boolean nextElement() {
    int b = peek();
    if (justOpened) {
      justOpened = false;
      if (b == ']') {
        pos++;
        return false;
      }
      return true;
    }
    if (b == ',') {
      pos++;
      if (peek() == ']') {
        throw unhandled(); // a trailing comma
      }
      return true;
    }
    if (b == ']') {
      pos++;
      return false;
    }
    throw unhandled();
  }

  /** Text, or null; any other value is unhandled. */
  public String string() {
    return string(null);
  }

  /**
   * {@link #string()}, but {@code previous} itself when the text equals it: a stream repeats its id
   * and model in every event, and comparing bytes costs less than a new String each time.
   */
  public String string(String previous) {
    int b = peek();
    if (b == 'n') {
      literal(NULL);
      return null;
    }
    if (b != '"') {
      throw unhandled();
    }
    int start = ++pos;
    boolean ascii = true;
    while (true) {
      if (pos >= end) {
        throw unhandled();
      }
      byte c = in[pos];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        return escaped(start);
      }
      if (c < 0) {
        ascii = false;
      } else if (c < 0x20) {
        throw unhandled(); // a raw control character, which JSON forbids
      }
      pos++;
    }
    int length = pos - start;
    if (length > MAX_STRING_LENGTH) {
      throw unhandled();
    }
    pos++;
    if (ascii) {
      if (previous != null && sameAscii(start, length, previous)) {
        return previous;
      }
      return new String(in, start, length, StandardCharsets.ISO_8859_1);
    }
    return utf8(start, start + length);
  }

  private boolean sameAscii(int start, int length, String text) {
    if (text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (in[start + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The rest of a string that holds escapes, from {@code start} (its first byte); pos is on a backslash. */
  private String escaped(int start) {
    StringBuilder out = new StringBuilder(pos - start + 16);
    int segment = start;
    while (true) {
      if (pos >= end) {
        throw unhandled();
      }
      byte c = in[pos];
      if (c == '"') {
        if (pos - start > MAX_STRING_LENGTH) {
          throw unhandled();
        }
        out.append(utf8(segment, pos));
        pos++;
        return out.toString();
      }
      if (c == '\\') {
        out.append(utf8(segment, pos));
        if (end - pos < 2) {
          throw unhandled();
        }
        byte e = in[pos + 1];
        pos += 2;
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) hex4()); // a lone surrogate is kept as it is, as jackson-core keeps it
          }
          default -> throw unhandled();
        }
        segment = pos;
        continue;
      }
      if (c >= 0 && c < 0x20) {
        throw unhandled();
      }
      pos++;
    }
  }

  private int hex4() {
    if (end - pos < 4) {
      throw unhandled();
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int c = in[pos++];
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        throw unhandled();
      }
      value = value << 4 | digit;
    }
    return value;
  }

  /**
   * The bytes {@code from..to} as text when they are well-formed UTF-8 (RFC 3629: no overlong form,
   * no surrogate, nothing past U+10FFFF); else unhandled, and jackson-core decides, as it does now.
   */
  private String utf8(int from, int to) {
    checkUtf8(from, to);
    return new String(in, from, to - from, StandardCharsets.UTF_8);
  }

  private void checkUtf8(int from, int to) {
    for (int i = from; i < to; ) {
      int b = in[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int extra;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        extra = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        extra = 2;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        extra = 3;
        min = 0x10000;
      } else {
        throw unhandled();
      }
      if (to - i <= extra) {
        throw unhandled();
      }
      int code = b & (0x3F >> extra);
      for (int k = 1; k <= extra; k++) {
        int c = in[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          throw unhandled();
        }
        code = code << 6 | (c & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        throw unhandled();
      }
      i += extra + 1;
    }
  }

  /** Skips a string, checking it as {@link #string()} reads it, without decoding it. */
  private void skipString() {
    int start = ++pos; // past the opening quote
    boolean ascii = true;
    while (true) {
      if (pos >= end) {
        throw unhandled();
      }
      byte c = in[pos];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (end - pos < 2) {
          throw unhandled();
        }
        byte e = in[pos + 1];
        pos += 2;
        if (e == 'u') {
          hex4();
        } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
          throw unhandled();
        }
        continue;
      }
      if (c < 0) {
        ascii = false;
      } else if (c < 0x20) {
        throw unhandled();
      }
      pos++;
    }
    if (!ascii) {
      checkUtf8(start, pos); // an escape is ASCII, so it never passes for part of a sequence
    }
    if (pos - start > MAX_STRING_LENGTH) {
      throw unhandled();
    }
    pos++;
  }

  /**
   * A number as a double, or {@code ifNull} for null; anything else is unhandled. Exact: up to 15
   * significant digits and a power of ten up to 22 are converted directly (both are exact doubles,
   * so the one division or product rounds correctly), longer ones by jackson-core's own
   * correctly rounded parser; either way the value {@code Double.parseDouble} gives.
   */
  public double number(double ifNull) {
    int b = peek();
    if (b == 'n') {
      literal(NULL);
      return ifNull;
    }
    int start = pos;
    boolean negative = b == '-';
    if (negative) {
      pos++;
    }
    long significand = 0;
    int digits = 0; // significant digits in the significand (leading zeros are not)
    int scale = 0; // the power of ten the significand is multiplied by
    if (pos >= end) {
      throw unhandled();
    }
    int c = in[pos];
    if (c == '0') {
      pos++;
    } else if (c >= '1' && c <= '9') {
      while (pos < end && (c = in[pos]) >= '0' && c <= '9') {
        if (digits < 18) {
          significand = significand * 10 + (c - '0');
          digits++;
        } else {
          scale++;
          digits++;
        }
        pos++;
      }
    } else {
      throw unhandled();
    }
    boolean integer = true; // no fraction, no exponent: jackson-core reads an integer, so -0 is 0
    if (pos < end && in[pos] == '.') {
      integer = false;
      pos++;
      int first = pos;
      while (pos < end && (c = in[pos]) >= '0' && c <= '9') {
        if (digits < 18) {
          significand = significand * 10 + (c - '0');
          scale--;
          if (significand != 0) {
            digits++;
          }
        } else {
          digits++;
        }
        pos++;
      }
      if (pos == first) {
        throw unhandled();
      }
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      integer = false;
      pos++;
      boolean negativeExponent = false;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        negativeExponent = in[pos] == '-';
        pos++;
      }
      int first = pos;
      int exponent = 0;
      while (pos < end && (c = in[pos]) >= '0' && c <= '9') {
        if (exponent < 100_000) {
          exponent = exponent * 10 + (c - '0');
        }
        pos++;
      }
      if (pos == first) {
        throw unhandled();
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw unhandled();
    }
    if (significand == 0 && digits == 0) {
      return negative && !integer ? -0.0 : 0.0;
    }
    if (digits <= 15 && scale >= -22 && scale <= 22) {
      double value = scale < 0 ? significand / POWERS_OF_TEN[-scale] : significand * POWERS_OF_TEN[scale];
      return negative ? -value : value;
    }
    return slowNumber(start, pos - start);
  }

  private double slowNumber(int start, int length) {
    if (scratch.numberChars.length < length) {
      scratch.numberChars = new char[length];
    }
    char[] chars = scratch.numberChars;
    for (int i = 0; i < length; i++) {
      chars[i] = (char) in[start + i];
    }
    return NumberInput.parseDouble(chars, 0, length, true);
  }

  /** An integer that fits an int, or null; a fraction, an exponent or anything else is unhandled. */
  public Integer integer() {
    if (nextIsNull()) {
      return null;
    }
    return intValue(10);
  }

  /** A plain integer literal of at most {@code maxDigits} digits (at most 10: it must fit an int). */
  private int intValue(int maxDigits) {
    int b = peek();
    boolean negative = b == '-';
    if (negative) {
      pos++;
    }
    int first = pos;
    long value = 0;
    int c;
    while (pos < end && (c = in[pos]) >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      pos++;
      if (pos - first > maxDigits) {
        throw unhandled();
      }
    }
    int length = pos - first;
    if (length == 0 || (length > 1 && in[first] == '0')) {
      throw unhandled(); // no digits, or a leading zero (which JSON forbids)
    }
    if (pos < end && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E')) {
      throw unhandled(); // a float: jackson-core's coercion decides
    }
    value = negative ? -value : value;
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw unhandled();
    }
    return (int) value;
  }

  /**
   * An array of byte values (0–255, or −128–127) in an array handed out again by the next call with
   * the same {@code slot} and length, by this scanner or another with the same scratch: only for a value copied before that (the neutral token records
   * clone the bytes they are given). Null for null; anything else (base64 text, other numbers) is unhandled.
   *
   * @param slot 0 or 1: two values can be held at once (a token's bytes while its alternatives' are read)
   */
  public byte[] bytesToCopy(int slot) {
    if (!beginArray()) {
      return null;
    }
    byte[] values = scratch.byteValues;
    int n = 0;
    while (nextElement()) {
      int value = intValue(3);
      if (value < -128 || value > 255) {
        throw unhandled();
      }
      if (n == values.length) {
        values = scratch.byteValues = Arrays.copyOf(values, n * 2);
      }
      values[n++] = (byte) value;
    }
    if (n >= REUSED_LENGTHS) {
      return Arrays.copyOf(values, n);
    }
    byte[][] reused = scratch.reused[slot];
    byte[] out = reused[n];
    if (out == null) {
      out = reused[n] = new byte[n];
    }
    System.arraycopy(values, 0, out, 0, n);
    return out;
  }

  /** Skips the next value, whatever it is, checking its syntax as jackson-core would. */
  public void skipValue() {
    skipValue(0);
  }

  private void skipValue(int depth) {
    int b = peek();
    switch (b) {
      case '{' -> {
        if (depth >= Json.MAX_NESTING_DEPTH) {
          throw unhandled();
        }
        beginObject();
        while (nextField()) {
          skipValue(depth + 1);
        }
      }
      case '[' -> {
        if (depth >= Json.MAX_NESTING_DEPTH) {
          throw unhandled();
        }
        beginArray();
        while (nextElement()) {
          skipValue(depth + 1);
        }
      }
      case '"' -> skipString();
      case 'n' -> literal(NULL);
      case 't' -> literal(TRUE);
      case 'f' -> literal(FALSE);
      default -> skipNumber();
    }
  }

  /**
   * Skips a number, checking it as {@link #number} reads it, without converting it: a skipped
   * value is most often a long run of logprobs (a Responses stream's closing event repeats every
   * one), and converting each was most of the cost of passing over them.
   */
  private void skipNumber() {
    int start = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw unhandled();
    }
    int c = in[pos];
    if (c == '0') {
      pos++;
    } else if (c >= '1' && c <= '9') {
      skipDigits();
    } else {
      throw unhandled();
    }
    if (pos < end && in[pos] == '.') {
      pos++;
      if (skipDigits() == 0) {
        throw unhandled();
      }
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      pos++;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      if (skipDigits() == 0) {
        throw unhandled();
      }
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw unhandled();
    }
  }

  /** Moves past a run of digits; how many there were. */
  private int skipDigits() {
    int first = pos;
    int c;
    while (pos < end && (c = in[pos]) >= '0' && c <= '9') {
      pos++;
    }
    return pos - first;
  }

  /**
   * The integer field {@code wanted} of the object that is the next value, as
   * {@code JsonValues.integerIn} reads it: null for a null object or when the field is not there,
   * the last one when it is there twice; every other field skipped.
   */
  public Integer integerIn(byte[] wanted) {
    if (!beginObject()) {
      return null;
    }
    Integer value = null;
    while (nextField()) {
      if (nameIs(wanted)) {
        value = integer();
      } else {
        skipValue();
      }
    }
    return value;
  }

  /** Checks that nothing but whitespace follows the document. */
  public void finish() {
    while (pos < end) {
      byte b = in[pos++];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        throw unhandled();
      }
    }
  }
}
