package dev.nexttoken.openai;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh MockWebServer per test and an {@link OpenAiResponsesModel} on it: OpenAI's dialect (so
 * per-model capabilities apply), a test key, no retries, and the model requests default to.
 */
abstract class ResponsesServerTest {
  protected final MockWebServer server = new MockWebServer();
  protected OpenAiResponsesModel model;

  /** The model requests go to unless they name one. */
  protected String defaultModel() {
    return "gpt-4.1-mini";
  }

  /** What a test class sets beyond the defaults; applied last, so it may override them. */
  protected OpenAiResponsesModel.Builder configure(OpenAiResponsesModel.Builder builder) {
    return builder;
  }

  @BeforeEach
  void startServer() throws Exception {
    server.start();
    model = configure(OpenAiResponsesModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-test-key")
        .dialect(OpenAiDialect.OPENAI).model(defaultModel()).maxRetries(0)).build();
  }

  @AfterEach
  void stopServer() {
    model.close();
    server.close();
  }
}
