package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.contract.ScriptedBody;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing a stream early cancels the HTTP call and leaves no connection behind. */
class CancellationTest {
  private MockWebServer server;
  private FakeProviderModel model;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    model = TestTransports.model(server).build();
  }

  @AfterEach
  void stop() {
    release.countDown();
    model.close();
    server.close();
  }

  @Test
  void closingEarlyClosesTheConnection() throws InterruptedException {
    CountDownLatch clientGone = new CountDownLatch(1);
    server.enqueue(ScriptedBody.thenKeepAlive(FakeProviderFixtures.streamedAnswer(), clientGone));
    ConnectionPool pool = model.transport().client().connectionPool();

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      for (Chunk chunk : stream) {
        assertEquals("Hello", chunk.textDelta());
        stream.close(); // stopping from inside the loop ends it quietly
      }
      assertEquals("Hello", stream.collect().text(), "collect after close returns what arrived");
    }

    assertTrue(clientGone.await(10, TimeUnit.SECONDS), "the server saw the connection closed");
    assertEquals(0, pool.connectionCount(), "a cancelled connection is not pooled for reuse");
  }

  @Test
  void closingFromAnotherThreadEndsABlockedRead() throws Exception {
    server.enqueue(ScriptedBody.thenStall(StreamTimeoutTest.sse(), StreamTimeoutTest.TWO_EVENTS, release));
    CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"));
    Iterator<Chunk> chunks = stream.iterator();
    chunks.next();
    chunks.next();

    CountDownLatch reading = new CountDownLatch(1);
    CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
      reading.countDown();
      return chunks.hasNext(); // blocks: the server is silent
    });
    assertTrue(reading.await(10, TimeUnit.SECONDS));
    stream.close();

    assertFalse(reader.get(10, TimeUnit.SECONDS), "the blocked read ends without an exception");
    assertEquals("Hello world", stream.partial().text());
  }

  @Test
  void aFullyReadStreamReturnsItsConnectionForReuse() {
    // Chunked, as real servers stream: the stream ends at [DONE], before the body's last chunk is read.
    String sse = FakeProviderFixtures.fixture("fixtures/fake/complete/hello.sse");
    server.enqueue(FakeProviderFixtures.streamedAnswer().newBuilder().chunkedBody(sse, 64).build());
    server.enqueue(FakeProviderFixtures.answer());

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      stream.collect();
    }
    model.complete("Say hello");

    assertEquals(1, model.transport().client().connectionPool().connectionCount());
  }
}
