package dev.nexttoken.gemini;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link MockWebServer} and a {@link GeminiModel} pointed at it, for each test. */
abstract class MockGeminiTest {
  protected MockWebServer server;
  protected GeminiModel model;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
    model = GeminiTestSupport.builder(server).build(); // 2 retries, no waiting
  }

  @AfterEach
  void stopServer() {
    model.close();
    server.close();
  }
}
