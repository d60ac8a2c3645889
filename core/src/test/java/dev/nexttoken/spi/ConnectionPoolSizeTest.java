package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool of a client the SDK creates keeps a connection for every caller that may run at once,
 * so concurrent callers do not reopen connections between calls (OkHttp's default keeps 5).
 */
class ConnectionPoolSizeTest {
  private static final int CALLERS = 12;

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void concurrentCallersLeaveAWarmConnectionEach() throws Exception {
    assertEquals(CALLERS, idleAfterConcurrentCalls(TestTransports.transport(server).maxConcurrentRequests(CALLERS).build(), CALLERS));
  }

  @Test
  void theDefaultKeepsMoreThanOkHttpsFive() throws Exception {
    assertEquals(CALLERS, idleAfterConcurrentCalls(TestTransports.transport(server).build(), CALLERS));
  }

  @Test
  void aSmallerLimitKeepsThatMany() throws Exception {
    assertEquals(3, idleAfterConcurrentCalls(TestTransports.transport(server).maxConcurrentRequests(3).build(), 3));
  }

  /**
   * {@code CALLERS} calls held open together, so each needs its own connection; then the pool's idle
   * count once OkHttp's background clean-up has evicted what exceeds the pool's size (it runs
   * after each release, so the count is waited for, at most 5 s, down to {@code expected}).
   */
  private int idleAfterConcurrentCalls(HttpTransport transport, int expected) throws Exception {
    try (transport) {
      for (int i = 0; i < CALLERS; i++) {
        // The answer waits, so that every call holds its connection while the others start.
        server.enqueue(new MockResponse.Builder().headersDelay(300, TimeUnit.MILLISECONDS)
            .setHeader("Content-Type", "application/json").body("{\"ok\":true}").build());
      }
      CountDownLatch together = new CountDownLatch(CALLERS);
      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      try {
        List<Future<HttpResult>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          calls.add(callers.submit(() -> {
            together.countDown();
            together.await(10, TimeUnit.SECONDS);
            return transport.postJson("chat", Map.of("n", 1));
          }));
        }
        for (Future<HttpResult> call : calls) {
          assertEquals(200, call.get(20, TimeUnit.SECONDS).status());
        }
      } finally {
        callers.shutdownNow();
      }
      assertEquals(CALLERS, server.getRequestCount());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (transport.client().connectionPool().idleConnectionCount() > expected && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      return transport.client().connectionPool().idleConnectionCount();
    }
  }
}
