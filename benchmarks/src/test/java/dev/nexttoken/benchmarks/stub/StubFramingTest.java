package dev.nexttoken.benchmarks.stub;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The streams are served as issue 20's harness serves them: chunked, one HTTP chunk per event. */
class StubFramingTest {

  @Test
  void everyEventIsOneChunkAndTheChunksJoinToTheBody() {
    // role chunk + content chunks + finish chunk + usage chunk + [DONE]
    assertFramedOneEventPerChunk(Canned.chatStreamSse(false), Canned.STREAM_CHUNKS + 4, "data: ");
  }

  @Test
  void aResponsesEventIsOneChunkWithItsEventAndDataLines() {
    // created, in_progress, item added, part added, the deltas, text done, part done, item done, completed
    assertFramedOneEventPerChunk(Canned.responsesSse(false), Canned.STREAM_CHUNKS + 8, "event: ");
  }

  private static void assertFramedOneEventPerChunk(byte[] body, int events, String eventStart) {
    byte[][] writes = StubServer.chunkedEvents("text/event-stream", body);

    String head = new String(writes[0], US_ASCII);
    assertTrue(head.contains("\r\nTransfer-Encoding: chunked\r\n"), head);
    assertTrue(head.endsWith("\r\n\r\n"), head);
    assertArrayEquals("0\r\n\r\n".getBytes(US_ASCII), writes[writes.length - 1]);
    assertEquals(events, writes.length - 2);

    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] chunk : Arrays.copyOfRange(writes, 1, writes.length - 1)) {
      int crlf = indexOf(chunk, (byte) '\r');
      int size = Integer.parseInt(new String(chunk, 0, crlf, US_ASCII), 16);
      assertEquals(chunk.length, crlf + 2 + size + 2, "size line + data + CRLF");
      String event = new String(chunk, crlf + 2, size, UTF_8);
      assertTrue(event.startsWith(eventStart) && event.endsWith("\n\n") && event.indexOf("\n\n") == event.length() - 2, event);
      joined.write(chunk, crlf + 2, size);
    }
    assertArrayEquals(body, joined.toByteArray());
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
