package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.StreamErrorException;
import java.io.IOException;
import java.util.Iterator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An error reported inside a stream that already answered 200. */
class StreamErrorPayloadTest {
  private static final String FIRST = "data: {\"id\":\"fake-1\",\"text\":\"Hello\"}\n\n";

  private MockWebServer server;
  private FakeProviderModel model;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    model = TestTransports.model(server).retry(TestTransports.FAST_RETRIES).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      // OpenAI's shape
      "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}\n\n",
      // a named error event with a plain message
      "event: error\ndata: {\"message\":\"The server had an error\"}\n\n",
      // a named error event whose data is not JSON
      "event: error\ndata: The server had an error\n\n"})
  void errorPayloadBecomesStreamErrorAfterTheChunksBeforeIt(String errorEvent) {
    server.enqueue(sse(FIRST + errorEvent + "data: [DONE]\n\n"));
    server.enqueue(sse(FIRST + "data: [DONE]\n\n"));

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      Iterator<Chunk> chunks = stream.iterator();
      assertEquals("Hello", chunks.next().textDelta());

      StreamErrorException e = assertThrows(StreamErrorException.class, chunks::hasNext);

      assertEquals("fake", e.provider());
      assertEquals("The server had an error", e.details().providerMessage());
      assertTrue(e.getMessage().contains("The server had an error"), e::getMessage);
      assertEquals("req-s1", e.requestId().orElseThrow(), "the response header's request id");
      assertFalse(e.isRetryable());
      assertEquals("Hello", stream.partial().text());
    }
    assertEquals(1, server.getRequestCount(), "a stream that started is not replayed");
  }

  @Test
  void errorPayloadEchoingTheKeyIsRedacted() {
    server.enqueue(sse("data: {\"error\":{\"message\":\"bad key " + TestTransports.KEY + "\"}}\n\n"));

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);

      assertFalse(e.getMessage().contains(TestTransports.KEY), e::getMessage);
      assertFalse(e.details().toString().contains(TestTransports.KEY));
    }
  }

  @Test
  void textThatMentionsErrorIsNotAnError() {
    server.enqueue(sse("data: {\"id\":\"fake-1\",\"text\":\"an \\\"error\\\": not really\"}\n\ndata: [DONE]\n\n"));

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      assertEquals("an \"error\": not really", stream.collect().text());
    }
  }

  @Test
  void unreadableEventIsMalformedNotAJacksonException() {
    server.enqueue(sse(FIRST + "data: {\"text\": oops}\n\n"));

    try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      MalformedResponseException e = assertThrows(MalformedResponseException.class, stream::collect);

      assertTrue(e.getMessage().startsWith("fake: expected a fake stream event"), e::getMessage);
      assertEquals("Hello", stream.partial().text());
    }
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").setHeader("x-request-id", "req-s1").body(body).build();
  }
}
