package dev.nexttoken.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.error.ApiException;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.ServerException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error body Ollama documents ({@code {"error": "<text>"}}: docs/api/errors.mdx and the
 * statuses of server/routes.go) to its exception, its message kept, and the retries the status implies.
 */
class OllamaErrorTest extends OllamaServerTest {
  static Stream<Arguments> documented() {
    return Stream.of(
        Arguments.of(400, "400-top-logprobs.json", InvalidRequestException.class, "top_logprobs must be between 0 and 20", 1),
        Arguments.of(400, "400-thinking.json", InvalidRequestException.class, "does not support thinking", 1),
        Arguments.of(404, "404-model.json", NotFoundException.class, "model 'nope' not found", 1),
        Arguments.of(429, "429.json", RateLimitException.class, "too many requests", 3),
        Arguments.of(499, "499.json", ApiException.class, "context canceled", 3),
        Arguments.of(500, "500.json", ServerException.class, "llama runner process has terminated", 3),
        Arguments.of(502, "502.json", ServerException.class, "remote model is unavailable", 3),
        Arguments.of(503, "503.json", ServerException.class, "maximum pending requests exceeded", 3));
  }

  @ParameterizedTest(name = "HTTP {0} {1}")
  @MethodSource("documented")
  void blocking(int status, String file, Class<? extends NextTokenException> type, String message, int requests) {
    enqueue(status, file, requests);

    NextTokenException e = assertThrows(type, () -> model.chat(ChatRequest.builder().user("Hi").topLogprobs(2).build()));

    check(e, status, type, message, requests);
  }

  @ParameterizedTest(name = "HTTP {0} {1}")
  @MethodSource("documented")
  void streaming(int status, String file, Class<? extends NextTokenException> type, String message, int requests) {
    enqueue(status, file, requests);

    NextTokenException e = assertThrows(type, () -> collect(ChatRequest.builder().user("Hi").topLogprobs(2).build()));

    check(e, status, type, message, requests);
  }

  private void enqueue(int status, String file, int requests) {
    for (int i = 0; i < requests; i++) {
      server.enqueue(OllamaTestSupport.json(status, "errors/" + file));
    }
  }

  private void check(NextTokenException e, int status, Class<? extends NextTokenException> type, String message, int requests) {
    assertEquals(type, e.getClass(), e::toString);
    assertEquals(status, e.httpStatus());
    assertEquals("ollama", e.provider());
    assertTrue(e.getMessage().contains(message), e::getMessage);
    assertTrue(e.getMessage().contains("HTTP " + status), e::getMessage);
    assertEquals(requests, server.getRequestCount(), "the first request and the retries its status allows (2 by default)");
  }
}
