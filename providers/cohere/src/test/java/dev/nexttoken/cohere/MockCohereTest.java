package dev.nexttoken.cohere;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link MockWebServer} and a {@link CohereModel} pointed at it, for each test. */
abstract class MockCohereTest {
  protected MockWebServer server;
  protected CohereModel model;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
    model = CohereTestSupport.model(server); // 2 retries, no waiting
  }

  @AfterEach
  void stopServer() {
    model.close();
    server.close();
  }
}
