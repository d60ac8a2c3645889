package dev.nexttoken.openai;

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
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Responses API's HTTP error bodies (the chat completions envelope, wire-formats-2 §1.5), each to
 * its typed exception, blocking and streamed, with the retries the status implies; and reasoning
 * models, which refuse logprobs.
 */
class ResponsesErrorsTest extends ResponsesServerTest {
  private static final RetrySettings FAST = RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
  private static final String KEY = "sk-responses-SECRET-42";

  @Override
  protected OpenAiResponsesModel.Builder configure(OpenAiResponsesModel.Builder builder) {
    return builder.apiKey(KEY).retry(FAST.withMaxRetries(2));
  }

  private static MockResponse error(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_err").body(body).build();
  }

  private static Class<?> exception(String simpleName) {
    try {
      return Class.forName("dev.nexttoken.error." + simpleName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "HTTP {0} {1}, streaming={4}")
  @CsvSource({
      "400, error-temperature.json, InvalidRequestException, 1, false",
      "400, error-temperature.json, InvalidRequestException, 1, true",
      "401, error-invalid-key.json, AuthenticationException, 1, false",
      "401, error-invalid-key.json, AuthenticationException, 1, true",
      "404, error-model-not-found.json, NotFoundException, 1, false",
      "404, error-model-not-found.json, NotFoundException, 1, true",
      "429, error-rate-limit.json, RateLimitException, 3, false",
      "429, error-rate-limit.json, RateLimitException, 3, true",
      "429, error-quota.json, QuotaExceededException, 1, false",
      "429, error-quota.json, QuotaExceededException, 1, true",
      "500, error-server.json, ServerException, 3, false",
      "500, error-server.json, ServerException, 3, true"})
  void everyDocumentedErrorBodyBecomesItsTypedException(int status, String fixture, String type, int requests, boolean streaming) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(error(status, read("responses", fixture)));
    }
    ChatRequest request = ChatRequest.builder().user("Hi").maxTokens(16).build();

    NextTokenException e = assertThrows(NextTokenException.class, () -> {
      if (streaming) {
        model.chatStreaming(request).close();
      } else {
        model.chat(request);
      }
    });

    assertEquals(exception(type), e.getClass(), e::toString);
    assertEquals(status, e.httpStatus());
    assertEquals("openai-responses", e.provider());
    assertEquals("req_err", e.requestId().orElseThrow());
    assertTrue(e.getMessage().startsWith("openai-responses: HTTP " + status), e::getMessage);
    assertEquals(requests, server.getRequestCount(), "requests sent");
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void aKnownReasoningModelIsRefusedLogprobsBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("hello, ").model("gpt-5-mini").topLogprobs(3).maxTokens(16).build()));

    assertEquals(0, server.getRequestCount());
    assertTrue(e.getMessage().contains("reasoning model"), e::getMessage);
  }

  @Test
  void aServerThatRefusesLogprobsAnywayGetsOneRequestAndAClearError() {
    server.enqueue(error(400, read("responses", "error-reasoning-logprobs.json")));
    server.enqueue(error(400, read("responses", "error-reasoning-logprobs.json")));
    // gpt-5.4 is left to the server (reported to give logprobs); here it refuses.
    ChatRequest request = ChatRequest.builder().user("hello, ").model("gpt-5.4").topLogprobs(3).maxTokens(16).build();

    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> model.chat(request));

    assertEquals(1, server.getRequestCount(), "a 400 is not retried");
    assertEquals("unsupported_parameter", e.details().errorCode());
    assertTrue(e.getMessage().contains("logprobs are not supported with reasoning models."), e::getMessage);
    assertTrue(e.getMessage().endsWith("this model gives no logprobs: ask without topLogprobs"), e::getMessage);
    InvalidRequestException streamed = assertThrows(InvalidRequestException.class, () -> model.chatStreaming(request).close());
    assertTrue(streamed.getMessage().endsWith("ask without topLogprobs"), streamed::getMessage);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void completionIsNotOfferedByTheResponsesApi() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.complete(CompletionRequest.builder("Once upon").maxTokens(16).build()));

    assertTrue(e.getMessage().contains("no raw prompt"), e::getMessage);
    assertEquals(0, server.getRequestCount());
  }
}
