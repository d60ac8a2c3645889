package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Timeouts;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.contract.Faults;
import dev.nexttoken.contract.ScriptedBody;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.TimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A blocking call and a stream name the same cause the same way: each failure while reading a
 * body, on both paths, against a server that sends the first part of its answer and then goes
 * silent. A deadline is configured in every case, so only its passing may be called one.
 */
@Timeout(30)
class FailureClassificationTest {
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration LONG = Duration.ofSeconds(20);
  /** Every limit set, the deadline included, and none reached by a test. */
  private static final Timeouts NONE_PASSES = new Timeouts(LONG, LONG, LONG, LONG);

  /** The blocking call reads a whole body; the stream pulls chunks. */
  enum Path { BLOCKING, STREAMING }

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

  @ParameterizedTest
  @EnumSource(Path.class)
  void silenceLongerThanTheIdleLimitIsStreamIdle(Path path) {
    TimeoutException e = assertInstanceOf(TimeoutException.class, call(path, NONE_PASSES.withStreamIdle(SHORT), () -> {}));

    assertEquals(TimeoutException.Kind.STREAM_IDLE, e.kind());
    assertEquals(200, e.httpStatus());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void theDeadlinePassingWhileReadingIsDeadline(Path path) {
    TimeoutException e = assertInstanceOf(TimeoutException.class, call(path, NONE_PASSES.withDeadline(SHORT), () -> {}));

    assertEquals(TimeoutException.Kind.DEADLINE, e.kind());
    assertTrue(e.getMessage().contains(SHORT.toString()), e::getMessage);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aCallCancelledByTheCallersClientIsACancelledConnection(Path path) {
    // The caller's client sees every call (here through an EventListener) and may cancel it, e.g. on shutdown.
    Queue<Call> calls = new ConcurrentLinkedQueue<>();
    OkHttpClient caller = new OkHttpClient.Builder().eventListenerFactory(call -> {
      calls.add(call);
      return EventListener.NONE;
    }).build();
    try {
      NextTokenException e = call(path, TestTransports.model(server).httpClient(caller).timeouts(NONE_PASSES).build(), () -> CompletableFuture.runAsync(() -> {
        try {
          assertNotNull(server.takeRequest(10, TimeUnit.SECONDS));
        } catch (InterruptedException interrupted) {
          throw new AssertionError(interrupted);
        }
        calls.forEach(Call::cancel);
      }));

      assertInstanceOf(ConnectionException.class, e, () -> "not a timeout: " + e);
      assertTrue(e.getMessage().contains("cancelled"), e::getMessage);
      assertFalse(e.isRetryable(), "the caller asked for it to stop");
    } finally {
      caller.dispatcher().executorService().shutdown();
      caller.connectionPool().evictAll();
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void anInterruptedThreadIsNeitherADeadlineNorRetried(Path path) {
    // OkHttp reports an interrupt as an InterruptedIOException, the type its deadline uses too (or,
    // connecting, as an undeclared InterruptedException); only the deadline cancels the call.
    try {
      NextTokenException e = call(path, TestTransports.model(server).timeouts(NONE_PASSES).retry(TestTransports.FAST_RETRIES).build(),
          () -> Thread.currentThread().interrupt());

      assertInstanceOf(ConnectionException.class, e, () -> "not a timeout: " + e);
      assertTrue(e.getMessage().contains("interrupted"), e::getMessage);
      assertFalse(e.isRetryable(), "an interrupt asks the call to stop");
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
      assertTrue(server.getRequestCount() <= 1, "not retried");
    } finally {
      Thread.interrupted();
    }
  }

  /**
   * Runs a call against a server that sends the first part of the answer (for a stream: through
   * its first token, which is read) and then nothing, running {@code meanwhile} once the call is
   * under way (for a stream: after its first chunk), and returns how the call failed.
   */
  private NextTokenException call(Path path, Timeouts timeouts, Runnable meanwhile) {
    return call(path, TestTransports.model(server).timeouts(timeouts).build(), meanwhile);
  }

  private NextTokenException call(Path path, FakeProviderModel built, Runnable meanwhile) {
    model = built;
    if (path == Path.STREAMING) {
      MockResponse whole = FakeProviderFixtures.streamedAnswer();
      server.enqueue(ScriptedBody.thenStall(whole, Faults.throughFirstToken(whole), release));
      try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
        assertEquals("Hello", stream.iterator().next().textDelta());
        meanwhile.run();
        NextTokenException e = assertThrows(NextTokenException.class, stream::collect);
        assertEquals("Hello", stream.partial().text(), "what arrived is kept");
        return e;
      }
    }
    MockResponse whole = FakeProviderFixtures.answer();
    server.enqueue(ScriptedBody.thenStall(whole, Faults.firstHalf(whole), release));
    meanwhile.run();
    return assertThrows(NextTokenException.class, () -> model.complete("Say hello"));
  }
}
