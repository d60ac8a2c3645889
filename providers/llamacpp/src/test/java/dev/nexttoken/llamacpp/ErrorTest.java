package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.ServerException;
import dev.nexttoken.error.StreamErrorException;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** llama-server's {@code {"error":{"code":<int>,"message","type"}}} bodies and broken streams as typed exceptions. */
class ErrorTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static CompletionRequest request() {
    return CompletionRequest.builder("Say hello").maxTokens(2).topLogprobs(2).build();
  }

  @Test
  void promptOverTheContextIsAnInvalidRequestWithTheServersMessage() {
    server.enqueue(Fixtures.json(400, "completion/exceed-context"));

    try (LlamaCppModel model = Fixtures.model(server).build()) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> model.complete(request()));

      assertEquals(400, e.httpStatus());
      assertEquals("exceed_context_size_error", e.details().errorType());
      assertEquals("400", e.details().errorCode(), "llama.cpp's integer code, as text");
      assertEquals("request (321 tokens) exceeds the available context size (256 tokens), try increasing it",
          e.details().providerMessage());
      assertTrue(e.getMessage().contains("exceeds the available context size"), e::getMessage);
      assertEquals("llamacpp", e.provider());
    }
  }

  @Test
  void loadingModelIsARetryableServerErrorThatIsRetried() {
    server.enqueue(Fixtures.json(503, "completion/loading"));
    server.enqueue(Fixtures.json("completion/known"));
    RetrySettings fast = RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    try (LlamaCppModel model = Fixtures.model(server).retry(fast).build()) {
      Completion c = model.complete(request());

      assertEquals(" the machine learning", c.text());
      assertEquals(2, server.getRequestCount());
    }
  }

  @Test
  void loadingModelWithoutRetriesSaysWhatTheServerSaid() {
    server.enqueue(Fixtures.json(503, "completion/loading"));

    try (LlamaCppModel model = Fixtures.model(server).build()) {
      ServerException e = assertThrows(ServerException.class, () -> model.complete(request()));

      assertTrue(e.isRetryable());
      assertEquals("unavailable_error", e.details().errorType());
      assertEquals("Loading model", e.details().providerMessage());
    }
  }

  @Test
  void errorInsideAStreamIsAStreamErrorAfterTheTextBeforeIt() {
    server.enqueue(Fixtures.sse("completion/stream-error"));

    try (LlamaCppModel model = Fixtures.model(server).build(); CompletionStream stream = model.completeStreaming(request())) {
      StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);

      assertEquals("slot unavailable mid-generation", e.details().providerMessage());
      assertEquals("server_error", e.details().errorType());
      assertEquals("Hello", stream.partial().text());
    }
  }

  @Test
  void streamCutBeforeItsFinalEventFailsInsteadOfLookingComplete() {
    // Builds before Sep 2025 sent errors as a non-SSE "error:" line, which an SSE reader cannot see.
    server.enqueue(Fixtures.sse("completion/old-error-line"));

    try (LlamaCppModel model = Fixtures.model(server).build(); CompletionStream stream = model.completeStreaming(request())) {
      MalformedResponseException e = assertThrows(MalformedResponseException.class, stream::collect);

      assertTrue(e.getMessage().contains("ended before the server reported why it stopped"), e::getMessage);
      assertEquals("Hello", stream.partial().text());
    }
  }
}
