package dev.nexttoken.openai;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh MockWebServer per test and an {@link OpenAiModel} on it: OpenAI's dialect (so per-model
 * capabilities apply), a test key, no retries, and the model requests default to. The chat and
 * legacy completion routes' counterpart of {@link ResponsesServerTest}.
 */
abstract class OpenAiServerTest {
  protected final MockWebServer server = new MockWebServer();
  protected OpenAiModel openAi;

  /** The model requests go to unless they name one; null for none, so that each request must. */
  protected String defaultModel() {
    return "gpt-4o";
  }

  @BeforeEach
  void startServer() throws Exception {
    server.start();
    OpenAiModel.Builder builder = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-test-key")
        .dialect(OpenAiDialect.OPENAI).maxRetries(0);
    if (defaultModel() != null) {
      builder.model(defaultModel());
    }
    openAi = builder.build();
  }

  @AfterEach
  void stopServer() {
    openAi.close();
    server.close();
  }
}
