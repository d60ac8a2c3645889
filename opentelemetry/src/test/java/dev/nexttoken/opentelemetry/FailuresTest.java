package dev.nexttoken.opentelemetry;

import static dev.nexttoken.opentelemetry.GenAiAttributes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Timeouts;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.PermissionDeniedException;
import dev.nexttoken.error.QuotaExceededException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.ServerException;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.error.TimeoutException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each error type, blocking, streamed and async: the span ends with status ERROR, the exception's
 * message, {@code error.type} = the exception's class name, the HTTP status and the exception
 * event; the duration metric carries the same {@code error.type}.
 */
class FailuresTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final OpenAiServer server = new OpenAiServer();
  private final NextTokenTelemetry telemetry = NextTokenTelemetry.create(otel.sdk);
  private LanguageModel model;

  @AfterEach
  void stop() {
    if (model != null) {
      model.close();
    }
    server.close();
    otel.close();
  }

  enum Style { BLOCKING, STREAMED, ASYNC }

  static Stream<Arguments> httpFailures() {
    Stream<Arguments> cases = Stream.of(
        Arguments.of("400", OpenAiServer.error(400, "invalid_request_error", null, "bad request"), InvalidRequestException.class, 400),
        Arguments.of("401", OpenAiServer.error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"),
            AuthenticationException.class, 401),
        Arguments.of("403", OpenAiServer.error(403, "invalid_request_error", null, "not allowed"), PermissionDeniedException.class, 403),
        Arguments.of("404", OpenAiServer.error(404, "invalid_request_error", "model_not_found", "no such model"), NotFoundException.class, 404),
        Arguments.of("429 rate", OpenAiServer.error(429, "requests", "rate_limit_exceeded", "slow down"), RateLimitException.class, 429),
        Arguments.of("429 quota", OpenAiServer.error(429, "insufficient_quota", "insufficient_quota", "quota used up"),
            QuotaExceededException.class, 429),
        Arguments.of("500", OpenAiServer.error(500, "server_error", null, "oops"), ServerException.class, 500),
        Arguments.of("truncated body", OpenAiServer.json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"mess"), MalformedResponseException.class, 0),
        Arguments.of("first byte too late", OpenAiServer.json(200, "{}").newBuilder().headersDelay(3, TimeUnit.SECONDS).build(),
            TimeoutException.class, 0));
    return cases.flatMap(c -> Stream.of(Style.values()).map(style -> Arguments.of(style, c.get()[0], c.get()[1], c.get()[2], c.get()[3])));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("httpFailures")
  void eachErrorEndsTheSpanAsAnError(Style style, String name, MockResponse response, Class<? extends NextTokenException> expected,
      int status) {
    server.server.enqueue(response);
    model = telemetry.wrap(server.model().timeouts(Timeouts.of(Duration.ofMillis(500))).build());

    NextTokenException e = call(style, model);

    assertInstanceOf(expected, e);
    SpanData span = otel.onlySpan();
    assertFailure(span, e);
    if (status > 0) {
      assertEquals(status, span.getAttributes().get(HTTP_RESPONSE_STATUS_CODE).intValue());
    }
    assertEquals(e.getClass().getName(), single(otel).getAttributes().get(ERROR_TYPE));
  }

  private static NextTokenException call(Style style, LanguageModel model) {
    ChatRequest request = ChatRequest.of("Capital of France?");
    return switch (style) {
      case BLOCKING -> assertThrows(NextTokenException.class, () -> model.chat(request));
      case STREAMED -> assertThrows(NextTokenException.class, () -> {
        try (CompletionStream stream = model.chatStreaming(request)) {
          stream.collect();
        }
      });
      case ASYNC -> {
        ExecutionException e = assertThrows(ExecutionException.class, () -> model.chatAsync(request).get(10, TimeUnit.SECONDS));
        yield assertInstanceOf(NextTokenException.class, e.getCause());
      }
    };
  }

  private static void assertFailure(SpanData span, Throwable e) {
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(e.getMessage(), span.getStatus().getDescription());
    Attributes a = span.getAttributes();
    assertEquals(e.getClass().getName(), a.get(ERROR_TYPE));
    EventData exception = span.getEvents().stream().filter(ev -> ev.getName().equals("exception")).findFirst().orElseThrow();
    assertEquals(e.getClass().getName(), exception.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("exception.type")));
  }

  private static io.opentelemetry.sdk.metrics.data.HistogramPointData single(TestTelemetry otel) {
    var points = otel.histogram(DURATION_METRIC);
    assertEquals(1, points.size(), () -> "points: " + points);
    return points.get(0);
  }

  @Test
  void aRefusedConnectionIsAConnectionException() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    model = telemetry.wrap(server.model().baseUrl("http://127.0.0.1:" + closedPort + "/v1").build());

    NextTokenException e = call(Style.BLOCKING, model);

    assertInstanceOf(ConnectionException.class, e);
    assertFailure(otel.onlySpan(), e);
    assertEquals("127.0.0.1", otel.onlySpan().getAttributes().get(SERVER_ADDRESS));
  }

  static Stream<Arguments> refusedBeforeSending() {
    return Stream.of(
        Arguments.of("temperature out of range", (Consumer<ChatRequest.Builder>) b -> b.temperature(5.0), RequestValidationException.class),
        Arguments.of("top_k, which OpenAI lacks", (Consumer<ChatRequest.Builder>) b -> b.topK(3), UnsupportedCapabilityException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedBeforeSending")
  void aRequestRefusedBeforeSendingIsStillASpan(String name, Consumer<ChatRequest.Builder> option, Class<? extends NextTokenException> expected) {
    model = telemetry.wrap(server.model().build());
    ChatRequest.Builder request = ChatRequest.builder().user("Capital of France?");
    option.accept(request);

    NextTokenException e = assertThrows(expected, () -> model.chat(request.build()));

    assertFailure(otel.onlySpan(), e);
    assertNull(otel.onlySpan().getAttributes().get(HTTP_RESPONSE_STATUS_CODE));
    assertEquals(0, server.server.getRequestCount());
  }

  @Test
  void anErrorInsideAStreamKeepsWhatArrivedBeforeIt() {
    server.server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body("data: {\"id\":\"chatcmpl-6\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n")
        .build());
    model = telemetry.wrap(server.model().build());
    StringBuilder text = new StringBuilder();

    StreamErrorException e = assertThrows(StreamErrorException.class, () -> {
      try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
        stream.forEach(chunk -> text.append(chunk.textDelta()));
      }
    });

    assertEquals("Par", text.toString());
    SpanData span = otel.onlySpan();
    assertFailure(span, e);
    assertEquals("gpt-4o-mini-2024-07-18", span.getAttributes().get(RESPONSE_MODEL), "the partial answer's fields");
    assertNotNull(span.getAttributes().get(RESPONSE_TIME_TO_FIRST_CHUNK));
  }

  @Test
  void aStreamThatEndsWithoutAFinishIsMalformed() {
    server.server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body("data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"},\"finish_reason\":null}]}\n\n")
        .build());
    model = telemetry.wrap(server.model().build());

    NextTokenException e = call(Style.STREAMED, model);

    assertInstanceOf(MalformedResponseException.class, e);
    assertFailure(otel.onlySpan(), e);
  }
}
