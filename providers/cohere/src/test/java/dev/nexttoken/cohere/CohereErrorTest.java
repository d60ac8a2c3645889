package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.error.ApiException;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.PermissionDeniedException;
import dev.nexttoken.error.QuotaExceededException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.ServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cohere's error statuses through the real HTTP path: the neutral exception, retries, the error id. */
class CohereErrorTest extends MockCohereTest {
  @ParameterizedTest(name = "{0} -> {1}, attempts {2}")
  @CsvSource({
    "400, InvalidRequestException, 1",
    "401, AuthenticationException, 1",
    "402, QuotaExceededException, 1",
    "403, PermissionDeniedException, 1",
    "404, NotFoundException, 1",
    "422, InvalidRequestException, 1",
    "429, RateLimitException, 3",
    "498, AuthenticationException, 1",
    "499, ApiException, 3",
    "500, ServerException, 3",
    "501, ServerException, 1",
    "503, ServerException, 3",
    "504, ServerException, 3",
  })
  void statusMapsToTheNeutralExceptionAndRetriesOnlyWhatMaySucceed(int status, String type, int attempts) {
    for (int i = 0; i < attempts; i++) {
      server.enqueue(json(status, "chat/error.json"));
    }
    NextTokenException e = assertThrows(NextTokenException.class, () -> model.chat("Capital of France?"));

    assertEquals(expected(type), e.getClass());
    assertEquals(status, e.httpStatus());
    assertEquals("cohere", e.provider());
    assertEquals(attempts, server.getRequestCount());
    assertEquals(attempts > 1, e.isRetryable());
    // Cohere sends no request-id header; the body's id is what support asks for.
    assertEquals("0f3c9a6e-0000-4000-8000-00000000e001", e.requestId().orElseThrow());
    assertTrue(e.getMessage().contains("temperature must be between 0 and 1.0 inclusive"), e.getMessage());
    assertFalse(e.getMessage().contains(CohereTestSupport.KEY));
  }

  @Test
  void aRetriedStatusThatRecoversReturnsTheAnswer() {
    server.enqueue(json(499, "chat/error.json"));
    server.enqueue(json("chat/plain.json"));
    assertEquals("Paris", model.chat("Capital of France?").text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void billingLimitIsNeverRetried() {
    server.enqueue(json(402, "chat/error.json"));
    QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> model.chat("Capital of France?"));
    // Was assertInstanceOf(RateLimitException.class, e): a quota error is no longer a rate limit (issue 14, item 9).
    assertFalse(RateLimitException.class.isInstance(e), "a retry-later handler must not catch a permanent quota error");
    assertInstanceOf(ApiException.class, e);
    assertFalse(e.isRetryable());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void anErrorStatusOnAStreamingCallThrowsBeforeAnyChunk() {
    server.enqueue(json(498, "chat/error.json"));
    assertThrows(AuthenticationException.class, () -> {
      try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
        stream.collect();
      }
    });
  }

  private static Class<?> expected(String simpleName) {
    return switch (simpleName) {
      case "InvalidRequestException" -> InvalidRequestException.class;
      case "AuthenticationException" -> AuthenticationException.class;
      case "QuotaExceededException" -> QuotaExceededException.class;
      case "PermissionDeniedException" -> PermissionDeniedException.class;
      case "NotFoundException" -> NotFoundException.class;
      case "RateLimitException" -> RateLimitException.class;
      case "ServerException" -> ServerException.class;
      case "ApiException" -> ApiException.class;
      default -> throw new IllegalArgumentException(simpleName);
    };
  }
}
