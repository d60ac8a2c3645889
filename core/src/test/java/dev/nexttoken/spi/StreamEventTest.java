package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.MalformedResponseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An event read from a stream keeps its bytes; it must behave exactly like one built from text. */
class StreamEventTest {
  private static StreamEvent fromBytes(String data) {
    return StreamEvent.ofUtf8("e", data.getBytes(StandardCharsets.UTF_8), "1");
  }

  @Test
  void anEventFromBytesEqualsTheSameEventFromText() {
    String data = "{\"text\":\"Grüße, 世界\"}";
    StreamEvent bytes = fromBytes(data);
    StreamEvent text = new StreamEvent("e", data, "1");
    assertEquals(text, bytes);
    assertEquals(text.hashCode(), bytes.hashCode());
    assertEquals(text.toString(), bytes.toString());
    assertEquals(data, bytes.data());
  }

  @Test
  void recognisesTheDoneSentinelAndSearchesTheBytes() {
    assertTrue(fromBytes("[DONE]").isDone());
    assertFalse(fromBytes("[DONE] ").isDone());
    AsciiPattern error = new AsciiPattern("\"error\"");
    assertTrue(fromBytes("{\"a\":1,\"error\":{}}").contains(error));
    assertTrue(fromBytes("\"error\"").contains(error));
    assertTrue(fromBytes("xx\"error\"").contains(error));
    assertFalse(fromBytes("{\"a\":\"erro\"}").contains(error));
    assertFalse(fromBytes("{\"error_code\":1}").contains(error));
    assertFalse(fromBytes("").contains(error));
    assertTrue(new StreamEvent(null, "{\"error\":1}", null).contains(error));
    assertTrue(fromBytes("{").startsWith('{'));
    assertFalse(fromBytes("").startsWith('{'));
  }

  @Test
  void thePatternSearchAgreesWithStringContains() {
    AsciiPattern error = new AsciiPattern("\"error\"");
    java.util.Random random = new java.util.Random(42);
    String alphabet = "\"erorx:";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = random.nextInt(10) == 0 ? text.insert(random.nextInt(text.length() + 1), "\"error\"").toString() : text.toString();
      assertEquals(s.contains("\"error\""), error.in(s.getBytes(StandardCharsets.US_ASCII)), s);
    }
  }

  @Test
  void invalidUtf8InAnEventIsReadAsReplacementCharactersNotAnError() {
    byte[] data = {'{', '"', 't', '"', ':', '"', 'a', (byte) 0xFF, '"', '}'};
    StreamEvent event = StreamEvent.ofUtf8(null, data, null);
    assertEquals("a\uFFFD", Json.read(event, p -> {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      return p.getText();
    }, "test", "an event"));
  }

  @Test
  void parsesTheBytesAndReportsMalformedDataTyped() {
    assertEquals("Grüße", Json.read(fromBytes("{\"t\":\"Grüße\"}"), p -> {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      return p.getText();
    }, "test", "an event"));
    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> Json.read(fromBytes("{\"t\":"), p -> {
          while (p.nextToken() != null) {
            // read to the end
          }
          return "";
        }, "test", "an event"));
    assertTrue(e.getMessage().startsWith("test: expected an event"), e.getMessage());
  }
}
