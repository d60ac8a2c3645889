package dev.nexttoken.spi;

import dev.nexttoken.internal.StreamLimits;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.StreamTooLargeException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSentEventReaderTest {
  private static final long MIB = 1 << 20;

  @Test
  void singleEvent() throws IOException {
    assertEquals(List.of(data("{\"a\":1}")), readAll("data: {\"a\":1}\n\n"));
  }

  @Test
  void multiLineDataIsJoinedWithNewline() throws IOException {
    assertEquals(List.of(data("one\ntwo\n\nfour")), readAll("data: one\ndata: two\ndata:\ndata: four\n\n"));
  }

  @Test
  void eventAndIdFields() throws IOException {
    String body = "event: content-delta\nid: 7\ndata: {\"type\":\"content-delta\"}\n\n"
        + "data: next\n\n"
        + "id: 8\0bad\nevent: message-end\ndata: end\n\n"
        + "id\ndata: reset\n\n";
    assertEquals(
        List.of(
            new StreamEvent("content-delta", "{\"type\":\"content-delta\"}", "7"),
            new StreamEvent(null, "next", "7"), // the last event id persists, as in browsers
            new StreamEvent("message-end", "end", "7"), // an id containing NUL is ignored
            new StreamEvent(null, "reset", null)),
        readAll(body));
  }

  @Test
  void commentsKeepAlivesRetryAndUnknownFieldsAreSkipped() throws IOException {
    String body = ": keep-alive\n\n:\n\nretry: 1000\nfoo: bar\n: ping\ndata: x\n\n";
    assertEquals(List.of(data("x")), readAll(body));
  }

  @Test
  void eventWithoutDataIsNotDispatchedAndItsTypeDoesNotLeak() throws IOException {
    assertEquals(List.of(data("x")), readAll("event: ping\n\ndata: x\n\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void lineEndings(String eol) throws IOException {
    String body = "event: e" + eol + "data: a" + eol + "data: b" + eol + eol + "data: [DONE]" + eol + eol;
    assertEquals(List.of(new StreamEvent("e", "a\nb", null), data("[DONE]")), readAll(body));
  }

  @Test
  void mixedLineEndings() throws IOException {
    String body = "data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\rdata: e\n\r";
    assertEquals(List.of(data("a\nb\nc"), data("d"), data("e")), readAll(body));
  }

  @Test
  void doneIsRecognized() throws IOException {
    List<StreamEvent> events = readAll("data: {\"x\":1}\n\ndata: [DONE]\n\n");
    assertFalse(events.get(0).isDone());
    assertTrue(events.get(1).isDone());
    assertFalse(data(" [DONE]").isDone());
  }

  @Test
  void errorPayloadPassesThroughIntact() throws IOException {
    String error = "{\"error\":{\"message\":\"overloaded: retry later\",\"type\":\"server_error\",\"code\":500}}";
    assertEquals(List.of(data(error)), readAll("data: " + error + "\n\n"));
  }

  @Test
  void onlyOneSpaceAfterTheColonIsRemoved() throws IOException {
    assertEquals(List.of(data("x"), data("  y"), data("")), readAll("data:x\n\ndata:   y\n\ndata: \n\n"));
  }

  @Test
  void lineWithoutColonIsFieldWithEmptyValue() throws IOException {
    assertEquals(List.of(data("\nz")), readAll("data\ndata:z\n\n"));
  }

  @Test
  void leadingByteOrderMarkIsSkippedOnlyAtTheStart() throws IOException {
    assertEquals(List.of(data("x"), data("\uFEFFy")), readAll("\uFEFFdata: x\n\ndata: \uFEFFy\n\n"));
  }

  @Test
  void lastEventWithoutBlankLineIsDispatchedAtEnd() throws IOException {
    assertEquals(List.of(data("a"), data("b")), readAll("data: a\n\ndata: b\n"));
    assertEquals(List.of(data("a"), data("b")), readAll("data: a\n\ndata: b"));
    assertEquals(List.of(data("a")), readAll("data: a\n\nevent: no-data"));
  }

  @Test
  void emptyStream() throws IOException {
    assertEquals(List.of(), readAll(""));
    assertEquals(List.of(), readAll("\n\n: only a comment\n"));
  }

  @Test
  void nullAfterEndIsRepeatable() throws IOException {
    ServerSentEventReader reader = new ServerSentEventReader(new Buffer().writeUtf8("data: a"), MIB);
    assertEquals(data("a"), reader.next());
    assertNull(reader.next());
    assertNull(reader.next());
  }

  @Test
  void oversizedEventFailsFastWithoutBufferingIt() {
    CountingSource tenMegabyteLine = new CountingSource("data: ", (byte) 'a', 10 * MIB);
    ServerSentEventReader reader =
        new ServerSentEventReader(Okio.buffer(tenMegabyteLine), StreamLimits.DEFAULT_MAX_EVENT_BYTES, "openai");
    StreamTooLargeException e = assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThrows(StreamTooLargeException.class, reader::next));
    assertTrue(e.getMessage().contains("1048576"), e.getMessage());
    assertTrue(e.getMessage().contains("maxEventBytes"), e.getMessage());
    assertEquals("openai", e.details().provider());
    assertTrue(tenMegabyteLine.read < 2 * MIB, "read " + tenMegabyteLine.read + " bytes");
    assertTrue(tenMegabyteLine.closed);
  }

  @Test
  void manySmallLinesCountTowardsOneEvent() {
    Buffer body = new Buffer();
    for (int i = 0; i < 2000; i++) {
      body.writeUtf8("data: ").writeUtf8("x".repeat(1000)).writeUtf8("\n");
    }
    ServerSentEventReader reader = new ServerSentEventReader(body, MIB);
    assertThrows(StreamTooLargeException.class, reader::next);
  }

  @Test
  void largeEventIsAcceptedUnderARaisedBound() throws IOException {
    Buffer body = new Buffer().writeUtf8("data: ");
    for (int i = 0; i < 10 * 1024; i++) {
      body.writeUtf8("é".repeat(512)); // 1 KiB of two-byte characters
    }
    body.writeUtf8("\n\n");
    StreamEvent event = new ServerSentEventReader(body, 16 * MIB).next();
    assertEquals(5 * 1024 * 1024, event.data().length());
  }

  @Test
  void boundIsInclusive() throws IOException {
    assertEquals(List.of(data("12")), readAll("data: 12\n\n", 8));
    assertThrows(StreamTooLargeException.class, () -> readAll("data: 123\n\n", 8));
  }

  @Test
  void rejectsNonPositiveBound() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ServerSentEventReader(new Buffer(), 0));
    assertEquals("maxEventBytes must be positive, was 0", e.getMessage());
  }

  @Test
  void multiByteCharacterSplitAcrossReads() throws IOException {
    byte[] bytes = "data: 日本語 \uD83D\uDE00\n\n".getBytes(UTF_8);
    for (int chunk = 1; chunk <= 4; chunk++) {
      assertEquals(List.of(data("日本語 \uD83D\uDE00")), readAll(new ChunkedSource(bytes, new Random(chunk), chunk)));
    }
  }

  @Test
  void crAtTheEndOfAReadDoesNotBlockTheEvent() throws IOException {
    // The server has sent "data: a\r\r" and then waits: the event must be dispatched without the next byte.
    BufferedSource source = Okio.buffer(new Source() {
      boolean sent;

      @Override
      public long read(Buffer sink, long byteCount) {
        if (sent) {
          throw new AssertionError("blocked waiting for more bytes");
        }
        sent = true;
        sink.writeUtf8("data: a\r\r");
        return 9;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    });
    assertEquals(data("a"), new ServerSentEventReader(source, MIB).next());
  }

  @Test
  void framingSplitAcrossTcpReads() throws Exception {
    String body = "\uFEFFevent: content-delta\r\ndata: {\"text\":\"Grüße, 世界\"}\r\n\r\n"
        + ": keep-alive\n\n"
        + "data: {\"n\":2}\rdata: {\"n\":3}\r\r"
        + "data: [DONE]\n\n";
    OkHttpClient client = new OkHttpClient();
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder()
          .addHeader("Content-Type", "text/event-stream")
          .body(body)
          .throttleBody(3, 1, TimeUnit.MILLISECONDS)
          .build());
      try (Response response = client.newCall(new Request.Builder().url(server.url("/v2/chat")).build()).execute();
          ServerSentEventReader reader = new ServerSentEventReader(response.body().source(), MIB)) {
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e; (e = reader.next()) != null; ) {
          events.add(e);
        }
        assertEquals(
            List.of(
                new StreamEvent("content-delta", "{\"text\":\"Grüße, 世界\"}", null),
                data("{\"n\":2}\n{\"n\":3}"),
                data("[DONE]")),
            events);
      }
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void randomSplittingAlwaysYieldsTheSameEvents() throws IOException {
    for (long seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      List<StreamEvent> expected = new ArrayList<>();
      byte[] stream = randomStream(random, expected);
      List<StreamEvent> actual = readAll(new ChunkedSource(stream, random, 1 + random.nextInt(16)));
      assertEquals(expected, actual, "seed " + seed);
    }
  }

  /** Writes random valid events with random line endings, recording what a reader must dispatch. */
  private static byte[] randomStream(Random random, List<StreamEvent> expected) {
    String[] eols = {"\n", "\r\n", "\r"};
    String[] pieces = {"a", "{\"x\":1}", "é", "日本", "\uD83D\uDE00", " ", ":", "[DONE]", "\"error\""};
    StringBuilder out = new StringBuilder();
    String lastId = null;
    for (int i = random.nextInt(20); i > 0; i--) {
      if (random.nextInt(4) == 0) {
        out.append(": keep-alive").append(eols[random.nextInt(3)]);
      }
      String type = random.nextBoolean() ? null : "type" + random.nextInt(3);
      if (type != null) {
        out.append("event: ").append(type).append(eols[random.nextInt(3)]);
      }
      if (random.nextInt(5) == 0) {
        lastId = "id" + random.nextInt(100);
        out.append("id:").append(lastId).append(eols[random.nextInt(3)]);
      }
      List<String> lines = new ArrayList<>();
      for (int l = 1 + random.nextInt(3); l > 0; l--) {
        StringBuilder line = new StringBuilder();
        for (int p = random.nextInt(6); p > 0; p--) {
          line.append(pieces[random.nextInt(pieces.length)]);
        }
        lines.add(line.toString());
        out.append("data: ").append(line).append(eols[random.nextInt(3)]);
      }
      // A blank line after a lone CR must not start with LF, or the two would read as one CRLF.
      out.append(out.charAt(out.length() - 1) == '\r' ? "\r" : eols[random.nextInt(3)]);
      expected.add(new StreamEvent(type, String.join("\n", lines), lastId));
    }
    return out.toString().getBytes(UTF_8);
  }

  private static StreamEvent data(String data) {
    return new StreamEvent(null, data, null);
  }

  private static List<StreamEvent> readAll(String body) throws IOException {
    return readAll(body, MIB);
  }

  private static List<StreamEvent> readAll(String body, long maxEventBytes) throws IOException {
    return readAll(new ServerSentEventReader(new Buffer().writeUtf8(body), maxEventBytes));
  }

  private static List<StreamEvent> readAll(Source source) throws IOException {
    return readAll(new ServerSentEventReader(Okio.buffer(source), MIB));
  }

  private static List<StreamEvent> readAll(ServerSentEventReader reader) throws IOException {
    List<StreamEvent> events = new ArrayList<>();
    try (reader) {
      for (StreamEvent e; (e = reader.next()) != null; ) {
        events.add(e);
      }
    }
    return events;
  }
}
