package dev.nexttoken.llamacpp;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh MockWebServer and a model pointed at it for each test, closed after it. */
abstract class MockServerTest {
  protected MockWebServer server;
  protected LlamaCppModel model;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
    model = Fixtures.model(server).build();
  }

  @AfterEach
  void stopServer() {
    model.close();
    server.close();
  }
}
