package dev.nexttoken.ollama;

import static dev.nexttoken.ollama.OllamaTestSupport.json;
import static dev.nexttoken.ollama.OllamaTestSupport.ndjson;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh MockWebServer per test and an {@link OllamaModel} on it ({@link OllamaTestSupport#model}:
 * {@link OllamaTestSupport#MODEL}, retries without waiting), with the two ways a test reads an answer.
 */
abstract class OllamaServerTest {
  protected final MockWebServer server = new MockWebServer();
  protected OllamaModel model;

  @BeforeEach
  void startServer() throws Exception {
    server.start();
    model = OllamaTestSupport.model(server);
  }

  @AfterEach
  void stopServer() {
    model.close();
    server.close();
  }

  /** {@code request} answered from {@code chat/<fixture>.json}, or streamed from {@code chat/<fixture>.ndjson} and collected. */
  protected Completion answer(String fixture, boolean stream, ChatRequest request) {
    if (!stream) {
      server.enqueue(json("chat/" + fixture + ".json"));
      return model.chat(request);
    }
    server.enqueue(ndjson("chat/" + fixture + ".ndjson"));
    return collect(request);
  }

  /** {@code request} streamed, with what the server has queued, and collected. */
  protected Completion collect(ChatRequest request) {
    try (CompletionStream s = model.chatStreaming(request)) {
      return s.collect();
    }
  }
}
