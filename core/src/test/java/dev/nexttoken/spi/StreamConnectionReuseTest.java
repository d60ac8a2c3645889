package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream read to its end gives its connection back to the pool, so the next call does not open one
 * (issue 20: every stream used to cancel its call on close, and a client streaming all day opened a
 * connection per answer); a stream closed early is cancelled, so closing never waits for the rest.
 */
@Timeout(30)
class StreamConnectionReuseTest {
  /** {@code {"t": text, "f": finish or null}} per event. */
  private static final EventMapper MAPPER = event -> {
    JsonNode c = Json.readTreeOrNull(event.data().getBytes(StandardCharsets.UTF_8));
    FinishReason finish = c.get("f").isNull() ? null : FinishReason.of(FinishReason.Kind.STOP, c.get("f").asText());
    return new Chunk(c.get("t").asText(), null, finish, null, null, null, Map.of());
  };
  private static final String SSE = "data: {\"t\":\"a\",\"f\":null}\n\ndata: {\"t\":\"b\",\"f\":null}\n\n"
      + "data: {\"t\":\"\",\"f\":\"stop\"}\n\ndata: [DONE]\n\n";
  private static final String NDJSON = "{\"t\":\"a\",\"f\":null}\n{\"t\":\"b\",\"f\":\"stop\"}\n";

  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    transport = TestTransports.transport(server).build();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  private String collect(HttpTransport.Framing framing) {
    try (CompletionStream s = transport.openStream("chat", Map.of("stream", true), framing, MAPPER)) {
      return s.collect().text();
    }
  }

  private static MockResponse chunked(String type, String body) {
    // Small HTTP chunks, as servers send tokens; the last (empty) chunk comes after [DONE].
    return new MockResponse.Builder().setHeader("Content-Type", type).chunkedBody(body, 16).build();
  }

  @Test
  void streamsReadToDoneShareOneConnection() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(chunked("text/event-stream", SSE));
    }
    for (int i = 0; i < 3; i++) {
      assertEquals("ab", collect(HttpTransport.Framing.SERVER_SENT_EVENTS));
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(0, server.takeRequest().getConnectionIndex(), "stream " + i + " on the first connection");
    }
    assertEquals(1, transport.client().connectionPool().connectionCount());
  }

  @Test
  void ndjsonStreamsReadToTheirEndShareOneConnection() throws Exception {
    server.enqueue(chunked("application/x-ndjson", NDJSON));
    server.enqueue(chunked("application/x-ndjson", NDJSON));
    assertEquals("ab", collect(HttpTransport.Framing.NDJSON));
    assertEquals("ab", collect(HttpTransport.Framing.NDJSON));
    assertEquals(0, server.takeRequest().getConnectionIndex());
    assertEquals(0, server.takeRequest().getConnectionIndex());
  }

  @Test
  void aStreamClosedEarlyIsCancelledAtOnceAndTheNextCallGetsAFreshConnection() throws Exception {
    // After its first event the answer trickles: reading it to the end would take minutes.
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body("data: {\"t\":\"a\",\"f\":null}\n\n" + "data: {\"t\":\"x\",\"f\":null}\n\n".repeat(200))
        .throttleBody(30, 1, TimeUnit.SECONDS).build());
    server.enqueue(chunked("text/event-stream", SSE));

    CompletionStream s = transport.openStream("chat", Map.of("stream", true), HttpTransport.Framing.SERVER_SENT_EVENTS, MAPPER);
    Iterator<Chunk> chunks = s.iterator();
    assertEquals("a", chunks.next().textDelta());
    long started = System.nanoTime();
    s.close();
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(closeMillis < 1_000, "close waited " + closeMillis + " ms for the rest of the body");

    assertEquals("ab", collect(HttpTransport.Framing.SERVER_SENT_EVENTS));
    int first = server.takeRequest().getConnectionIndex();
    assertNotEquals(first, server.takeRequest().getConnectionIndex(), "the cancelled stream's connection is not reused");
  }
}
