package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.CompletionRequest;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** close() releases what the model created and nothing the caller lent it. */
class ClientLifecycleTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void callersClientIsSharedAndLeftUsableAfterClose() throws Exception {
    OkHttpClient caller = new OkHttpClient();
    try {
      server.enqueue(FakeProviderFixtures.answer());
      server.enqueue(FakeProviderFixtures.answer());
      FakeProviderModel model = TestTransports.model(server).httpClient(caller).build();

      assertSame(caller.connectionPool(), model.transport().client().connectionPool(), "one pool for the whole application");
      assertSame(caller.dispatcher(), model.transport().client().dispatcher());
      model.completeAsync(CompletionRequest.of("Say hello")).get(10, TimeUnit.SECONDS);
      model.close();

      assertFalse(caller.dispatcher().executorService().isShutdown());
      try (Response response = caller.newCall(new Request.Builder().url(server.url("/again")).build()).execute()) {
        assertEquals(200, response.code());
      }
    } finally {
      caller.dispatcher().executorService().shutdown();
      caller.connectionPool().evictAll();
    }
  }

  @Test
  void ownClientStopsItsThreadsAndConnectionsOnClose() throws Exception {
    server.enqueue(FakeProviderFixtures.answer());
    FakeProviderModel model = TestTransports.model(server).build();
    OkHttpClient own = model.transport().client();
    model.completeAsync(CompletionRequest.of("Say hello")).get(10, TimeUnit.SECONDS);
    assertEquals(1, own.connectionPool().connectionCount(), "the finished call's connection is pooled");

    model.close();

    ExecutorService threads = own.dispatcher().executorService();
    assertTrue(threads.isShutdown());
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "the dispatcher's threads end");
    assertEquals(0, own.connectionPool().connectionCount());
    model.close(); // idempotent
  }

  @Test
  void eachOwnClientIsSeparate() {
    try (FakeProviderModel a = TestTransports.model(server).build(); FakeProviderModel b = TestTransports.model(server).build()) {
      assertNotSame(a.transport().client().connectionPool(), b.transport().client().connectionPool());
    }
  }
}
