package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.QuotaExceededException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.ServerException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's error cases beyond the status table of the contract suite: permanent quota errors,
 * {@code x-should-retry}, {@code retry-after-ms}, and llama.cpp's integer error code.
 */
class ErrorsTest {
  private static final RetrySettings FAST = RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

  private final MockWebServer server = new MockWebServer();
  private OpenAiModel model;

  @BeforeEach
  void start() throws Exception {
    server.start();
    model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-errors-SECRET").model("gpt-4o-mini").retry(FAST).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  private static MockResponse error(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_err").body(body).build();
  }

  @Test
  void insufficientQuotaIsPermanentAndNotRetried() {
    server.enqueue(error(429, read("completions", "error-insufficient-quota.json")));
    server.enqueue(json(read("chat", "logprobs.json")));

    QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> model.chat("Hi"));

    assertEquals(1, server.getRequestCount());
    assertFalse(e.isRetryable());
    assertEquals("insufficient_quota", e.details().errorCode());
    assertEquals("req_err", e.requestId().orElseThrow());
    assertFalse(RateLimitException.class.isInstance(e), "HTTP 429, but a retry-later handler must not catch it");
  }

  @Test
  void xShouldRetryFalseStopsARetry() {
    server.enqueue(new MockResponse.Builder(error(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"))
        .setHeader("x-should-retry", "false").build());
    server.enqueue(json(read("chat", "logprobs.json")));

    ServerException e = assertThrows(ServerException.class, () -> model.chat("Hi"));

    assertFalse(e.isRetryable());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aRateLimitWithRetryAfterMsIsRetried() {
    server.enqueue(new MockResponse.Builder(error(429,
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"))
        .setHeader("retry-after-ms", "3").build());
    server.enqueue(json(read("chat", "logprobs.json")));

    assertEquals("Paris", model.chat("Hi").text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aRateLimitCarriesItsRetryAfterWhenRetriesAreOff() {
    server.enqueue(new MockResponse.Builder(error(429,
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"))
        .setHeader("retry-after-ms", "1500").build());

    try (OpenAiModel noRetry = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).model("m").maxRetries(0).build()) {
      RateLimitException e = assertThrows(RateLimitException.class, () -> noRetry.chat("Hi"));
      assertTrue(e.isRetryable());
      assertEquals(Duration.ofMillis(1500), e.retryAfter().orElseThrow());
    }
  }

  @Test
  void llamaCppsIntegerErrorCodeIsRead() {
    server.enqueue(error(400, read("completions", "error-llamacpp.json")));

    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> model.complete(CompletionRequest.of("Hi")));

    assertEquals("400", e.details().errorCode());
    assertEquals("invalid_request_error", e.details().errorType());
    assertTrue(e.getMessage().contains("\"prompt\" must be provided"), e.getMessage());
  }

  @Test
  void theKeyNeverShowsInAnError() {
    server.enqueue(error(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-errors-SECRET.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

    NextTokenException e = assertThrows(NextTokenException.class,
        () -> model.chatStreaming(ChatRequest.of("Hi")).close());

    assertFalse(e.getMessage().contains("sk-errors-SECRET"), e.getMessage());
    assertEquals("invalid_api_key", e.details().errorCode());
  }
}
