package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.error.ApiException;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.PermissionDeniedException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.ServerException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error body Gemini documents, through the real HTTP path: the neutral exception, its code, retries. */
class GeminiErrorTest extends MockGeminiTest {
  private static final Map<String, Class<? extends ApiException>> TYPES = Map.of(
      "InvalidRequestException", InvalidRequestException.class,
      "PermissionDeniedException", PermissionDeniedException.class,
      "NotFoundException", NotFoundException.class,
      "RateLimitException", RateLimitException.class,
      "ServerException", ServerException.class);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "400-invalid-argument, 400, INVALID_ARGUMENT, InvalidRequestException, 1, Unknown name",
    "400-failed-precondition, 400, FAILED_PRECONDITION, InvalidRequestException, 1, billing account",
    "403-permission-denied, 403, PERMISSION_DENIED, PermissionDeniedException, 1, unregistered callers",
    "404-not-found, 404, NOT_FOUND, NotFoundException, 1, is not found for API version v1beta",
    "429-resource-exhausted, 429, RESOURCE_EXHAUSTED, RateLimitException, 3, Resource has been exhausted",
    "429-vertex-array, 429, RESOURCE_EXHAUSTED, RateLimitException, 3, Quota exceeded for aiplatform",
    "500-internal, 500, INTERNAL, ServerException, 3, An internal error has occurred",
    "503-unavailable, 503, UNAVAILABLE, ServerException, 3, The model is overloaded",
    "504-deadline-exceeded, 504, DEADLINE_EXCEEDED, ServerException, 3, Deadline expired",
  })
  void eachDocumentedErrorBecomesTheNeutralExceptionWithGooglesStatusAsCode(
      String fixture, int status, String code, String type, int attempts, String excerpt) {
    for (int i = 0; i < attempts; i++) {
      server.enqueue(json(status, "errors/" + fixture + ".json"));
    }
    NextTokenException e = assertThrows(NextTokenException.class, () -> model.chat("Hi"));

    assertEquals(TYPES.get(type), e.getClass());
    assertEquals(status, e.httpStatus());
    assertEquals("gemini", e.provider());
    assertEquals(code, e.details().errorCode());
    assertEquals(attempts, server.getRequestCount());
    assertTrue(e.getMessage().contains(excerpt), e.getMessage());
    assertTrue(e.getMessage().startsWith("gemini: HTTP " + status + " (" + code + "): "), e.getMessage());
    assertFalse(e.getMessage().contains(GeminiTestSupport.KEY));
  }

  @Test
  void googlesRetryInfoIsTheRetryHint() {
    server.enqueue(json(429, "errors/429-resource-exhausted.json"));
    try (GeminiModel once = GeminiTestSupport.builder(server).maxRetries(0).build()) {
      RateLimitException e = assertThrows(RateLimitException.class, () -> once.chat("Hi"));
      assertEquals(java.time.Duration.ofMillis(250), e.retryAfter().orElseThrow(), "retryDelay \"0.25s\"");
    }
  }

  @Test
  void theServersLogprobsRefusalSaysSoAndIsNotRetried() {
    server.enqueue(json(400, "errors/400-logprobs-not-enabled.json"));
    // A model the SDK does not know to refuse (a preview name): the server's 400 is the answer.
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> model.chat(ChatRequest.builder().user("Hi").model("gemini-exp-1206").topLogprobs(3).build()));

    assertEquals(1, server.getRequestCount());
    assertEquals("INVALID_ARGUMENT", e.details().errorCode());
    assertFalse(e.isRetryable());
    assertTrue(e.getMessage().contains("Logprobs is not enabled for models/gemini-2.5-flash"), e.getMessage());
    assertTrue(e.getMessage().endsWith("this model gives no logprobs here; ask without logprobs"), e.getMessage());
  }

  @Test
  void anErrorStatusOnAStreamingCallThrowsBeforeAnyChunk() {
    server.enqueue(json(404, "errors/404-not-found.json"));
    NotFoundException e = assertThrows(NotFoundException.class, () -> model.chatStreaming(ChatRequest.of("Hi")).close());
    assertEquals("NOT_FOUND", e.details().errorCode());
  }

  @Test
  void aStreamedLogprobsRefusalSaysSoToo() {
    server.enqueue(json(400, "errors/400-logprobs-not-enabled.json"));
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> model.chatStreaming(ChatRequest.builder().user("Hi").topLogprobs(0).build()).close());
    assertTrue(e.getMessage().endsWith("ask without logprobs"), e.getMessage());
  }
}
