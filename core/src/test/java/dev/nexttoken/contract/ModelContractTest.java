package dev.nexttoken.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Usage;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.PermissionDeniedException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.ServerException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every provider must do alike, checked against a {@link MockWebServer} speaking that
 * provider's wire format. A provider module runs it by extending this class (core's test-jar, test
 * scope) and answering five questions: how to build a model for a base URL, which operation to
 * exercise, and what a success, a streamed success and an error look like on its wire.
 *
 * <p>The model returned by {@link #newModel} must be ready to call: a default model name set where
 * the provider needs one, and the given retry settings applied. The answers must say "Hello world"
 * in two tokens ({@code "Hello"}, {@code " world"}) with logprobs, {@link #topLogprobsForContract()}
 * alternatives each.
 *
 * <p>Test-scoped dependencies are not transitive: besides core's {@code test-jar}, the provider
 * module declares {@code mockwebserver3} and {@code junit-jupiter-params} itself.
 * {@code FakeProviderContractTest} in core is the smallest complete example.
 */
public abstract class ModelContractTest {
  /** The fake key: recognisable, so a leak into any message is caught. */
  protected static final String API_KEY = "sk-contract-SECRET-1234";

  /** Retries on, with waits of a few milliseconds so tests stay fast. */
  protected static final RetrySettings FAST_RETRIES = RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

  private static final Map<Integer, Class<? extends NextTokenException>> EXPECTED = Map.of(
      400, InvalidRequestException.class,
      401, AuthenticationException.class,
      403, PermissionDeniedException.class,
      404, NotFoundException.class,
      422, InvalidRequestException.class,
      429, RateLimitException.class,
      500, ServerException.class,
      503, ServerException.class);

  protected MockWebServer server;
  private LanguageModel model;

  /** A model that talks to {@code baseUrl} (the server's root; append the provider's path prefix). */
  protected abstract LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry);

  /** The operation the contract exercises. */
  protected abstract Operation operation();

  /** A non-streaming success: "Hello world" in two tokens, with logprobs. */
  protected abstract MockResponse answer();

  /** The same answer, streamed. */
  protected abstract MockResponse streamedAnswer();

  /** The provider's documented error response for {@code status}, carrying {@code message}. */
  protected abstract MockResponse error(int status, String message);

  /**
   * Where {@link #newModel}'s {@code apiKey} travels: {@code Authorization: Bearer} unless the
   * provider sends keys in its own header ({@link CredentialScheme#apiKey(String, String)}).
   */
  protected CredentialScheme scheme() {
    return CredentialScheme.apiKey();
  }

  /** How many alternatives per token the contract asks for. */
  protected int topLogprobsForContract() {
    return 2;
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    if (model != null) {
      model.close();
    }
    server.close();
  }

  @Test
  void answersWithTextAndOneLogprobPerToken() {
    server.enqueue(answer());

    Completion completion = call(model(RetrySettings.NONE), topLogprobsForContract());

    assertEquals("Hello world", completion.text());
    assertNotNull(completion.logprobs(), "logprobs were requested");
    assertEquals(2, completion.logprobs().size(), () -> "one entry per token: " + completion.logprobs());
    assertEquals("Hello world", completion.logprobs().stream().map(TokenLogprob::token).collect(Collectors.joining()));
    for (TokenLogprob token : completion.logprobs()) {
      assertNotNull(token.logprob(), () -> "logprob of " + token);
      assertTrue(token.logprob() <= 0, () -> "logprob of " + token);
    }
  }

  @Test
  void collectedStreamEqualsTheNonStreamingResponse() {
    server.enqueue(answer());
    server.enqueue(streamedAnswer());
    LanguageModel m = model(RetrySettings.NONE);

    Completion whole = call(m, topLogprobsForContract());
    Completion collected;
    try (CompletionStream stream = stream(m, topLogprobsForContract())) {
      collected = stream.collect();
    }

    assertEquals(whole.text(), collected.text());
    assertEquals(whole.logprobs(), collected.logprobs());
    assertNotNull(collected.finishReason(), "the stream reports why it finished");
    assertEquals(whole.finishReason().kind(), collected.finishReason().kind());
    if (!collected.usage().equals(Usage.UNKNOWN)) {
      assertEquals(whole.usage(), collected.usage());
    }
  }

  @Test
  void collectAfterIteratingStillReturnsEverything() {
    server.enqueue(streamedAnswer());

    try (CompletionStream stream = stream(model(RetrySettings.NONE), topLogprobsForContract())) {
      Iterator<Chunk> chunks = stream.iterator();
      assertTrue(chunks.hasNext());
      chunks.next();
      Completion collected = stream.collect();

      assertEquals("Hello world", collected.text());
      assertEquals(2, collected.logprobs().size());
    }
  }

  @Test
  void closingAStreamEarlyCancelsTheCall() throws InterruptedException {
    CountDownLatch clientGone = new CountDownLatch(1);
    server.enqueue(ScriptedBody.thenKeepAlive(streamedAnswer(), clientGone));

    CompletionStream stream = stream(model(RetrySettings.NONE), topLogprobsForContract());
    Iterator<Chunk> chunks = stream.iterator();
    assertTrue(chunks.hasNext());
    chunks.next();
    stream.close();

    assertTrue(clientGone.await(10, TimeUnit.SECONDS), "the server saw the connection closed");
    assertFalse(chunks.hasNext(), "a closed stream yields nothing more, without throwing");
  }

  static Stream<Arguments> statuses() {
    return EXPECTED.keySet().stream().sorted().flatMap(status -> Stream.of(Arguments.of(status, false), Arguments.of(status, true)));
  }

  @ParameterizedTest(name = "HTTP {0}, streaming={1}")
  @MethodSource("statuses")
  void errorStatusBecomesTypedExceptionWithoutTheKey(int status, boolean streaming) {
    String providerMessage = "contract failure " + status;
    // Providers echo (part of) the key in some messages; it must be redacted before it reaches ours.
    server.enqueue(error(status, providerMessage + " for key " + API_KEY));
    LanguageModel m = model(RetrySettings.NONE);

    NextTokenException e = assertThrows(NextTokenException.class, () -> {
      if (streaming) {
        stream(m, topLogprobsForContract()).close();
      } else {
        call(m, topLogprobsForContract());
      }
    });

    assertEquals(EXPECTED.get(status), e.getClass(), () -> "HTTP " + status + " gave " + e);
    assertEquals(m.provider(), e.provider());
    assertEquals(status, e.httpStatus());
    assertTrue(e.getMessage().contains(providerMessage), () -> "the provider's message is kept: " + e.getMessage());
    assertKeyAbsent(e);
    assertFalse(m.toString().contains(API_KEY), m::toString);
  }

  @Test
  void serverErrorIsRetried() throws InterruptedException {
    server.enqueue(error(503, "overloaded"));
    server.enqueue(answer());

    Completion completion = call(model(FAST_RETRIES), topLogprobsForContract());

    assertEquals("Hello world", completion.text());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void badRequestIsNotRetried() {
    server.enqueue(error(400, "bad request"));
    server.enqueue(answer());

    assertThrows(InvalidRequestException.class, () -> call(model(FAST_RETRIES), topLogprobsForContract()));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void tooManyAlternativesFailBeforeAnythingIsSent() {
    LanguageModel m = model(RetrySettings.NONE);
    OperationCapabilities capabilities = m.capabilities().of(operation());
    assumeFalse(capabilities.unlimitedTopLogprobs(), "the provider has no limit on alternatives");
    int tooMany = capabilities.maxTopLogprobs() + 1;

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> call(m, tooMany));
    assertThrows(UnsupportedCapabilityException.class, () -> stream(m, tooMany).close());

    assertEquals(0, server.getRequestCount());
    assertTrue(e.getMessage().contains(String.valueOf(tooMany)), e::getMessage);
  }

  @Test
  void requestCarriesTheKeyAndContentLength() throws InterruptedException {
    server.enqueue(answer());
    server.enqueue(streamedAnswer());
    LanguageModel m = model(RetrySettings.NONE);

    call(m, topLogprobsForContract());
    try (CompletionStream stream = stream(m, topLogprobsForContract())) {
      stream.collect();
    }

    for (int i = 0; i < 2; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(request);
      assertEquals("POST", request.getMethod());
      assertEquals(scheme().prefix() + API_KEY, request.getHeaders().get(scheme().header()));
      assertEquals(String.valueOf(request.getBodySize()), request.getHeaders().get("Content-Length"));
      assertNull(request.getHeaders().get("Transfer-Encoding"), "the body is not chunked");
    }
  }

  /** The model under test, closed after the test. */
  protected LanguageModel model(RetrySettings retry) {
    model = newModel(server.url("/").toString(), API_KEY, retry);
    return model;
  }

  private Completion call(LanguageModel m, int topLogprobs) {
    return operation() == Operation.COMPLETION
        ? m.complete(CompletionRequest.builder("Say hello").maxTokens(2).topLogprobs(topLogprobs).build())
        : m.chat(ChatRequest.builder().user("Say hello").maxTokens(2).topLogprobs(topLogprobs).build());
  }

  private CompletionStream stream(LanguageModel m, int topLogprobs) {
    return operation() == Operation.COMPLETION
        ? m.completeStreaming(CompletionRequest.builder("Say hello").maxTokens(2).topLogprobs(topLogprobs).build())
        : m.chatStreaming(ChatRequest.builder().user("Say hello").maxTokens(2).topLogprobs(topLogprobs).build());
  }

  /** Fails if the key shows in the exception, its details or anything it wraps. */
  protected static void assertKeyAbsent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Throwable current = t;
      assertFalse(String.valueOf(t.getMessage()).contains(API_KEY), () -> "key in message: " + current);
      assertFalse(t.toString().contains(API_KEY), () -> "key in toString: " + current);
      if (t instanceof NextTokenException n) {
        assertFalse(n.details().toString().contains(API_KEY), () -> "key in details: " + n.details());
      }
      for (Throwable s : t.getSuppressed()) {
        assertKeyAbsent(s);
      }
    }
  }
}
