package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Timeouts;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.contract.ScriptedBody;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.TimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each time limit fails the call it bounds with its own {@link TimeoutException.Kind}, and only that call. */
class StreamTimeoutTest {
  static final String TWO_EVENTS = """
      data: {"id":"fake-1","text":"Hello"}

      data: {"id":"fake-1","text":" world"}

      """;
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration LONG = Duration.ofSeconds(20);

  private MockWebServer server;
  private FakeProviderModel model;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (model != null) {
      model.close();
    }
    server.close();
  }

  static MockResponse sse() {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").build();
  }

  private FakeProviderModel model(Timeouts timeouts) {
    model = TestTransports.model(server).timeouts(timeouts).retry(TestTransports.FAST_RETRIES).build();
    return model;
  }

  @Test
  void stalledStreamFailsAfterTheIdleTimeoutKeepingWhatArrived() {
    server.enqueue(ScriptedBody.thenStall(sse(), TWO_EVENTS, release));

    try (CompletionStream stream = model(new Timeouts(LONG, LONG, SHORT, null)).completeStreaming(CompletionRequest.of("Say hello"))) {
      Iterator<Chunk> chunks = stream.iterator();
      assertEquals("Hello", chunks.next().textDelta());
      assertEquals(" world", chunks.next().textDelta());

      TimeoutException e = assertThrows(TimeoutException.class, chunks::hasNext);

      assertEquals(TimeoutException.Kind.STREAM_IDLE, e.kind());
      assertEquals("fake", e.provider());
      assertEquals(200, e.httpStatus());
      assertFalse(e.isRetryable(), "part of the answer was already delivered");
      assertEquals("Hello world", stream.partial().text());
    }
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void slowStreamWithinTheIdleTimeoutIsNotCut() {
    // Each silence is shorter than the idle limit although the whole stream takes longer than it.
    server.enqueue(FakeProviderFixtures.streamedAnswer().newBuilder().throttleBody(64, 50, TimeUnit.MILLISECONDS).build());

    try (CompletionStream stream = model(new Timeouts(LONG, LONG, SHORT, null)).completeStreaming(CompletionRequest.of("Say hello"))) {
      assertEquals("Hello world", stream.collect().text());
    }
  }

  @Test
  void delayedHeadersFailWithTheFirstByteTimeoutAndAreNotRetried() {
    server.enqueue(FakeProviderFixtures.answer().newBuilder().headersDelay(5, TimeUnit.SECONDS).build());

    TimeoutException e = assertThrows(TimeoutException.class, () -> model(new Timeouts(LONG, SHORT, LONG, null)).complete("Say hello"));

    assertEquals(TimeoutException.Kind.FIRST_BYTE, e.kind());
    assertFalse(e.isRetryable(), "the server may still be working on it; repeating would double the wait");
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void delayedStreamHeadersFailWithTheFirstByteTimeout() {
    server.enqueue(FakeProviderFixtures.streamedAnswer().newBuilder().headersDelay(5, TimeUnit.SECONDS).build());

    TimeoutException e = assertThrows(TimeoutException.class,
        () -> model(new Timeouts(LONG, SHORT, LONG, null)).completeStreaming(CompletionRequest.of("Say hello")).close());

    assertEquals(TimeoutException.Kind.FIRST_BYTE, e.kind());
  }

  @Test
  void closedPortIsARetryableConnectionFailure() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    model = FakeProviderModel.builder().baseUrl("http://127.0.0.1:" + port + "/v1/").apiKey(TestTransports.KEY).model("fake-small")
        .retry(TestTransports.FAST_RETRIES).build();

    ConnectionException e = assertThrows(ConnectionException.class, () -> model.complete("Say hello"));

    assertTrue(e.isRetryable());
    assertEquals(0, e.httpStatus());
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e::getMessage);
  }

  @Test
  void deadlineBoundsAStreamThatKeepsWithinTheIdleTimeout() {
    server.enqueue(ScriptedBody.thenStall(sse(), TWO_EVENTS, release));

    try (CompletionStream stream = model(new Timeouts(LONG, LONG, LONG, SHORT)).completeStreaming(CompletionRequest.of("Say hello"))) {
      Iterator<Chunk> chunks = stream.iterator();
      assertEquals("Hello", chunks.next().textDelta());

      TimeoutException e = assertThrows(TimeoutException.class, () -> {
        while (chunks.hasNext()) {
          chunks.next();
        }
      });

      assertEquals(TimeoutException.Kind.DEADLINE, e.kind());
      assertEquals("Hello world", stream.partial().text());
    }
  }

  @Test
  void deadlineBoundsTheWaitForHeaders() {
    server.enqueue(FakeProviderFixtures.answer().newBuilder().headersDelay(5, TimeUnit.SECONDS).build());

    TimeoutException e = assertThrows(TimeoutException.class, () -> model(new Timeouts(LONG, LONG, LONG, SHORT)).complete("Say hello"));

    assertEquals(TimeoutException.Kind.DEADLINE, e.kind());
    assertEquals(1, server.getRequestCount());
  }
}
