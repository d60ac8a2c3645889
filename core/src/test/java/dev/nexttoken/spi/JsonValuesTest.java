package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.MalformedResponseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spi's hand-written JSON path: scalar reads, optional-field writes, and how failures are reported. */
class JsonValuesTest {
  /** Reads {@code {"v": <value>}} with {@code read} applied to the value (wrapped: a null result means an empty body). */
  private static <T> T value(String value, Json.Reader<T> read) {
    return Json.read("{\"v\":" + value + "}", p -> {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      return Optional.ofNullable(read.read(p));
    }, "test", "a test document").orElse(null);
  }

  @Test
  void readsScalarsCoercingAsDatabindDid() {
    assertEquals("abc", value("\"abc\"", p -> JsonValues.text(p, "v")));
    assertEquals("12", value("12", p -> JsonValues.text(p, "v")));
    assertNull(value("null", p -> JsonValues.text(p, "v")));
    assertEquals(-1.5, value("\"-1.5\"", p -> JsonValues.number(p, "v")));
    assertEquals(-2.0, value("-2", p -> JsonValues.number(p, "v", 0)));
    assertEquals(7.0, value("null", p -> JsonValues.number(p, "v", 7)));
    assertEquals(Integer.valueOf(3), value("\"3\"", p -> JsonValues.integer(p, "v")));
    assertNull(value("null", p -> JsonValues.bytes(p, "v", new JsonValues.Scratch())));
  }

  @Test
  void readsOneCountOfADetailsObject() {
    assertEquals(Integer.valueOf(12), value("{\"audio_tokens\":3,\"cached_tokens\":12,\"x\":{\"y\":1}}",
        p -> JsonValues.integerIn(p, "prompt_tokens_details", "cached_tokens")));
    assertEquals(Integer.valueOf(0), value("{\"cached_tokens\":0}", p -> JsonValues.integerIn(p, "d", "cached_tokens")));
    assertNull(value("{\"audio_tokens\":3}", p -> JsonValues.integerIn(p, "d", "cached_tokens")));
    assertNull(value("null", p -> JsonValues.integerIn(p, "d", "cached_tokens")));
    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> value("{\"cached_tokens\":[1]}", p -> JsonValues.integerIn(p, "prompt_tokens_details", "cached_tokens")));
    assertTrue(e.getMessage().contains("prompt_tokens_details.cached_tokens"), e.getMessage());
  }

  @Test
  void anArrayElementThatIsNoObjectIsNamedAfterItsArray() {
    assertNull(value("{}", p -> {
      JsonValues.requireElement(p, "top_logprobs");
      return null;
    }));
    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> value("null", p -> {
      JsonValues.requireElement(p, "top_logprobs");
      return null;
    }));
    assertTrue(e.getMessage().contains("expected an object for top_logprobs[]"), e.getMessage());
  }

  @Test
  void readsBytesBothSignedAndUnsigned() {
    JsonValues.Scratch scratch = new JsonValues.Scratch();
    assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, value("[226,130,172]", p -> JsonValues.bytes(p, "v", scratch)));
    assertArrayEquals(new byte[] {-30, 0}, value("[-30,0]", p -> JsonValues.bytes(p, "v", scratch)));
    assertArrayEquals(new byte[0], value("[]", p -> JsonValues.bytes(p, "v", scratch)));
  }

  @Test
  void wrongShapesBecomeMalformedResponsesNamingTheFieldAndWhatWasFound() {
    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> value("{\"a\":1}", p -> JsonValues.text(p, "content")));
    assertTrue(e.getMessage().startsWith("test: expected a test document but could not read the response: expected text for content but found an object"), e.getMessage());
    assertThrows(MalformedResponseException.class, () -> value("true", p -> JsonValues.number(p, "logprob")));
    assertThrows(MalformedResponseException.class, () -> value("\"x\"", p -> JsonValues.integer(p, "index")));
    assertThrows(MalformedResponseException.class, () -> value("[true]", p -> JsonValues.bytes(p, "bytes", new JsonValues.Scratch())));
    assertThrows(MalformedResponseException.class, () -> value("[256]", p -> JsonValues.bytes(p, "bytes", new JsonValues.Scratch())));
    assertThrows(MalformedResponseException.class, () -> value("3", p -> JsonValues.startObject(p, "usage")));
    assertThrows(MalformedResponseException.class, () -> value("{}", p -> JsonValues.startArray(p, "choices")));
  }

  @Test
  void anEmptyBodyIsMalformedNotNull() {
    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> Json.read("", p -> p.nextToken() == null ? null : p.currentToken(), "test", "a test document"));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void aJsonWritableWritesItselfLeavingOutNulls() {
    JsonWritable body = g -> {
      g.writeStartObject();
      JsonFields.text(g, "a", "x");
      JsonFields.text(g, "b", null);
      JsonFields.number(g, "i", (Integer) null);
      JsonFields.number(g, "l", 5L);
      JsonFields.number(g, "d", 0.25);
      JsonFields.flag(g, "f", false);
      JsonFields.texts(g, "s", List.of("1", "2"));
      JsonFields.texts(g, "none", null);
      g.writeEndObject();
    };
    assertEquals("{\"a\":\"x\",\"l\":5,\"d\":0.25,\"f\":false,\"s\":[\"1\",\"2\"]}", new String(Json.write(body), StandardCharsets.UTF_8));
  }

  @Test
  void otherValuesStillGoThroughDatabind() {
    record Plain(String name, Integer absent) {}
    assertEquals("{\"name\":\"n\"}", new String(Json.write(new Plain("n", null)), StandardCharsets.UTF_8));
  }

}
