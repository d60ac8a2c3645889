package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.error.ConnectionException;
import java.io.IOException;
import java.util.Iterator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stream is retried while it opens, and never once an event has reached the caller. */
class StreamRetryTest {
  private MockWebServer server;
  private FakeProviderModel model;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    model = TestTransports.model(server).retry(TestTransports.FAST_RETRIES).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @Test
  void failureBeforeTheStreamOpensIsRetried() {
    server.enqueue(FakeProviderFixtures.error(503, "overloaded"));
    server.enqueue(FakeProviderFixtures.streamedAnswer());

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      assertEquals("Hello world", stream.collect().text());
    }
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void streamThatBreaksAfterItsFirstEventIsNotRetried() {
    String firstEvent = "data: {\"id\":\"fake-1\",\"text\":\"Hello\"}\n\n";
    // The body promises more than it sends, then the socket closes: a connection lost mid-stream.
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(firstEvent)
        .setHeader("Content-Length", firstEvent.length() + 500).onResponseEnd(new SocketEffect.CloseSocket()).build());
    server.enqueue(FakeProviderFixtures.streamedAnswer());

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      Iterator<Chunk> chunks = stream.iterator();
      assertEquals("Hello", chunks.next().textDelta());

      ConnectionException e = assertThrows(ConnectionException.class, chunks::hasNext);

      assertFalse(e.isRetryable());
      assertEquals("Hello", stream.partial().text());
      assertFalse(chunks.hasNext(), "a failed stream is over");
    }
    assertEquals(1, server.getRequestCount());
  }
}
