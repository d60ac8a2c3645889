package dev.nexttoken.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner on its own: it reads values exactly as jackson-core does, and leaves everything else
 * to jackson-core (Unhandled) rather than deciding it is wrong.
 */
class JsonScannerTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  private static JsonScanner scanner(String json) {
    byte[] bytes = json.getBytes(UTF_8);
    return new JsonScanner(bytes, 0, bytes.length);
  }

  /** What jackson-core reads for a lone number (as our readers read it: getDoubleValue). */
  private static double jacksonNumber(String json) throws IOException {
    try (JsonParser p = JACKSON.createParser(json)) {
      p.nextToken();
      return p.getDoubleValue();
    }
  }

  private static double scannedNumber(String json) {
    JsonScanner s = scanner(json);
    double value = s.number(Double.NaN);
    s.finish();
    return value;
  }

  @Test
  void numbersAreTheValuesJacksonReadsBitForBit() throws IOException {
    Random random = new Random(20);
    for (int i = 0; i < 20_000; i++) {
      double v = switch (i % 4) {
        case 0 -> -random.nextDouble() * 20; // logprobs
        case 1 -> -Math.exp(-random.nextDouble() * 40); // tiny logprobs, printed with exponents
        case 2 -> Math.round(random.nextDouble() * 1e6) / -1e6; // six decimals, as servers round them
        default -> Double.longBitsToDouble(random.nextLong()); // anything
      };
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      for (String text : new String[] {Double.toString(v), String.format(Locale.ROOT, "%.8g", v), String.format(Locale.ROOT, "%.17e", v),
          String.format(Locale.ROOT, "%.6f", v)}) {
        text = text.replace("E", "e");
        if (text.length() > 100) { // past the scanner's limit: jackson-core's length limits decide
          String tooLong = text;
          assertThrows(JsonScanner.Unhandled.class, () -> scannedNumber(tooLong), text);
          continue;
        }
        assertEquals(Double.doubleToRawLongBits(jacksonNumber(text)), Double.doubleToRawLongBits(scannedNumber(text)), text);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "-0.0", "0.0", "-0e0", "0E+5", "-5", "12345678901234567890", "-9999", "1e22", "1e23", "1.5e-300",
      "4.9e-324", "1.7976931348623157e308", "-0.31725305", "-1.0280384e-06", "-1.9361264946837764e-07", "0.1", "123456789012345.6",
      "2.2250738585072014E-308", "-12.000000000000000000001"})
  void edgeNumbersAreTheValuesJacksonReads(String text) throws IOException {
    assertEquals(Double.doubleToRawLongBits(jacksonNumber(text)), Double.doubleToRawLongBits(scannedNumber(text)), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "-", "1.", ".5", "+1", "1e", "1e+", "NaN", "Infinity", "-Infinity", "0x10", "1.5.2", "\"1\"", "true", "[1]"})
  void whatIsNotAJsonNumberIsLeftToJackson(String text) {
    assertThrows(JsonScanner.Unhandled.class, () -> scannedNumber(text));
  }

  /** A number skipped is checked as one read: the same texts pass (to the same end) and the same are left to jackson-core. */
  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "-0.0", "0E+5", "-5", "12345678901234567890", "1.5e-300", "-0.31725305", "-1.0280384e-06",
      "-12.000000000000000000001", "01", "-", "1.", "+1", "1e", "1e+", "-Infinity", "0x10", "1.5.2", "1-", "00", "-01", "1e5.5", "2e-",
      "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890.5"})
  void aSkippedNumberIsCheckedAsARead(String text) {
    boolean read = accepts(() -> scannedNumber(text));
    boolean skipped = accepts(() -> {
      JsonScanner s = scanner(text);
      s.skipValue();
      s.finish();
    });
    assertEquals(read, skipped, text);
    assertEquals(read, accepts(() -> {
      JsonScanner s = scanner("[" + text + ",7]");
      s.skipValue();
      s.finish();
    }), text + " in an array");
  }

  private static boolean accepts(Runnable scan) {
    try {
      scan.run();
      return true;
    } catch (JsonScanner.Unhandled e) {
      return false;
    }
  }

  @Test
  void nullIsTheCallersDefault() {
    assertEquals(-7.0, scanner("null").number(-7.0));
    assertNull(scanner("null").string());
    assertNull(scanner("null").integer());
    assertNull(scanner("null").bytesToCopy(0));
    assertFalse(scanner("null").beginObject());
    assertFalse(scanner(" null").beginArray());
  }

  /** What jackson-core reads for a lone string. */
  private static String jacksonString(byte[] json) throws IOException {
    try (JsonParser p = JACKSON.createParser(json)) {
      assertEquals(JsonToken.VALUE_STRING, p.nextToken());
      return p.getText();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\"", "\"Paris\"", "\" le\"", "\"caf\u00e9\"", "\"\u4e16\u754c\"", "\"\ud83d\ude00 ok\"", "\"a\\\"b\\\\c\\/d\"",
      "\"\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4E16\"", "\"\\ud83d\\ude00\"", "\"\\ud83d alone\"", "\"mixed \u00e9 and \\n escapes \u4e16\""})
  void stringsAreTheTextJacksonReads(String json) throws IOException {
    byte[] bytes = json.getBytes(UTF_8);
    JsonScanner s = new JsonScanner(bytes, 0, bytes.length);
    assertEquals(jacksonString(bytes), s.string());
    s.finish();
  }

  @Test
  void stringsThatAreNotPlainWellFormedJsonAreLeftToJackson() {
    byte[][] cases = {
        {'"', 'a'}, // unterminated
        {'"', 0x01, '"'}, // a raw control character
        {'"', '\\', 'x', '"'}, // an unknown escape
        {'"', '\\', 'u', '1', '2', '"'}, // a short \\u escape
        {'"', (byte) 0xC3, '"'}, // a truncated sequence
        {'"', (byte) 0xC0, (byte) 0x80, '"'}, // an overlong NUL
        {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate
        {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}, // past U+10FFFF
        {'"', (byte) 0xFF, '"'}, // never UTF-8
    };
    for (byte[] json : cases) {
      assertThrows(JsonScanner.Unhandled.class, () -> new JsonScanner(json, 0, json.length).string(), () -> new String(json, UTF_8));
      // skipping checks the same way
      assertThrows(JsonScanner.Unhandled.class, () -> new JsonScanner(json, 0, json.length).skipValue(), () -> new String(json, UTF_8));
    }
  }

  @Test
  void aRepeatedStringIsTheSameInstance() {
    String previous = new String("chatcmpl-1".toCharArray());
    assertSame(previous, scanner("\"chatcmpl-1\"").string(previous));
    assertEquals("chatcmpl-2", scanner("\"chatcmpl-2\"").string(previous));
    assertEquals("chatcmpl-1x", scanner("\"chatcmpl-1x\"").string(previous));
  }

  @Test
  void objectsAndArraysAreWalkedMemberByMember() {
    JsonScanner s = scanner(" { \"a\" : [1, -2 ,3] , \"bytes\":[80,97,255,-128], \"skip\": {\"x\":[{},[],\"\\u00e9\",true,false,null,1.5e3]}, \"e\":{}, \"f\":[] } ");
    assertTrue(s.beginObject());
    assertTrue(s.nextField());
    assertTrue(s.nameIs("a".getBytes(UTF_8)));
    assertTrue(s.beginArray());
    int sum = 0;
    while (s.nextElement()) {
      sum += s.integer();
    }
    assertEquals(2, sum);
    assertTrue(s.nextField());
    assertTrue(s.nameIs("bytes".getBytes(UTF_8)));
    assertFalse(s.nameIs("byte".getBytes(UTF_8)));
    assertArrayEquals(new byte[] {80, 97, (byte) 255, -128}, s.bytesToCopy(0));
    assertTrue(s.nextField());
    s.skipValue();
    assertTrue(s.nextField());
    assertTrue(s.beginObject());
    assertFalse(s.nextField());
    assertTrue(s.nextField());
    assertTrue(s.beginArray());
    assertFalse(s.nextElement());
    assertFalse(s.nextField());
    s.finish();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1,}", "[1,]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1 2]", "{a:1}", "{\"\\x61\":1}", "{\"a\":1}x",
      "{\"a\":1", "[300]", "[1.0]", "[\"1\"]", "{\"a\":nul}", "{\"a\":tru}"})
  void malformedOrUnusualDocumentsAreLeftToJackson(String json) {
    assertThrows(JsonScanner.Unhandled.class, () -> {
      JsonScanner s = scanner(json);
      if (json.startsWith("[")) {
        s.bytesToCopy(0);
      } else {
        s.beginObject();
        while (s.nextField()) {
          s.skipValue();
        }
      }
      s.finish();
    });
  }

  @Test
  void aNameWrittenWithEscapesIsReadAsTextButNeverMatched() {
    JsonScanner s = scanner("{\"\\u0069d\":1,\"\\n caf\u00e9\":2,\"\u4e16\":3}");
    assertTrue(s.beginObject());
    assertTrue(s.nextField());
    assertEquals("id", s.fieldName());
    assertThrows(JsonScanner.Unhandled.class, () -> s.nameIs("id".getBytes(UTF_8)), "it spells id: only jackson-core may decide");
    assertEquals(1, s.integer());
    assertTrue(s.nextField());
    assertEquals("\n caf\u00e9", s.fieldName());
    assertEquals(2, s.integer());
    assertTrue(s.nextField());
    assertEquals("\u4e16", s.fieldName());
    assertEquals(3, s.integer());
    assertFalse(s.nextField());
    s.finish();
  }

  @Test
  void nestingDeeperThanJsonAllowsIsLeftToJackson() {
    String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
    assertThrows(JsonScanner.Unhandled.class, () -> scanner(deep).skipValue());
    String fine = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
    JsonScanner s = scanner(fine);
    s.skipValue();
    s.finish();
  }

  @Test
  void integersOutsideAnIntOrWithAFractionAreLeftToJackson() {
    assertEquals(Integer.MAX_VALUE, scanner("2147483647").integer());
    assertEquals(Integer.MIN_VALUE, scanner("-2147483648").integer());
    assertThrows(JsonScanner.Unhandled.class, () -> scanner("2147483648").integer());
    assertThrows(JsonScanner.Unhandled.class, () -> scanner("3.0").integer());
    assertThrows(JsonScanner.Unhandled.class, () -> scanner("1e2").integer());
  }

  @Test
  void reusedByteArraysAreHandedOutPerSlot() {
    JsonScanner s = scanner("[[1,2],[3,4],[5,6]]");
    assertTrue(s.beginArray());
    assertTrue(s.nextElement());
    byte[] token = s.bytesToCopy(0);
    assertTrue(s.nextElement());
    byte[] alternative = s.bytesToCopy(1);
    assertArrayEquals(new byte[] {1, 2}, token, "slot 0 is not overwritten by slot 1");
    assertArrayEquals(new byte[] {3, 4}, alternative);
    assertTrue(s.nextElement());
    assertSame(alternative, s.bytesToCopy(1), "the same length in the same slot reuses its array");
    assertArrayEquals(new byte[] {5, 6}, alternative);
  }
}
